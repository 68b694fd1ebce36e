package org.nautilus.strategy.internal.backtest;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.nautilus.api.routes.MarketDataFiles;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.PerformanceMetrics;
import org.nautilus.api.strategy.Strategy;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code bin/backtest}: a backtest without a running platform, for CI and research. The same engine and runner as
 * {@code nautilus:backtest} (the platform's OMS, risk rules, simulated exchange and position keeper on a simulated
 * clock), the same spec file and options, the same results folder ({@code data/backtests/<run id>/}).
 *
 * <p>The strategies are the plugin jars on the class path: each jar's Declarative Services descriptors
 * ({@code OSGI-INF/*.xml}) name the components that provide {@link Strategy} and their {@code strategy.name}; the
 * implementation is made with its no-argument constructor, as DS makes it. No factor service or model registry runs
 * here: a strategy that names {@code signals.model} is told it receives no signals.
 *
 * <p>Exit status: 0 done, 1 the strategy failed during the run (the results are still written), 2 bad input (an
 * unknown strategy, a missing file, a bad setting: nothing is written).
 */
public final class HeadlessBacktest {

    static final String USAGE = """
            usage: backtest [-s STRATEGY] [-p key=value]... [-o key=value]... [-r RESULTS] SPEC
              SPEC  a backtest spec (properties), from the working directory or the Nautilus home,
                    e.g. etc/backtests/ma-cross-apple.properties; its data paths are from the home
              -s    the strategy (overrides the spec's)
              -p    a strategy parameter (param.key=value of the spec), repeatable
              -o    any spec setting, repeatable, e.g. -o slippage.bps=2 -o from=2013-03-01
              -r    where run folders go (default: data/backtests under the Nautilus home)
            Strategies: the jars of lib/backtest (the plugins of plugins-strategies).""";

    private HeadlessBacktest() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("nautilus.home", "."));
        System.exit(run(args, home, files(), System.out, System.err));
    }

    /**
     * The replay routes' file readers (the component of the routes jar on the class path that provides
     * {@link MarketDataFiles}), as the platform's backtests use them.
     */
    static MarketDataFiles files() {
        try {
            Class<?> type = components(MarketDataFiles.class, null).values().stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no market data file readers on the class path "
                            + "(the routes jar)"));
            return (MarketDataFiles) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("the market data file readers cannot be made: " + e, e);
        }
    }

    /** Runs {@code args} (see {@link #USAGE}); returns the exit status. */
    static int run(String[] args, Path home, MarketDataFiles files, PrintStream out, PrintStream err) {
        try {
            Map<String, String> settings = new TreeMap<>();
            Path results = home.resolve("data").resolve("backtests");
            String specFile = null;
            List<String[]> overrides = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-s", "-p", "-o", "-r" -> {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        String value = args[++i];
                        switch (arg) {
                            case "-s" -> overrides.add(new String[] {"strategy", value});
                            case "-p" -> overrides.add(pair("param.", value));
                            case "-o" -> overrides.add(pair("", value));
                            default -> results = home.resolve(value);
                        }
                    }
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (arg.startsWith("-") || specFile != null) {
                            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                        }
                        specFile = arg;
                    }
                }
            }
            if (specFile != null) {
                // From the working directory (CI), else from the Nautilus home (as the shell reads it).
                Path file = Path.of(specFile);
                settings.putAll(BacktestSpec.readSettings(file.isAbsolute() || Files.exists(file) ? file
                        : home.resolve(specFile), specFile));
            }
            overrides.forEach(kv -> settings.put(kv[0], kv[1]));
            BacktestSpec spec = BacktestSpec.fromProperties(settings);
            Map<String, Class<?>> strategies = components(Strategy.class, Strategy.NAME_PROPERTY);
            Class<?> type = strategies.get(spec.strategy());
            if (type == null) {
                throw new IllegalArgumentException("unknown strategy '" + spec.strategy() + "'; on the class path: "
                        + strategies.keySet());
            }
            Strategy strategy = (Strategy) type.getDeclaredConstructor().newInstance();
            Package p = type.getPackage();
            String version = type.getName() + " " + (p == null || p.getImplementationVersion() == null ? "unversioned"
                    : p.getImplementationVersion());
            BacktestResult r = new BacktestRunner(files, home, results).run(spec, strategy, version, line -> {
                out.println(line);
                out.flush();
            });
            print(r, out);
            return r.metrics() != null && failed(Path.of(r.folder())) ? 1 : 0;
        } catch (IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ReflectiveOperationException | IOException e) {
            err.println("backtest: " + e);
            return 2;
        }
    }

    private static String[] pair(String prefix, String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected key=value, got '" + text + "'");
        }
        return new String[] {prefix + text.substring(0, eq).strip(), text.substring(eq + 1).strip()};
    }

    /** Whether the run's summary records a strategy failure. */
    private static boolean failed(Path folder) throws IOException {
        Path summary = folder.resolve("summary.properties");
        if (!Files.exists(summary)) {
            return false;
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(summary, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return p.getProperty("failure") != null && !p.getProperty("failure").isBlank();
    }

    private static void print(BacktestResult r, PrintStream out) {
        PerformanceMetrics m = r.metrics();
        out.printf(Locale.ROOT, "Backtest %s: %s %s, data %s .. %s%n", r.runId(), r.strategy(), r.parameters(),
                r.dataFrom(), r.dataTo());
        out.printf(Locale.ROOT, "  equity %.2f -> %.2f  return %.2f%%  sharpe %.2f  max drawdown %.2f%%%n",
                m.startEquity(), m.endEquity(), m.totalReturn() * 100, m.sharpe(), m.maxDrawdown() * 100);
        out.printf(Locale.ROOT, "  %d orders, %d fills, commissions %.2f%n", r.orders(), r.fills(), m.commissions());
        out.println("  tearsheet " + Path.of(r.folder()).resolve("tearsheet.html"));
        out.println("  digest " + r.digest());
    }

    /**
     * The DS components of the jars and folders on the class path that provide {@code service}, by the value of their
     * property {@code nameProperty} (by implementation class when it is null).
     */
    static Map<String, Class<?>> components(Class<?> service, String nameProperty) throws IOException {
        Map<String, Class<?>> found = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File file = new File(entry);
            if (file.isFile() && file.getName().endsWith(".jar")) {
                try (JarFile jar = new JarFile(file)) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (e.getName().startsWith("OSGI-INF/") && e.getName().endsWith(".xml")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                component(in, service.getName(), nameProperty, found);
                            }
                        }
                    }
                }
            } else if (file.isDirectory() && new File(file, "OSGI-INF").isDirectory()) {
                File[] xmls = new File(file, "OSGI-INF").listFiles((d, n) -> n.endsWith(".xml"));
                for (File xml : xmls == null ? new File[0] : xmls) {
                    try (InputStream in = Files.newInputStream(xml.toPath())) {
                        component(in, service.getName(), nameProperty, found);
                    }
                }
            }
        }
        return found;
    }

    /** Adds the component of one descriptor if it provides {@code service} (with a name, if one is asked for). */
    private static void component(InputStream in, String service, String nameProperty, Map<String, Class<?>> found) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(in);
            boolean provides = false;
            NodeList provide = doc.getElementsByTagName("provide");
            for (int i = 0; i < provide.getLength(); i++) {
                provides |= service.equals(((Element) provide.item(i)).getAttribute("interface"));
            }
            if (!provides) {
                return;
            }
            NodeList implementation = doc.getElementsByTagName("implementation");
            if (implementation.getLength() != 1) {
                return;
            }
            String type = ((Element) implementation.item(0)).getAttribute("class");
            String name = nameProperty == null ? type : null;
            NodeList properties = doc.getElementsByTagName("property");
            for (int i = 0; i < properties.getLength() && name == null; i++) {
                Element property = (Element) properties.item(i);
                if (nameProperty.equals(property.getAttribute("name"))) {
                    name = property.getAttribute("value");
                }
            }
            if (name != null) {
                found.put(name, Class.forName(type));
            }
        } catch (Exception e) {
            // Not a component descriptor we can read (or its class is not here): not a strategy of this run.
        }
    }
}
