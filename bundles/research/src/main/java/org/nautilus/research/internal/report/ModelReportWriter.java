package org.nautilus.research.internal.report;

import static org.nautilus.research.internal.report.EvaluationReportWriter.escape;
import static org.nautilus.research.internal.report.EvaluationReportWriter.format;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * A trained model's evaluation report, stored with its run: {@value #HTML} (parameters, one row of metrics per
 * validation fold, the model's own feature importance, permutation importance on the folds) and {@value #PNG}, the out-of-sample IC and rank IC of each
 * fold drawn with XChart. Written as bytes: the tracker stores them as run artifacts.
 */
public final class ModelReportWriter {

    public static final String HTML = "report.html";
    public static final String PNG = "folds.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    /** One validation fold: its split's name and its metrics. */
    public record Fold(String split, Map<String, Double> metrics) {
    }

    private ModelReportWriter() {
    }

    /** The report's files by name: {@value #HTML} then {@value #PNG}. */
    public static Map<String, byte[]> write(String title, Map<String, String> params, List<Fold> folds,
            Map<String, Double> importance, Map<String, Double> permutation) throws IOException {
        System.setProperty("java.awt.headless", "true"); // a server: no display, only images
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(HTML, html(title, params, folds, importance, permutation).getBytes(StandardCharsets.UTF_8));
        CategoryChart chart = foldChart(title, folds);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        files.put(PNG, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return files;
    }

    static CategoryChart foldChart(String title, List<Fold> folds) {
        List<String> names = new ArrayList<>();
        List<Double> ic = new ArrayList<>();
        List<Double> rankIc = new ArrayList<>();
        for (int k = 0; k < folds.size(); k++) {
            names.add("fold " + (k + 1));
            ic.add(finite(folds.get(k).metrics().get("ic")));
            rankIc.add(finite(folds.get(k).metrics().get("rank-ic")));
        }
        if (names.isEmpty()) { // XChart cannot draw a bar chart without bars
            names.add("none");
            ic.add(0.0);
            rankIc.add(0.0);
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Out-of-sample IC per fold: " + title).xAxisTitle("validation fold").yAxisTitle("correlation")
                .build();
        chart.getStyler().setPlotGridLinesColor(Color.LIGHT_GRAY);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.addSeries("IC (Pearson)", names, ic);
        chart.addSeries("rank IC (Spearman)", names, rankIc);
        return chart;
    }

    private static double finite(Double value) {
        return value == null || !Double.isFinite(value) ? 0 : value;
    }

    static String html(String title, Map<String, String> params, List<Fold> folds, Map<String, Double> importance,
            Map<String, Double> permutation) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape("Model evaluation: " + title)).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("</style></head><body>\n<h1>Model evaluation: ").append(escape(title)).append("</h1>\n");
        out.append("<h2>Parameters</h2><table>\n");
        params.forEach((k, v) -> out.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v))
                .append("</td></tr>\n"));
        out.append("</table>\n<h2>Validation folds (out of sample)</h2><table><tr><th>fold</th><th>split</th>");
        Set<String> keys = new LinkedHashSet<>();
        folds.forEach(f -> keys.addAll(f.metrics().keySet()));
        keys.forEach(k -> out.append("<th>").append(escape(k)).append("</th>"));
        out.append("</tr>\n");
        for (int k = 0; k < folds.size(); k++) {
            out.append("<tr><td>").append(k + 1).append("</td><td>").append(escape(folds.get(k).split()))
                    .append("</td>");
            for (String key : keys) {
                Double v = folds.get(k).metrics().get(key);
                out.append("<td>").append(v == null ? "" : format(v)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n<h2>Out-of-sample IC per fold</h2><img src=\"").append(PNG)
                .append("\" alt=\"IC per fold\" width=\"").append(WIDTH).append("\">\n");
        out.append("<h2>Feature importance (the model's own)</h2>");
        table(out, importance, "importance", "<p>This family has no importance of its own.</p>\n");
        out.append("<h2>Permutation importance (validation folds)</h2><p>The out-of-sample IC lost when the feature's")
                .append(" values are shuffled across a fold's test rows, averaged over the folds.</p>");
        table(out, permutation, "IC lost", "<p>No validation fold.</p>\n");
        out.append("</body></html>\n");
        return out.toString();
    }

    /** Values by feature, largest first, or {@code empty} when there are none. */
    private static void table(StringBuilder out, Map<String, Double> values, String heading, String empty) {
        if (values.isEmpty()) {
            out.append(empty);
            return;
        }
        out.append("<table><tr><th>feature</th><th>").append(escape(heading)).append("</th></tr>\n");
        values.entrySet().stream().sorted(Map.Entry.<String, Double> comparingByValue().reversed())
                .forEach(e -> out.append("<tr><td>").append(escape(e.getKey())).append("</td><td>")
                        .append(format(e.getValue())).append("</td></tr>\n"));
        out.append("</table>\n");
    }
}
