package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.api.research.expression.Expression.close;
import static org.nautilus.api.research.expression.Expression.constant;
import static org.nautilus.api.research.expression.Expression.high;
import static org.nautilus.api.research.expression.Expression.low;
import static org.nautilus.api.research.expression.Expression.open;
import static org.nautilus.api.research.expression.Expression.volume;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nautilus.api.research.expression.Binary;
import org.nautilus.api.research.expression.BinaryOperator;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.FactorReference;
import org.nautilus.api.research.expression.FundamentalField;
import org.nautilus.api.research.expression.PairOperator;
import org.nautilus.api.research.expression.PairRolling;
import org.nautilus.api.research.expression.Quantile;
import org.nautilus.api.research.expression.RollingOperator;
import org.nautilus.api.research.expression.SentimentField;
import org.nautilus.api.research.expression.Unary;
import org.nautilus.api.research.expression.UnaryOperator;

class ExpressionParserTest {

    private static Expression parse(String text) {
        return ExpressionParser.parse(text).root();
    }

    @Test
    void parses_qlib_text_into_expression_records() {
        assertThat(parse("Mean($close, 5)/$close"))
                .isEqualTo(close().rolling(RollingOperator.MEAN, 5).dividedBy(close()));
        assertThat(parse("Quantile($close, 10, 0.8)")).isEqualTo(new Quantile(close(), 10, 0.8));
        assertThat(parse("Corr($close, Log($volume+1), 20)")).isEqualTo(new PairRolling(PairOperator.CORR, close(),
                new Unary(UnaryOperator.LOG, volume().plus(constant(1))), 20));
        assertThat(parse("($high-Greater($open, $close))/($high-$low+1e-12)")).isEqualTo(
                high().minus(new Binary(BinaryOperator.GREATER, open(), close()))
                        .dividedBy(high().minus(low()).plus(constant(1e-12))));
        assertThat(parse("Ref($close, 1)")).isEqualTo(close().ref(1));
        assertThat(parse("Ref($close, 0)")).isEqualTo(close());
    }

    @Test
    void parses_fundamentals_and_sentiment_as_fields() {
        assertThat(parse("$eps")).isEqualTo(new FundamentalField("eps", 1, 0));
        assertThat(parse("$book_value/$close")).isEqualTo(Expression.fundamental("book_value").dividedBy(close()));
        assertThat(parse("PSum($eps, 4)")).isEqualTo(Expression.trailingSum("eps", 4));
        assertThat(parse("PSum($sales, 4, 4)")).isEqualTo(new FundamentalField("sales", 4, 4));
        assertThat(parse("PSum($eps, 1)")).isEqualTo(parse("$eps")); // one period, none skipped: the latest
        assertThat(parse("Mean($sentiment, 5)")).isEqualTo(new SentimentField().rolling(RollingOperator.MEAN, 5));
        assertThat(parse("$pe")).isEqualTo(Expression.fundamental("pe")); // two edits from $open: a field of its own
    }

    @Test
    void parses_the_ta_lib_operators() {
        assertThat(parse("SeededEMA($close, 12)")).isEqualTo(close().rolling(RollingOperator.SEEDED_EMA, 12));
        assertThat(parse("Wilder(Abs($close-$open), 14)"))
                .isEqualTo(new Unary(UnaryOperator.ABS, close().minus(open())).rolling(RollingOperator.WILDER, 14));
        assertThat(parse("MeanDev($close, 20)")).isEqualTo(close().rolling(RollingOperator.MEAN_DEVIATION, 20));
        assertThat(parse("Cumsum($volume)")).isEqualTo(new Unary(UnaryOperator.CUMSUM, volume()));
    }

