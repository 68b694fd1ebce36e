package org.nautilus.shell.internal;

import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.portfolio.PositionService;

/** Completes the portfolios that hold or held positions. */
@Service
public class PortfolioCompleter implements Completer {

    @Reference
    PositionService positions;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> names = new TreeSet<>();
        positions.positions().forEach(p -> names.add(p.portfolioId().value()));
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
