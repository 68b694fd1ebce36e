package org.nautilus.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.nautilus.api.research.tracking.TrainingResult;
import org.nautilus.api.research.tracking.TrainingService;

@Command(scope = "nautilus", name = "train", description = "Trains a model from a spec file as a tracked run (walk-forward folds, then the final model).", detailedDescription = "The spec is a properties file; etc/models/ has examples:\n"
        + "  experiment = aapl-daily        family = lightgbm       param.iterations = 200\n"
        + "  factors = library:alpha158     label.horizon = 1       folds = 3      seed = 42\n"
        + "  bars = ${karaf.home}/samples/appleinc_bars_from_20130101_usd.csv\n"
        + "  instrument = AAPL.NASDAQ       interval = P1D          from/to = 2013-01-01\n"
        + "  register = aapl-lgbm           (optional: registers the run's model as a new version)\n"
        + "  validation = walk-forward | rolling | purged-kfold | cpcv   (window, embargo, cpcv.test.groups)\n"
        + "  search = grid | random         search.param.NAME = 1, 2, 3   (inside each fold's training rows)\n"
        + "A relative SPECFILE is looked up in the current directory, then under the Karaf home.\n"
        + "Then: nautilus:runs, nautilus:model-promote NAME VERSION champion, nautilus:signals.")
@Service
public class TrainCommand implements Action {

    @Argument(index = 0, name = "SPECFILE", description = "the training spec (properties)", required = true)
    @Completion(FileCompleter.class)
    String spec;

    @Reference
    TrainingService training;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Path file = Path.of(spec); // a relative one is looked up under the Karaf home too (TrainingService)
        PrintStream out = session.getConsole();
        long started = System.nanoTime();
        TrainingResult result = training.train(file, line -> {
            out.println(line);
            out.flush();
        });
        out.println("done in " + (System.nanoTime() - started) / 1_000_000 + " ms: run " + result.run().id()
                + (result.version() == null ? ""
                        : ", " + result.version().model() + " version " + result.version().version()));
        return null;
    }
}
