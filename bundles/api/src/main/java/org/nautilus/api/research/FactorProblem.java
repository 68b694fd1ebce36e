package org.nautilus.api.research;

import java.util.Objects;
import org.nautilus.api.research.expression.ExpressionProblem;

/**
 * A factor definition of a library that the feature engine refused (and computes nothing for), with why.
 *
 * @param library the library's name
 * @param problem what is wrong, and where in the expression
 */
public record FactorProblem(String library, ExpressionProblem problem) {

    public FactorProblem {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(problem, "problem");
    }
}
