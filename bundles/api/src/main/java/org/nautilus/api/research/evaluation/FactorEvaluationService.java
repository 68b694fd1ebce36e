package org.nautilus.api.research.evaluation;

import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/** Evaluates factors over a data source and writes reports. */
@ProviderType
public interface FactorEvaluationService {

    /** Names of the factors that can be evaluated by name (every library definition). */
    List<String> factorNames();

    /**
     * Evaluates a factor.
     *
     * @param progress told what is being done, a line at a time (data loaded, factor computed, report written)
     * @throws IllegalArgumentException for an unknown factor, an expression that does not parse or an unknown source
     */
    EvaluationReport evaluate(EvaluationRequest request, Consumer<String> progress);
}
