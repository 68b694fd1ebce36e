package org.nautilus.api.research.dataset;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.expression.FactorDefinition;

/**
 * What a panel dataset is made of. Features are factor definitions computed over each instrument's own bars
 * (values at t use bars up to t only); the label is a forward return; processing is cross-sectional per date.
 *
 * @param source             where the bars come from
 * @param features           the feature columns, in this order; names unique
 * @param label              the forward return to predict
 * @param featureProcessing  cross-sectional steps applied to every feature column, in order
 * @param labelProcessing    cross-sectional steps applied to the label (e.g. rank for training); empty = raw
 * @param universe           instruments to keep; empty = every instrument of the source
 * @param from               first feature date kept (inclusive), null = from the first bar
 * @param to                 last feature date kept (inclusive), null = to the last bar with a label
 * @param dropIncomplete     drop rows where a feature is NaN after processing (rows without a label are always
 *                           dropped)
 */
public record DatasetRequest(DataSource source, List<FactorDefinition> features, LabelSpec label,
        List<Processing> featureProcessing, List<Processing> labelProcessing,
        List<InstrumentId> universe, LocalDate from, LocalDate to, boolean dropIncomplete) {

    public DatasetRequest {
        Objects.requireNonNull(source, "source");
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one feature");
        }
        Set<String> names = new HashSet<>();
        for (FactorDefinition feature : features) {
            if (!names.add(feature.name())) {
                throw new IllegalArgumentException("feature " + feature.name() + " is listed twice");
            }
        }
        Objects.requireNonNull(label, "label");
        featureProcessing = List.copyOf(featureProcessing);
        labelProcessing = List.copyOf(labelProcessing);
        universe = List.copyOf(universe);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    /** Raw features, Qlib's default label, every instrument and date, incomplete rows kept. */
    public static DatasetRequest of(DataSource source, List<FactorDefinition> features) {
        return new DatasetRequest(source, features, LabelSpec.qlibDefault(), List.of(), List.of(), List.of(),
                null, null, false);
    }

    public DatasetRequest withFeatureProcessing(List<Processing> steps) {
        return new DatasetRequest(source, features, label, steps, labelProcessing, universe, from, to, dropIncomplete);
    }

    public DatasetRequest withLabelProcessing(List<Processing> steps) {
        return new DatasetRequest(source, features, label, featureProcessing, steps, universe, from, to,
                dropIncomplete);
    }

    public DatasetRequest withLabel(LabelSpec newLabel) {
        return new DatasetRequest(source, features, newLabel, featureProcessing, labelProcessing, universe, from, to,
                dropIncomplete);
    }

    public DatasetRequest withUniverse(List<InstrumentId> instruments) {
        return new DatasetRequest(source, features, label, featureProcessing, labelProcessing, instruments, from, to,
                dropIncomplete);
    }

    public DatasetRequest withDates(LocalDate first, LocalDate last) {
        return new DatasetRequest(source, features, label, featureProcessing, labelProcessing, universe, first, last,
                dropIncomplete);
    }

    public DatasetRequest withDropIncomplete(boolean drop) {
        return new DatasetRequest(source, features, label, featureProcessing, labelProcessing, universe, from, to,
                drop);
    }

    /** One stable text of everything that decides the dataset's content: the first part of its digest. */
    public String canonical() {
        return "source=" + source.canonical()
                + "\nfeatures=" + features.stream().map(f -> f.name() + ":" + f.expression())
                        .collect(Collectors.joining(";"))
                + "\nlabel=" + label.expression()
                + "\nfeature-processing=" + featureProcessing.stream().map(Processing::canonical)
                        .collect(Collectors.joining(","))
                + "\nlabel-processing=" + labelProcessing.stream().map(Processing::canonical)
                        .collect(Collectors.joining(","))
                + "\nuniverse=" + universe.stream().map(InstrumentId::value).sorted().collect(Collectors.joining(","))
                + "\nfrom=" + from + "\nto=" + to + "\ndrop-incomplete=" + dropIncomplete + "\n";
    }
}
