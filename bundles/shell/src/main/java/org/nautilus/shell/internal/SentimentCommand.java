package org.nautilus.shell.internal;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.sentiment.SentimentService;

@Command(scope = "nautilus", name = "sentiment", description = "Each instrument's decayed-average news sentiment as known at a moment.", detailedDescription = "The score is the average of the scorer's scores of the instrument's news items published\n"
        + "by then, each weighted 2^-(age / half-life) (etc/nautilus.sentiment.cfg); news arrive through\n"
        + "nautilus-data: routes (kind: news).\n"
        + "  nautilus:sentiment                          every instrument with news, now\n"
        + "  nautilus:sentiment --as-of 2015-06-30 GEN0001")
@Service
public class SentimentCommand implements Action {

    @Option(name = "--as-of", description = "what was known then: a date (its end) or an instant; default now")
    String asOf;

    @Argument(index = 0, name = "symbols", multiValued = true, description = "instruments; default: every one with news")
    @Completion(SentimentCommand.Instruments.class)
    List<String> symbols;

    // Optional: a mandatory reference would hold back every nautilus command until the plugin is installed.
    @Reference(optional = true)
    SentimentService sentiment;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (sentiment == null) {
            throw new IllegalStateException("the sentiment factor is not installed: feature:install "
                    + "nautilus-factor-sentiment");
        }
        Instant moment = StoreTimes.moment("--as-of", asOf);
        List<InstrumentId> instruments = symbols == null ? sentiment.instruments()
                : symbols.stream().map(InstrumentId::of).toList();
        ShellTable table = new ShellTable();
        table.column("INSTRUMENT");
        table.column("ITEMS").alignRight();
        table.column("SENTIMENT").alignRight();
        for (InstrumentId instrument : instruments) {
            OptionalDouble score = sentiment.score(instrument, moment);
            table.addRow().addContent(instrument, sentiment.items(instrument),
                    score.isPresent() ? Text.number(score.getAsDouble()) : "-");
        }
        Text.print(table, session);
        System.out.println(instruments.size() + " instruments as of " + Text.dateTime(moment) + " ("
                + sentiment.scorer() + " scorer, half-life " + sentiment.halfLife() + ")");
        return null;
    }

    /** Completes the instruments with news. */
    @Service
    public static class Instruments implements Completer {

        @Reference(optional = true)
        SentimentService sentiment;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            if (sentiment == null) {
                return -1;
            }
            StringsCompleter symbols = new StringsCompleter();
            sentiment.instruments().forEach(i -> symbols.getStrings().add(i.value()));
            return symbols.complete(session, commandLine, candidates);
        }
    }
}
