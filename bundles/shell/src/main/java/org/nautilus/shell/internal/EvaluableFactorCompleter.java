package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.research.evaluation.FactorEvaluationService;

/** Completes the factor names the evaluation knows (every factor library's definitions). */
@Service
public class EvaluableFactorCompleter implements Completer {

    @Reference
    FactorEvaluationService evaluation;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter(evaluation.factorNames());
        return names.complete(session, commandLine, candidates);
    }
}