    @Test
    void follows_pythons_precedence_as_qlib_does() {
        // * before -, left to right
        assertThat(parse("$close-$open*2/$high")).isEqualTo(close().minus(open().times(constant(2)).dividedBy(high())));
        assertThat(parse("$close-$open-$high")).isEqualTo(close().minus(open()).minus(high()));
        // comparisons bind looser than arithmetic and than & and |
        assertThat(parse("$close>Ref($close,1)+1")).isEqualTo(
                new Binary(BinaryOperator.GT, close(), close().ref(1).plus(constant(1))));
        assertThat(parse("($close>$open)&($low<$high)|($volume>0)")).isEqualTo(new Binary(BinaryOperator.OR,
                new Binary(BinaryOperator.AND, new Binary(BinaryOperator.GT, close(), open()),
                        new Binary(BinaryOperator.LT, low(), high())),
                new Binary(BinaryOperator.GT, volume(), constant(0))));
        assertThat(parse("-$close*2")).isEqualTo(new Unary(UnaryOperator.NEG, close()).times(constant(2)));
        assertThat(parse("2*-3")).isEqualTo(constant(2).times(constant(-3)));
    }

    @Test
    void bare_names_are_other_factors_with_their_columns() {
        ParsedExpression parsed = ExpressionParser.parse("KMID / (KLEN+1)");

        assertThat(parsed.root()).isEqualTo(new FactorReference("KMID").dividedBy(
                new FactorReference("KLEN").plus(constant(1))));
        assertThat(parsed.references()).containsExactly(new ParsedExpression.NameUse("KMID", 1),
                new ParsedExpression.NameUse("KLEN", 9));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Mean($close,5)/$close",
            "($close-$open)/($high-$low+1e-12)",
            "Corr($close/Ref($close,1),Log($volume/Ref($volume,1)+1),60)",
            "Quantile($close,5,0.8)/$close",
            "If(($close>$open)&($volume>Ref($volume,1)),$high,Neg($low))",
            "$close-($open-$high)",
            "($close>$open)>($low>$high)",
            "(IdxMax($high,5)-IdxMin($low,5))/5",
            "100*Wilder(Greater($close-Ref($close,1),0),14)/SeededEMA($close,12)+MeanDev($close,20)-Cumsum($volume)",
            "If(PSum($eps,4)>0,$close/PSum($eps,4),0/0)", "PSum($sales,4)/PSum($sales,4,4)-1+$sentiment*$book_value"})
    void canonical_text_parses_back_to_the_same_expression(String text) {
        Expression expression = parse(text);

        assertThat(parse(expression.text())).isEqualTo(expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Maen($close, 5)|1|unknown function 'Maen'",
            "Mean($close, 5|15|expected ')' or ',' in the call of Mean, found the end",
            "Mean($close)|1|Mean takes 2 arguments (Mean(x, window)), got 1",
            "Mean($close, 2.5)|14|window must be a whole number of at least 1, got 2.5",
            "Mean($close, 0)|14|window must be a whole number of at least 1, got 0",
            "Mean($close, $open)|14|window must be a number, got $open",
            "Ref($close, -1)|13|periods must not be negative: Ref(x, -1) would read a future bar",
            "$close/$clsoe|8|unknown field '$clsoe' (did you mean $close?); known: $open, $high, $low, $close, $volume, $vwap, $sentiment and the fields of the fundamentals data, e.g. $eps",
            "$sentimnt|1|unknown field '$sentimnt' (did you mean $sentiment?); known: $open, $high, $low, $close, $volume, $vwap, $sentiment and the fields of the fundamentals data, e.g. $eps",
            "PSum($close, 4)|6|PSum sums a fundamental field over fiscal periods, e.g. PSum($eps, 4); got $close",
            "PSum($eps)|1|PSum takes 2 or 3 arguments (PSum($field, periods[, skip])), got 1",
            "PSum($eps, 0)|12|fiscal periods must be a whole number of at least 1, got 0",
            "PSum($eps, 4, -1)|15|skip must be a whole number of at least 0, got -1",
            "$close > $open > $low|16|comparisons do not chain; parenthesise one side",
            "$close # 2|8|unexpected character '#'",
            "$close +|9|the expression ends where a value is expected",
            "($close + 1|12|expected ')' to close the '(' at column 1, found the end",
            "$close $open|8|unexpected '$open' after a complete expression",
            "Quantile($close, 5, 1.5)|21|q must be within [0, 1], got 1.5"})
    void reports_what_is_wrong_and_the_column(String text, int column, String reason) {
        assertThatThrownBy(() -> ExpressionParser.parse(text))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.expression()).isEqualTo(text);
                });
    }
}
