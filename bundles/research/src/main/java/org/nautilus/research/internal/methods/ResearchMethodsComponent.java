package org.nautilus.research.internal.methods;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.DatasetService;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Split;
import org.nautilus.api.research.dataset.SplitSpec;
import org.nautilus.api.research.evaluation.EvaluationReport;
import org.nautilus.api.research.evaluation.EvaluationRequest;
import org.nautilus.api.research.evaluation.FactorEvaluation;
import org.nautilus.api.research.evaluation.FactorEvaluationService;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.sentiment.SentimentService;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrackingService;
import org.nautilus.research.internal.ResearchConfig;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.data.CsvBarReader;
import org.nautilus.research.internal.dataset.InstrumentHistory;
import org.nautilus.research.internal.dataset.PanelBuilder;
import org.nautilus.research.internal.dataset.Splits;
import org.nautilus.research.internal.evaluation.FactorEvaluator;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.features.PointInTimeSources;
import org.nautilus.research.internal.generated.GeneratedUniverse;
import org.nautilus.research.internal.generated.UniverseGenerator;
import org.nautilus.research.internal.report.EvaluationReportWriter;
import org.nautilus.research.internal.stats.CrossSection;
import org.nautilus.research.internal.training.Placeholders;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Research methods as services: panel datasets and their splits ({@link DatasetService}) and factor evaluation
 * with reports ({@link FactorEvaluationService}), over the shipped sample bars or a generated universe. Factor
 * names resolve against the {@link FactorLibrary} services.
 */
@Component(service = {DatasetService.class, FactorEvaluationService.class}, configurationPid = ResearchConfig.PID)
public final class ResearchMethodsComponent implements DatasetService, FactorEvaluationService {

    /** The shipped Apple daily bars (ta4j-examples), real market data. */
    public static final String APPLE_SAMPLE = "aapl-daily";

    /** The feature name an expression given as text is computed under. */
    private static final String EXPRESSION = "expression";

    private static final Logger LOG = LoggerFactory.getLogger(ResearchMethodsComponent.class);

    private final Map<FactorLibrary, List<FactorDefinition>> libraries = new ConcurrentHashMap<>();
    /** Fundamentals and sentiment for the data fields of dataset features, as the feature engine reads them. */
    private final PointInTimeSources pointInTime = PointInTimeSources.none();
    private volatile Samples samples;
    /** The last generated universe: evaluating several factors over one spec generates it once. */
    private volatile GeneratedUniverse lastGenerated;
    /** Where evaluations with a report are tracked as runs; optional (none in plain-Java use unless set). */
    private volatile TrackingService tracking;

    /** The experiment factor evaluations with a report are tracked in. */
    public static final String FACTOR_EXPERIMENT = "factor-eval";

    /** The sample bar files: name → (file, instrument). */
    record Samples(Path appleFile, InstrumentId appleInstrument) {
    }

    @Activate
    public ResearchMethodsComponent(ResearchConfig config) {
        modified(config);
    }

    /** For plain-Java use (tests, benchmarks): the Apple sample at {@code appleFile}. */
    public ResearchMethodsComponent(Path appleFile, InstrumentId appleInstrument) {
        this.samples = new Samples(appleFile, appleInstrument);
    }

