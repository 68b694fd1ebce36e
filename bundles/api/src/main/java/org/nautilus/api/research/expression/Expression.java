package org.nautilus.api.research.expression;

/**
 * A node of a factor expression: an immutable value, equal to another node with the same structure (so equal
 * subexpressions can be computed once). Every node has a canonical Qlib-style {@link #text()}, which parses back
 * to an equal node.
 */
public sealed interface Expression
        permits Field, FundamentalField, SentimentField, Constant, FactorReference, Unary, Binary, Ref, Rolling,
        Quantile, PairRolling, Conditional, CrossSection {

    /** The canonical text, e.g. {@code Mean($close,5)/$close}; operators are fully parenthesised where needed. */
    String text();

    // ---- builders, so Java definitions read like the text ----

    static Expression open() {
        return new Field(BarField.OPEN);
    }

    static Expression high() {
        return new Field(BarField.HIGH);
    }

    static Expression low() {
        return new Field(BarField.LOW);
    }

    static Expression close() {
        return new Field(BarField.CLOSE);
    }

    static Expression volume() {
        return new Field(BarField.VOLUME);
    }

    static Expression vwap() {
        return new Field(BarField.VWAP);
    }

    /** A fundamental field's latest known value, e.g. {@code fundamental("eps")} for {@code $eps}. */
    static Expression fundamental(String field) {
        return FundamentalField.of(field);
    }

    /** The sum of a fundamental field over its {@code periods} latest known periods, {@code PSum($eps,4)}. */
    static Expression trailingSum(String field, int periods) {
        return new FundamentalField(field, periods, 0);
    }

    /** The news sentiment known at the bar's end, {@code $sentiment}. */
    static Expression sentiment() {
        return new SentimentField();
    }

    static Expression constant(double value) {
        return new Constant(value);
    }

    default Expression plus(Expression other) {
        return new Binary(BinaryOperator.ADD, this, other);
    }

    default Expression minus(Expression other) {
        return new Binary(BinaryOperator.SUB, this, other);
    }

    default Expression times(Expression other) {
        return new Binary(BinaryOperator.MUL, this, other);
    }

    default Expression dividedBy(Expression other) {
        return new Binary(BinaryOperator.DIV, this, other);
    }

    default Expression ref(int periods) {
        return new Ref(this, periods);
    }

    default Expression rolling(RollingOperator operator, int window) {
        return new Rolling(operator, this, window);
    }
}
