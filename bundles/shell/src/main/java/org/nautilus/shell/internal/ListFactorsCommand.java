package org.nautilus.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;

@Command(scope = "nautilus", name = "factors", description = "Lists the factors (plugins and libraries) and their latest values per instrument.", detailedDescription = "Without options a factor library is one line (its size and refused definitions) and\n"
        + "only the plugins' values are listed; name a library, a factor or an instrument to see values:\n"
        + "  nautilus:factors                               plugins, libraries, refused definitions\n"
        + "  nautilus:factors -l alpha158 -i AAPL.NASDAQ     Alpha158 on the replayed Apple bars\n"
        + "  nautilus:factors -i AAPL.NASDAQ 'MA*'           factors named MA... (* and ? match)\n"
        + "  nautilus:factors -a                             everything")
@Service
public class ListFactorsCommand implements Action {

    @Option(name = "-l", aliases = "--library", description = "only this factor library's factors")
    @Completion(FactorLibraryCompleter.class)
    String library;

    @Option(name = "-i", aliases = "--instrument", description = "only values of this instrument")
    @Completion(InstrumentCompleter.class)
    String instrument;

    @Option(name = "-a", aliases = "--all", description = "every factor and value, libraries included")
    boolean all;

    @Argument(index = 0, name = "name", description = "factor name, * and ? match any characters")
    @Completion(FactorNameCompleter.class)
    String name;

    @Reference
    FactorService factors;

    @Reference
    Session session;

    @Override
    public Object execute() {
        boolean detailed = all || library != null || name != null || instrument != null;
        Predicate<String> nameMatches = name == null ? n -> true : glob(name);
        List<FactorInfo> infos = factors.factors().stream()
                .filter(f -> library == null || f.library().equals(library))
                .filter(f -> nameMatches.test(f.name())).toList();
        if (library != null && infos.isEmpty()
                && factors.factors().stream().noneMatch(f -> f.library().equals(library))) {
            throw new IllegalArgumentException("no factor library '" + library + "'; libraries: " + libraries());
        }
        Map<String, String> libraryOf = new LinkedHashMap<>();
        infos.forEach(f -> libraryOf.put(f.name(), f.library()));

        ShellTable table = new ShellTable();
        table.column("FACTOR");
        table.column("LIBRARY");
        table.column("LOOKBACK").alignRight();
        table.column("DESCRIPTION");
        Map<String, Integer> librarySizes = new LinkedHashMap<>();
        for (FactorInfo factor : infos) {
            if (detailed || factor.library().isEmpty()) {
                table.addRow().addContent(factor.name(), factor.library(), factor.lookback(), factor.description());
            } else {
                librarySizes.merge(factor.library(), 1, Integer::sum);
            }
        }
        librarySizes.forEach((lib, size) -> table.addRow().addContent("(" + size + " factors)", lib, "",
                "nautilus:factors -l " + lib + " [-i SYMBOL] [NAME]"));
        Text.print(table, session);

        ShellTable values = new ShellTable();
        values.column("FACTOR");
        values.column("SYMBOL");
        values.column("BARS");
        values.column("VALUE").alignRight();
        values.column("AS OF");
        factors.latest().stream()
                .filter(v -> libraryOf.containsKey(v.factor()))
                .filter(v -> detailed || libraryOf.get(v.factor()).isEmpty())
                .filter(v -> instrument == null || v.instrument().value().equals(instrument))
                .sorted(Comparator.comparing(FactorValue::instrument).thenComparing(FactorValue::factor))
                .forEach(v -> values.addRow().addContent(v.factor(), v.instrument(), Text.orNone(v.bars()),
                        Text.number(v.value()), Text.dateTime(v.asOf())));
        System.out.println();
        Text.print(values, session);

        List<FactorProblem> problems = factors.problems().stream()
                .filter(p -> library == null || p.library().equals(library)).toList();
        if (!problems.isEmpty()) {
            System.out.println();
            System.out.println("Refused definitions (they compute nothing; the rest of their library does):");
            problems.forEach(p -> System.out.println(p.library() + ": " + p.problem()));
        }
        return null;
    }

    private List<String> libraries() {
        List<String> names = new ArrayList<>();
        factors.factors().stream().map(FactorInfo::library).filter(l -> !l.isEmpty()).distinct().forEach(names::add);
        return names;
    }

    /** A glob ({@code MA*}, {@code ROC?}) as a whole-name match. */
    private static Predicate<String> glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).asMatchPredicate();
    }
}
