package org.nautilus.research.internal.expression;

import java.util.List;
import org.nautilus.api.research.expression.Expression;

/**
 * An expression parsed from text, with where its text names other factors (for the errors of resolving them).
 *
 * @param root       the expression
 * @param references each factor name used, with its 1-based column, in text order
 */
public record ParsedExpression(Expression root, List<NameUse> references) {

    public ParsedExpression {
        references = List.copyOf(references);
    }

    /** A factor name at a column of the text. */
    public record NameUse(String name, int column) {
    }
}
