package org.nautilus.api.research.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An evaluation and the files written for it.
 *
 * @param evaluation the numbers
 * @param notes      what could not be evaluated and why (e.g. one instrument: no cross-sectional IC)
 * @param files      the report files (index.html first, then the PNG charts); empty when none were asked for
 */
public record EvaluationReport(FactorEvaluation evaluation, List<String> notes, List<Path> files) {
    public EvaluationReport {
        Objects.requireNonNull(evaluation, "evaluation");
        notes = List.copyOf(notes);
        files = List.copyOf(files);
    }
}
