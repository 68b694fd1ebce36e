package org.nautilus.strategy.internal.analytics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A run's tearsheet: {@code tearsheet.html} (summary, metrics, monthly returns, the charts) and each chart as a PNG
 * ({@code equity.png}, {@code underwater.png}, {@code monthly.png}, {@code rolling-sharpe.png}), drawn with XChart.
 */
public final class Tearsheet {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 360;

    private Tearsheet() {
    }

    /**
     * @param summary   the run's facts (id, strategy, parameters, data range...), shown first
     * @param rolling   the window of the rolling Sharpe ratio, in periods
     * @return the HTML file
     */
    public static Path write(Path folder, String title, Map<String, String> summary, Map<String, String> metrics,
            List<EquityPoint> curve, double periodsPerYear, int rolling) throws IOException {
        // Charts are drawn off screen, also in a container without a display.
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(folder);
        List<Date> times = new ArrayList<>();
        double[] equity = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            times.add(Date.from(curve.get(i).time()));
            equity[i] = curve.get(i).equity();
        }
        XYChart equityChart = line("Equity (marked to market)", "equity", times, toList(equity));
        BitmapEncoder.saveBitmap(equityChart, folder.resolve("equity").toString(), BitmapEncoder.BitmapFormat.PNG);
        double[] under = Performance.underwater(equity);
        List<Double> underPercent = new ArrayList<>();
        for (double u : under) {
            underPercent.add(-u * 100);
        }
        BitmapEncoder.saveBitmap(line("Underwater (drawdown, %)", "drawdown", times, underPercent),
                folder.resolve("underwater").toString(), BitmapEncoder.BitmapFormat.PNG);
        Map<YearMonth, Double> monthly = ResultWriter.monthlyReturns(curve);
        CategoryChart months = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Monthly returns (%)")
                .build();
        months.getStyler().setLegendVisible(false);
        months.addSeries("return", monthly.keySet().stream().map(YearMonth::toString).toList(),
                monthly.values().stream().map(v -> v * 100).toList());
        BitmapEncoder.saveBitmap(months, folder.resolve("monthly").toString(), BitmapEncoder.BitmapFormat.PNG);
        double[] returns = Performance.returns(equity);
        List<Date> rollingTimes = new ArrayList<>();
        List<Double> rollingSharpe = new ArrayList<>();
        for (int end = rolling; end <= returns.length; end++) {
            double[] window = Arrays.copyOfRange(returns, end - rolling, end);
            double mean = Performance.mean(window);
            double sd = Performance.sampleStdev(window, mean);
            rollingTimes.add(times.get(end));
            rollingSharpe.add(sd == 0 || Double.isNaN(sd) ? 0 : mean / sd * Math.sqrt(periodsPerYear));
        }
        if (!rollingTimes.isEmpty()) {
            BitmapEncoder.saveBitmap(line("Rolling Sharpe (" + rolling + " periods)", "sharpe", rollingTimes,
                    rollingSharpe), folder.resolve("rolling-sharpe").toString(), BitmapEncoder.BitmapFormat.PNG);
        }
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:right}th{background:#eee}</style></head><body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n<table>\n");
        summary.forEach((k, v) -> html.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v))
                .append("</td></tr>\n"));
        html.append("</table>\n<h2>Performance</h2>\n<table id=\"metrics\">\n");
        metrics.forEach((k, v) -> html.append("<tr><th>").append(escape(k)).append("</th><td id=\"").append(escape(k))
                .append("\">").append(escape(v)).append("</td></tr>\n"));
        html.append(
                "</table>\n<img src=\"equity.png\" alt=\"equity\"><br>\n<img src=\"underwater.png\" alt=\"underwater\">"
                        + "<br>\n");
        if (!rollingTimes.isEmpty()) {
            html.append("<img src=\"rolling-sharpe.png\" alt=\"rolling Sharpe\"><br>\n");
        }
        html.append("<h2>Monthly returns</h2>\n<img src=\"monthly.png\" alt=\"monthly returns\">\n<table>"
                + "<tr><th>month</th><th>return</th></tr>\n");
        monthly.forEach((m, r) -> html.append("<tr><td>").append(m).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.2f %%", r * 100)).append("</td></tr>\n"));
        html.append("</table>\n<p>Files: <a href=\"orders.csv\">orders</a>, <a href=\"fills.csv\">fills</a>, "
                + "<a href=\"equity.csv\">equity curve</a>, <a href=\"summary.properties\">summary</a>.</p>\n"
                + "</body></html>\n");
        Path file = folder.resolve("tearsheet.html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    private static XYChart line(String title, String series, List<Date> x, List<Double> y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDatePattern("yyyy-MM-dd");
        chart.addSeries(series, x, y).setMarker(SeriesMarkers.NONE);
        return chart;
    }

    private static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