    @Modified
    void modified(ResearchConfig config) {
        this.samples = new Samples(Path.of(Placeholders.resolve(config.samples_bars(), System::getProperty)),
                InstrumentId.of(config.samples_instrument()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addLibrary(FactorLibrary library) {
        libraries.put(library, List.copyOf(library.definitions()));
    }

    public void removeLibrary(FactorLibrary library) {
        libraries.remove(library);
    }

    /** The factor store's fundamentals for {@code $eps} and the other fundamental fields; absent: they read NaN. */
    @Reference(name = "factorStore", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void bindFactorStore(FactorStore store) {
        pointInTime.store(store);
    }

    public void unbindFactorStore(FactorStore store) {
        pointInTime.removeStore(store);
    }

    /** The news sentiment for {@code $sentiment}; absent: it reads NaN. */
    @Reference(name = "sentiment", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void bindSentiment(SentimentService service) {
        pointInTime.sentiment(service);
    }

    public void unbindSentiment(SentimentService service) {
        pointInTime.removeSentiment(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setTracking(TrackingService service) {
        tracking = service;
    }

    public void unsetTracking(TrackingService service) {
        if (tracking == service) {
            tracking = null;
        }
    }

    @Override
    public PanelDataset build(DatasetRequest request) {
        return build(request, List.of(), null);
    }

    private PanelDataset build(DatasetRequest request, List<FactorDefinition> context, Consumer<String> progress) {
        return PanelBuilder.build(request, context, histories(request.source(), progress), progress);
    }

    @Override
    public List<Split> split(PanelDataset dataset, SplitSpec spec) {
        return Splits.split(dataset, spec);
    }

    @Override
    public List<String> factorNames() {
        return libraries.values().stream().flatMap(List::stream).map(FactorDefinition::name).distinct().sorted()
                .toList();
    }

    @Override
    public EvaluationReport evaluate(EvaluationRequest request, Consumer<String> progress) {
        Consumer<String> say = progress == null ? line -> {} : progress;
        FactorDefinition definition = resolve(request.factor());
        List<FactorDefinition> context = libraries.values().stream().flatMap(List::stream).toList();
        say.accept("evaluating " + definition.name() + " = " + definition.expression() + " over "
                + request.source().canonical());
        PanelDataset panel = build(DatasetRequest.of(request.source(), List.of(definition))
                .withLabel(request.label()), context, say);
        String name = definition.name().equals(EXPRESSION) ? definition.expression() : definition.name();
        FactorEvaluation evaluation = FactorEvaluator.evaluate(name, panel, panel.featureColumn(0),
                request.quantiles());
        List<String> notes = notes(request, panel, evaluation);
        List<Path> files = List.of();
        if (request.reportDirectory() != null) {
            try {
                files = EvaluationReportWriter.write(evaluation, notes, request.reportDirectory());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report to " + request.reportDirectory() + ": "
                        + e.getMessage(), e);
            }
            say.accept("report written: " + files.get(0));
            TrackingService runs = tracking;
            if (runs != null) {
                say.accept("tracked as run " + track(runs, definition, request, evaluation, files) + " in experiment "
                        + FACTOR_EXPERIMENT + " (its artifacts are the report)");
            }
        }
        LOG.info("Evaluated factor {} over {}: IC {} (t {}), Rank IC {}", definition.name(),
                request.source().canonical(), evaluation.ic().mean(), evaluation.ic().tStat(),
                evaluation.rankIc().mean());
        return new EvaluationReport(evaluation, notes, files);
    }

    /**
     * The evaluation as a finished run of {@value #FACTOR_EXPERIMENT}: the request as parameters, the summary as
     * metrics, the dataset digest, and the report files as artifacts (listed by the shell, served over HTTP).
     */
    private static String track(TrackingService runs, FactorDefinition definition, EvaluationRequest request,
            FactorEvaluation evaluation, List<Path> files) {
        Run run = runs.startRun(FACTOR_EXPERIMENT, null, definition.name(), 0,
                Map.of("library", "nautilus-research"));
        try {
            runs.logParam(run.id(), "factor", definition.name());
            runs.logParam(run.id(), "expression", definition.expression());
            runs.logParam(run.id(), "source", request.source().canonical());
            runs.logParam(run.id(), "quantiles", Integer.toString(request.quantiles()));
            runs.logDataset(run.id(), evaluation.datasetDigest());
            evaluation.summary().forEach((key, value) -> runs.logMetric(run.id(), key, value, 0));
            for (Path file : files) {
                runs.logArtifact(run.id(), file.getFileName().toString(), Files.readAllBytes(file));
            }
            runs.endRun(run.id(), RunStatus.FINISHED);
            return run.id();
        } catch (IOException | RuntimeException e) {
            runs.endRun(run.id(), RunStatus.FAILED);
            throw new IllegalStateException("cannot track the evaluation as run " + run.id() + ": " + e.getMessage(),
                    e);
        }
    }

    /** A library definition by name, or the text as an expression. */
    private FactorDefinition resolve(String factor) {
        for (List<FactorDefinition> definitions : libraries.values()) {
            for (FactorDefinition definition : definitions) {
                if (definition.name().equals(factor)) {
                    return definition;
                }
            }
        }
        if (factor.matches("[A-Za-z_][A-Za-z0-9_]*") && !factor.startsWith("planted_")) {
            throw new IllegalArgumentException("unknown factor '" + factor + "': not a definition of the "
                    + libraries.size() + " factor libraries (" + factorNames().size()
                    + " names; TAB completes them); give an expression such as 'Mean($close,5)/$close' instead");
        }
        return new FactorDefinition(EXPRESSION, factor, "evaluated as given");
    }

    private static List<String> notes(EvaluationRequest request, PanelDataset panel, FactorEvaluation evaluation) {
        List<String> notes = new ArrayList<>();
        if (request.source() instanceof DataSource.Generated generated) {
            notes.add("GENERATED data (synthetic, not market data): " + generated.instruments() + " instruments x "
                    + generated.days() + " days, " + generated.factors() + " planted factors of IC "
                    + generated.plantedIc() + " against the next-day return");
        } else {
            notes.add("Real market data: " + request.source().canonical());
        }
        if (panel.instruments().size() < 2) {
            double[] scores = panel.featureColumn(0);
            double[] labels = panel.labels();
            double pearson = CrossSection.pearson(scores, labels, 0, scores.length);
            double spearman = CrossSection.spearman(scores, labels, 0, scores.length);
            notes.add("One instrument: a cross-sectional IC (per date, across instruments) is undefined, so the IC, "
                    + "quantile, turnover and long-short figures are empty. Time-series correlation of the factor "
                    + "with the label over " + panel.rows() + " dates instead: Pearson "
                    + EvaluationReportWriter.format(pearson) + ", Spearman " + EvaluationReportWriter.format(spearman)
                    + " (standard error about " + EvaluationReportWriter.format(1 / Math.sqrt(panel.rows()))
                    + "; consecutive labels may overlap, which makes it larger).");
        } else if (evaluation.ic().dates() < 20) {
            notes.add("Only " + evaluation.ic().dates() + " dates with an IC: the statistics are weak.");
        }
        return notes;
    }

    private List<InstrumentHistory> histories(DataSource source, Consumer<String> progress) {
        if (source instanceof DataSource.Generated generated) {
            GeneratedUniverse universe = lastGenerated;
            if (universe == null || !universe.spec().equals(generated)) {
                long start = System.nanoTime();
                universe = UniverseGenerator.generate(generated);
                lastGenerated = universe;
                if (progress != null) {
                    progress.accept("generated " + generated.instruments() + " instruments x " + generated.days()
                            + " days (GENERATED data) in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
            }
            // Its own generated fundamentals; $sentiment from the platform's sentiment service (NaN without one)
            return PanelBuilder.histories(universe, instrument -> t -> pointInTime.sentiment(instrument, t));
        }
        DataSource.Samples sample = (DataSource.Samples) source;
        Samples known = samples;
        if (!sample.name().equals(APPLE_SAMPLE) && !sample.name().equals(known.appleFile().getFileName().toString())) {
            throw new IllegalArgumentException("unknown sample '" + sample.name() + "'; the shipped samples are: "
                    + APPLE_SAMPLE + " (" + known.appleFile() + ")");
        }
        try {
            List<Bar> bars = CsvBarReader.read(known.appleFile(), known.appleInstrument(), Duration.ofDays(1));
            if (progress != null) {
                progress.accept("read " + bars.size() + " daily bars of " + known.appleInstrument() + " from "
                        + known.appleFile());
            }
            LocalDate[] dates = new LocalDate[bars.size()];
            for (int i = 0; i < dates.length; i++) {
                dates[i] = bars.get(i).start().atOffset(ZoneOffset.UTC).toLocalDate();
            }
            // $eps, $sentiment, ...: what the store and the sentiment service know, as the backfill reads them
            List<Instant> ends = bars.stream().map(Bar::end).toList();
            InstrumentId instrument = known.appleInstrument();
            return List.of(new InstrumentHistory(instrument, dates, BarColumns.of(bars), new TreeMap<>(),
                    fields -> pointInTime.columns(instrument, fields, ends)));
        } catch (BarFileException e) {
            throw new IllegalArgumentException("cannot read the sample " + sample.name() + ": " + e.getMessage(), e);
        }
    }
}
