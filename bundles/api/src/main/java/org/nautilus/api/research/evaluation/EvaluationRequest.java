package org.nautilus.api.research.evaluation;

import java.nio.file.Path;
import java.util.Objects;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.LabelSpec;

/**
 * Evaluate one factor over a data source.
 *
 * @param factor          a factor name known to the platform (a library's definition) or an expression text
 * @param source          the bars to evaluate over
 * @param label           the forward return to score against
 * @param quantiles       number of score quantiles (2..20)
 * @param reportDirectory where to write the report (HTML + PNG files); null = no files
 */
public record EvaluationRequest(String factor, DataSource source, LabelSpec label, int quantiles,
        Path reportDirectory) {
    public EvaluationRequest {
        Objects.requireNonNull(factor, "factor");
        if (factor.isBlank()) {
            throw new IllegalArgumentException("name a factor or give an expression");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(label, "label");
        if (quantiles < 2 || quantiles > 20) {
            throw new IllegalArgumentException("quantiles must be in 2..20, was " + quantiles);
        }
    }
}
