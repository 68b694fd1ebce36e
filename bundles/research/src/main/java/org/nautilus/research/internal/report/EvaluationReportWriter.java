package org.nautilus.research.internal.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.DefaultXYZDataset;
import org.nautilus.api.research.evaluation.DailyIc;
import org.nautilus.api.research.evaluation.FactorEvaluation;

/**
 * Writes an evaluation as a report: {@code index.html} (summary table, monthly IC table, notes, the charts) and
 * four PNG charts drawn with JFreeChart: the daily IC with its 20-date moving average, the monthly IC heatmap, the
 * mean return per quantile, and the cumulative long-short return.
 */
public final class EvaluationReportWriter {

    public static final String INDEX = "index.html";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    private EvaluationReportWriter() {
    }

    /** Writes the report into {@code directory} (created if needed); returns the files, index first. */
    public static List<Path> write(FactorEvaluation evaluation, List<String> notes, Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true"); // a server: no display, only images
        Files.createDirectories(directory);
        List<Path> files = new ArrayList<>();
        files.add(directory.resolve(INDEX));
        files.add(png(directory.resolve("ic.png"), icChart(evaluation)));
        files.add(png(directory.resolve("monthly-ic.png"), monthlyHeatmap(evaluation)));
        files.add(png(directory.resolve("quantile-returns.png"), quantileChart(evaluation)));
        files.add(png(directory.resolve("long-short.png"), longShortChart(evaluation)));
        Files.writeString(files.get(0), html(evaluation, notes), StandardCharsets.UTF_8);
        return files;
    }

