package org.nautilus.research.internal.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nautilus.api.research.evaluation.DailyIc;
import org.nautilus.api.research.evaluation.FactorEvaluation;

/**
 * Writes an evaluation as a report: {@code index.html} (summary table, monthly IC table, notes, the charts) and
 * four PNG charts drawn with XChart (the one chart library of the project): the daily IC with its 20-date moving average, the monthly IC heatmap, the
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

    private static Path png(Path file, Chart<?, ?> chart) throws IOException {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG); // adds no suffix: has one
        return file;
    }

    private static String title(FactorEvaluation e, String what) {
        return what + ": " + e.name() + (isGenerated(e) ? " (GENERATED data)" : "");
    }

    private static boolean isGenerated(FactorEvaluation e) {
        return e.source().startsWith("generated:");
    }

    static XYChart icChart(FactorEvaluation e) {
        List<Date> dates = new ArrayList<>();
        List<Double> daily = new ArrayList<>();
        List<Double> average = new ArrayList<>();
        double window = 0;
        for (DailyIc day : e.daily()) {
            if (Double.isNaN(day.ic())) {
                continue;
            }
            dates.add(date(day.date()));
            daily.add(day.ic());
            window += day.ic();
            if (daily.size() > 20) {
                window -= daily.get(daily.size() - 21);
            }
            average.add(window / Math.min(20, daily.size()));
        }
        XYChart chart = timeChart(title(e, "Daily IC"), "IC");
        if (!dates.isEmpty()) {
            chart.addSeries("IC", dates, daily).setMarker(SeriesMarkers.NONE).setLineColor(new Color(150, 170, 210));
            chart.addSeries("IC, 20-date mean", dates, average).setMarker(SeriesMarkers.NONE)
                    .setLineColor(new Color(200, 40, 40));
        }
        return chart;
    }

    static HeatMapChart monthlyHeatmap(FactorEvaluation e) {
        Map<YearMonth, Double> monthly = e.monthlyIc();
        List<Integer> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(m);
        }
        // Years as text: a number axis would print 2,021.
        List<String> years = monthly.keySet().stream().map(m -> String.valueOf(m.getYear())).distinct().sorted()
                .toList();
        List<Number[]> cells = new ArrayList<>();
        double extreme = 1e-9;
        for (Map.Entry<YearMonth, Double> entry : monthly.entrySet()) {
            cells.add(new Number[] {entry.getKey().getMonthValue() - 1,
                    years.indexOf(String.valueOf(entry.getKey().getYear())),
                    entry.getValue()});
            extreme = Math.max(extreme, Math.abs(entry.getValue()));
        }
        extreme = Math.ceil(extreme * 1000) / 1000; // the scale's ends as the legend prints them: 0.059, not 0.0589725...
        List<String> rows = new ArrayList<>(years);
        if (cells.isEmpty()) { // XChart refuses a heatmap without cells: one white cell under a title that says so
            rows.add("none");
            cells.add(new Number[] {0, 0, 0.0});
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title(e, "Monthly mean IC") + (years.isEmpty() ? " (no month has an IC)" : ""))
                .xAxisTitle("month").yAxisTitle("year").build();
        // Symmetric around zero so white means no IC: blue below, red above.
        chart.getStyler().setRangeColors(new Color[] {new Color(40, 90, 200), Color.WHITE, new Color(200, 40, 40)})
                .setMin(-extreme).setMax(extreme).setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setHeatMapValueDecimalPattern("0.000");
        chart.addSeries("monthly IC", months, rows, cells);
        return chart;
    }

    static CategoryChart quantileChart(FactorEvaluation e) {
        List<String> names = new ArrayList<>();
        List<Double> basisPoints = new ArrayList<>();
        List<Double> means = e.quantiles().mean();
        for (int q = 0; q < means.size(); q++) {
            names.add("Q" + (q + 1));
            basisPoints.add(means.get(q) * 1e4);
        }
        boolean none = names.isEmpty();
        if (none) { // XChart cannot draw a bar chart without bars: one empty bar under a title that says so
            names.add("none");
            basisPoints.add(0.0);
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title(e, "Mean return by quantile") + (none ? " (no quantiles)" : ""))
                .xAxisTitle("quantile (Q1 = lowest score)")
                .yAxisTitle("basis points").build();
        chart.getStyler().setPlotGridLinesColor(Color.LIGHT_GRAY);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.addSeries("mean demeaned label (bp)", names, basisPoints);
        return chart;
    }

    static XYChart longShortChart(FactorEvaluation e) {
        List<Date> dates = e.longShortDates().stream().map(EvaluationReportWriter::date).toList();
        XYChart chart = timeChart(title(e, "Long-short return"), "cumulative return");
        if (!dates.isEmpty()) {
            chart.addSeries("top − bottom quantile, cumulative", dates, e.longShortCumulative())
                    .setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static XYChart timeChart(String title, String yAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("date")
                .yAxisTitle(yAxis).build();
        chart.getStyler().setPlotGridLinesColor(Color.LIGHT_GRAY);
        chart.getStyler().setDatePattern("yyyy-MM-dd");
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        return chart;
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
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
        out.append("<p><small>Generated by Nautilus at ").append(Instant.now().atOffset(ZoneOffset.UTC)
                .toLocalDateTime().withNano(0)).append(" UTC.</small></p>\n</body></html>\n");
        return out.toString();
    }

    public static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
