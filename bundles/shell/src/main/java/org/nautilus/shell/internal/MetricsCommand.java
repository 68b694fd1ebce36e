package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.metrics.MetricsService;

@Command(scope = "nautilus", name = "metrics", description = "Prints this node's metrics in the Prometheus text format.", detailedDescription = "What a Prometheus scrape of /metrics gets: JVM, bundle states, orders, fills, latency,\n"
        + "store, market data, routes, risk and cluster series. A PREFIX keeps only the series starting\n"
        + "with it (their HELP and TYPE lines too):\n"
        + "  nautilus:metrics nautilus_order      order events, outcomes, rejections, ack latency\n"
        + "  nautilus:metrics jvm_memory          heap and non-heap")
@Service
public class MetricsCommand implements Action {

    @Argument(index = 0, name = "prefix", description = "only series whose name starts with this")
    @Completion(value = StringsCompleter.class, values = {"nautilus_order", "nautilus_fills", "nautilus_store",
            "nautilus_journal", "nautilus_marketdata", "nautilus_route", "nautilus_risk", "nautilus_cluster",
            "nautilus_oms", "karaf_bundles", "jvm_"})
    String prefix;

    @Reference
    MetricsService metrics;

    @Override
    public Object execute() {
        String text = metrics.scrape();
        if (prefix == null || prefix.isBlank()) {
            System.out.print(text);
            return null;
        }
        for (String line : text.split("\n")) {
            String series = line.startsWith("# HELP ") || line.startsWith("# TYPE ") ? line.substring(7) : line;
            if (series.startsWith(prefix)) {
                System.out.println(line);
            }
        }
        return null;
    }
}