    private static Path png(Path file, JFreeChart chart) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }

    private static String title(FactorEvaluation e, String what) {
        return what + ": " + e.name() + (isGenerated(e) ? " (GENERATED data)" : "");
    }

    private static boolean isGenerated(FactorEvaluation e) {
        return e.source().startsWith("generated:");
    }

    static JFreeChart icChart(FactorEvaluation e) {
        TimeSeries daily = new TimeSeries("IC");
        TimeSeries average = new TimeSeries("IC, 20-date mean");
        List<DailyIc> days = e.daily();
        double window = 0;
        List<Double> recent = new ArrayList<>();
        for (DailyIc day : days) {
            if (Double.isNaN(day.ic())) {
                continue;
            }
            Day when = day(day.date());
            daily.addOrUpdate(when, day.ic());
            recent.add(day.ic());
            window += day.ic();
            if (recent.size() > 20) {
                window -= recent.get(recent.size() - 21);
            }
            average.addOrUpdate(when, window / Math.min(20, recent.size()));
        }
        TimeSeriesCollection data = new TimeSeriesCollection();
        data.addSeries(daily);
        data.addSeries(average);
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title(e, "Daily IC"), "date", "IC", data, true, false,
                false);
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, new Color(150, 170, 210));
        plot.getRenderer().setSeriesPaint(1, new Color(200, 40, 40));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    static JFreeChart monthlyHeatmap(FactorEvaluation e) {
        Map<YearMonth, Double> monthly = e.monthlyIc();
        int n = monthly.size();
        double[][] xyz = new double[3][n];
        int i = 0;
        double extreme = 1e-9;
        for (Map.Entry<YearMonth, Double> entry : monthly.entrySet()) {
            xyz[0][i] = entry.getKey().getMonthValue();
            xyz[1][i] = entry.getKey().getYear();
            xyz[2][i] = entry.getValue();
            extreme = Math.max(extreme, Math.abs(entry.getValue()));
            i++;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("monthly IC", xyz);
        NumberAxis months = new NumberAxis("month");
        months.setRange(0.5, 12.5);
        months.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        NumberAxis years = new NumberAxis("year");
        years.setAutoRangeIncludesZero(false);
        years.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        years.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        if (n > 0) {
            years.setRange(xyz[1][0] - 0.5, xyz[1][n - 1] + 0.5);
        }
        LookupPaintScale scale = new LookupPaintScale(-extreme, extreme, Color.WHITE);
        for (int step = 0; step < 20; step++) {
            double value = -extreme + step * extreme / 10;
            float strength = (float) Math.min(1, Math.abs(value + extreme / 20) / extreme);
            scale.add(value, value + extreme / 20 < 0 ? blend(new Color(40, 90, 200), strength)
                    : blend(new Color(200, 40, 40), strength));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, months, years, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title(e, "Monthly mean IC"), plot);
        chart.removeLegend();
        NumberAxis legendAxis = new NumberAxis("IC");
        legendAxis.setRange(-extreme, extreme);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        chart.addSubtitle(legend);
        return chart;
    }

    private static Color blend(Color color, float strength) {
        return new Color(255 - Math.round((255 - color.getRed()) * strength),
                255 - Math.round((255 - color.getGreen()) * strength),
                255 - Math.round((255 - color.getBlue()) * strength));
    }

    static JFreeChart quantileChart(FactorEvaluation e) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Double> means = e.quantiles().mean();
        for (int q = 0; q < means.size(); q++) {
            data.addValue(means.get(q) * 1e4, "mean demeaned label (bp)", "Q" + (q + 1));
        }
        JFreeChart chart = ChartFactory.createBarChart(title(e, "Mean return by quantile"), "quantile (Q1 = lowest score)",
                "basis points", data, PlotOrientation.VERTICAL, false, false, false);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    static JFreeChart longShortChart(FactorEvaluation e) {
        TimeSeries curve = new TimeSeries("top − bottom quantile, cumulative");
        for (int i = 0; i < e.longShortDates().size(); i++) {
            curve.addOrUpdate(day(e.longShortDates().get(i)), e.longShortCumulative().get(i));
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title(e, "Long-short return"), "date",
                "cumulative return", new TimeSeriesCollection(curve), true, false, false);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    private static Day day(LocalDate date) {
        return new Day(date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }

    static String html(FactorEvaluation e, List<String> notes) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title(e, "Factor evaluation"))).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:960px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append(".generated{background:#fff3cd;border:1px solid #e0b000;padding:.6em;font-weight:bold}")
                .append("</style></head><body>\n");
        out.append("<h1>Factor evaluation: ").append(escape(e.name())).append("</h1>\n");
        if (isGenerated(e)) {
            out.append("<p class=\"generated\">GENERATED data (synthetic, not market data): ")
                    .append(escape(e.source())).append("</p>\n");
        }
        out.append("<p>Source <code>").append(escape(e.source())).append("</code>, dataset digest <code>")
                .append(escape(e.datasetDigest())).append("</code>.</p>\n");
        if (!notes.isEmpty()) {
            out.append("<h2>Notes</h2><ul>\n");
            notes.forEach(note -> out.append("<li>").append(escape(note)).append("</li>\n"));
            out.append("</ul>\n");
        }
        out.append("<h2>Summary</h2><table>\n");
        for (Map.Entry<String, Double> row : e.summary().entrySet()) {
            out.append("<tr><th>").append(escape(row.getKey())).append("</th><td>").append(format(row.getValue()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<h2>Quantiles</h2><table><tr><th>quantile</th><th>mean demeaned label</th>")
                .append("<th>std err</th></tr>\n");
        for (int q = 0; q < e.quantiles().mean().size(); q++) {
            out.append("<tr><td>Q").append(q + 1).append("</td><td>").append(format(e.quantiles().mean().get(q)))
                    .append("</td><td>").append(format(e.quantiles().stdErr().get(q))).append("</td></tr>\n");
        }
        out.append("</table>\n");
        for (String[] chart : new String[][] {{"ic.png", "Daily IC"}, {"monthly-ic.png", "Monthly IC heatmap"},
            {"quantile-returns.png", "Mean return by quantile"}, {"long-short.png", "Long-short return"}}) {
            out.append("<h2>").append(chart[1]).append("</h2><img src=\"").append(chart[0]).append("\" alt=\"")
                    .append(chart[1]).append("\" width=\"").append(WIDTH).append("\">\n");
        }
        out.append("<h2>Monthly mean IC</h2><table><tr><th>year</th>");
        for (int m = 1; m <= 12; m++) {
            out.append("<th>").append(m).append("</th>");
        }
        out.append("</tr>\n");
        Integer year = null;
        int month = 0;
        for (Map.Entry<YearMonth, Double> entry : e.monthlyIc().entrySet()) {
            if (year == null || entry.getKey().getYear() != year) {
                if (year != null) {
                    out.append("</tr>\n");
                }
                year = entry.getKey().getYear();
                month = 0;
                out.append("<tr><th>").append(year).append("</th>");
            }
            for (month++; month < entry.getKey().getMonthValue(); month++) {
                out.append("<td></td>"); // a month without an IC
            }
            out.append("<td>").append(format(entry.getValue())).append("</td>");
        }
        out.append(year == null ? "" : "</tr>\n").append("</table>\n");
        out.append("<p><small>Generated by Nautilus at ").append(java.time.Instant.now().atOffset(ZoneOffset.UTC)
                .toLocalDateTime().withNano(0)).append(" UTC.</small></p>\n</body></html>\n");
        return out.toString();
    }

    public static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
