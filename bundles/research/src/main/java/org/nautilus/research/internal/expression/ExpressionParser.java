package org.nautilus.research.internal.expression;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nautilus.api.research.expression.BarField;
import org.nautilus.api.research.expression.Binary;
import org.nautilus.api.research.expression.BinaryOperator;
import org.nautilus.api.research.expression.Conditional;
import org.nautilus.api.research.expression.Constant;
import org.nautilus.api.research.expression.CrossSection;
import org.nautilus.api.research.expression.CrossSectionOperator;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.FactorReference;
import org.nautilus.api.research.expression.Field;
import org.nautilus.api.research.expression.FundamentalField;
import org.nautilus.api.research.expression.PairOperator;
import org.nautilus.api.research.expression.PairRolling;
import org.nautilus.api.research.expression.Quantile;
import org.nautilus.api.research.expression.Ref;
import org.nautilus.api.research.expression.Rolling;
import org.nautilus.api.research.expression.RollingOperator;
import org.nautilus.api.research.expression.SentimentField;
import org.nautilus.api.research.expression.Unary;
import org.nautilus.api.research.expression.UnaryOperator;

/**
 * Parses Qlib expression text: {@code $field}s, numbers, other factors by bare name (or {@code library.name} for
 * another library's), calls such as
 * {@code Mean($close, 5)}, and the infix operators {@code + - * / > >= < <= == != & |} with Python's precedence
 * (Qlib evaluates its expressions as Python): comparisons loosest and not chained, then {@code |}, {@code &},
 * {@code + -}, {@code * /}, unary {@code -}. Errors name the 1-based column.
 */
public final class ExpressionParser {

    private enum Kind {
        NUMBER, FIELD, NAME, OPEN, CLOSE, COMMA, OPERATOR, END
    }

    private record Token(Kind kind, String text, int column) {
    }

    private static final Map<String, BinaryOperator> INFIX = new HashMap<>();
    private static final Map<String, BinaryOperator> BINARY_CALLS = new HashMap<>();
    private static final Map<String, UnaryOperator> UNARY_CALLS = new HashMap<>();
    private static final Map<String, RollingOperator> ROLLING_CALLS = new HashMap<>();
    private static final Map<String, PairOperator> PAIR_CALLS = new HashMap<>();
    private static final Map<String, CrossSectionOperator> CROSS_SECTION_CALLS = new HashMap<>();
    private static final Map<String, BarField> FIELDS = new HashMap<>();

    static {
        for (BinaryOperator op : BinaryOperator.values()) {
            BINARY_CALLS.put(op.function(), op);
            if (op.symbol() != null) {
                INFIX.put(op.symbol(), op);
            }
        }
        for (UnaryOperator op : UnaryOperator.values()) {
            UNARY_CALLS.put(op.function(), op);
        }
        for (RollingOperator op : RollingOperator.values()) {
            ROLLING_CALLS.put(op.function(), op);
        }
        for (PairOperator op : PairOperator.values()) {
            PAIR_CALLS.put(op.function(), op);
        }
        for (CrossSectionOperator op : CrossSectionOperator.values()) {
            CROSS_SECTION_CALLS.put(op.function(), op);
        }
        for (BarField field : BarField.values()) {
            FIELDS.put(field.key(), field);
        }
    }

    private final String text;
    private final List<Token> tokens;
    private final List<ParsedExpression.NameUse> references = new ArrayList<>();
    private int next;

    private ExpressionParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /**
     * @throws ExpressionSyntaxException with the column of the first problem
     */
    public static ParsedExpression parse(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        Expression root = parser.comparison();
        Token end = parser.peek();
        if (end.kind != Kind.END) {
            throw parser.error(end, "unexpected '" + end.text + "' after a complete expression");
        }
        return new ParsedExpression(root, parser.references);
    }

    // ---- grammar, loosest first ----

    private Expression comparison() {
        Expression left = binaryLevel(2);
        Token token = peek();
        if (isInfix(token, 1)) {
            next++;
            Expression right = binaryLevel(2);
            Token chained = peek();
            if (isInfix(chained, 1)) {
                throw error(chained, "comparisons do not chain; parenthesise one side");
            }
            return new Binary(INFIX.get(token.text), left, right);
        }
        return left;
    }

    /** Left-associative infix operators of {@code precedence} and tighter. */
    private Expression binaryLevel(int precedence) {
        if (precedence > 5) {
            return unary();
        }
        Expression left = binaryLevel(precedence + 1);
        while (isInfix(peek(), precedence)) {
            BinaryOperator op = INFIX.get(tokens.get(next++).text);
            left = new Binary(op, left, binaryLevel(precedence + 1));
        }
        return left;
    }

    private boolean isInfix(Token token, int precedence) {
        if (token.kind != Kind.OPERATOR) {
            return false;
        }
        BinaryOperator op = INFIX.get(token.text);
        return op != null && op.precedence() == precedence;
    }

    private Expression unary() {
        Token token = peek();
        if (token.kind == Kind.OPERATOR && (token.text.equals("-") || token.text.equals("+"))) {
            next++;
            Expression operand = unary();
            if (token.text.equals("+")) {
                return operand;
            }
            return operand instanceof Constant c ? new Constant(-c.value()) : new Unary(UnaryOperator.NEG, operand);
        }
        return primary();
    }

    private Expression primary() {
        Token token = tokens.get(next++);
        switch (token.kind) {
            case NUMBER:
                return new Constant(Double.parseDouble(token.text));
            case FIELD: {
                String name = token.text.substring(1);
                BarField field = FIELDS.get(name);
                if (field != null) {
                    return new Field(field);
                }
                if (name.equals(SentimentField.NAME)) {
                    return new SentimentField();
                }
                // Any other name is a figure of the fundamentals data (eps, book_value, ...), as the data names it;
                // one a single edit away from a known field is taken for a typo, not for a field reading NaN.
                String near = nearKnownField(name);
                if (near != null) {
                    throw error(token, "unknown field '" + token.text + "' (did you mean $" + near
                            + "?); known: $open, $high, $low, $close, $volume, $vwap, $sentiment and the fields of"
                            + " the fundamentals data, e.g. $eps");
                }
                try {
                    return FundamentalField.of(name);
                } catch (IllegalArgumentException e) {
                    throw error(token, e.getMessage());
                }
            }
            case NAME:
                if (peek().kind == Kind.OPEN) {
                    return call(token);
                }
                references.add(new ParsedExpression.NameUse(token.text, token.column));
                return new FactorReference(token.text);
            case OPEN: {
                Expression inner = comparison();
                expect(Kind.CLOSE, "')' to close the '(' at column " + token.column);
                return inner;
            }
            case END:
                throw error(token, "the expression ends where a value is expected");
            default:
                throw error(token, "unexpected '" + token.text + "' where a value is expected");
        }
    }

    private Expression call(Token name) {
        next++; // the '('
        List<Expression> args = new ArrayList<>();
        List<Token> starts = new ArrayList<>();
        if (peek().kind != Kind.CLOSE) {
            do {
                starts.add(peek());
                args.add(comparison());
            } while (accept(Kind.COMMA));
        }
        expect(Kind.CLOSE, "')' or ',' in the call of " + name.text);
        String function = name.text;
        if (function.equals("Ref")) {
            arity(name, args, 2, "Ref(x, periods)");
            int periods = integer(args.get(1), starts.get(1), "periods", 0);
            return periods == 0 ? args.get(0) : new Ref(args.get(0), periods);
        }
        if (function.equals("Quantile")) {
            arity(name, args, 3, "Quantile(x, window, q)");
            int window = integer(args.get(1), starts.get(1), "window", 1);
            double q = number(args.get(2), starts.get(2), "q");
            if (!(q >= 0 && q <= 1)) {
                throw error(starts.get(2), "q must be within [0, 1], got " + q);
            }
            return new Quantile(args.get(0), window, q);
        }
        if (function.equals("PSum")) {
            if (args.size() != 2 && args.size() != 3) {
                throw error(name, "PSum takes 2 or 3 arguments (PSum($field, periods[, skip])), got " + args.size());
            }
            if (!(args.get(0) instanceof FundamentalField f) || f.periods() != 1) {
                throw error(starts.get(0), "PSum sums a fundamental field over fiscal periods, e.g. PSum($eps, 4);"
                        + " got " + args.get(0).text());
            }
            int periods = integer(args.get(1), starts.get(1), "fiscal periods", 1);
            int skip = args.size() == 3 ? integer(args.get(2), starts.get(2), "skip", 0) : 0;
            return new FundamentalField(f.name(), periods, skip);
        }
        if (function.equals("If")) {
            arity(name, args, 3, "If(condition, then, otherwise)");
            return new Conditional(args.get(0), args.get(1), args.get(2));
        }
        RollingOperator rolling = ROLLING_CALLS.get(function);
        if (rolling != null) {
            arity(name, args, 2, function + "(x, window)");
            return new Rolling(rolling, args.get(0), integer(args.get(1), starts.get(1), "window", 1));
        }
        PairOperator pair = PAIR_CALLS.get(function);
        if (pair != null) {
            arity(name, args, 3, function + "(x, y, window)");
            return new PairRolling(pair, args.get(0), args.get(1), integer(args.get(2), starts.get(2), "window", 1));
        }
        CrossSectionOperator crossSection = CROSS_SECTION_CALLS.get(function);
        if (crossSection != null) {
            arity(name, args, 1, function + "(x)");
            return new CrossSection(crossSection, args.get(0));
        }
        UnaryOperator unary = UNARY_CALLS.get(function);
        if (unary != null) {
            arity(name, args, 1, function + "(x)");
            return new Unary(unary, args.get(0));
        }
        BinaryOperator binary = BINARY_CALLS.get(function);
        if (binary != null) {
            arity(name, args, 2, function + "(x, y)");
            return new Binary(binary, args.get(0), args.get(1));
        }
        throw error(name, "unknown function '" + function + "'");
    }

    /** A bar field or {@code sentiment} one edit (insert, delete, replace, swap neighbours) from {@code name}. */
    private static String nearKnownField(String name) {
        List<String> known = new ArrayList<>(FIELDS.keySet());
        known.add(SentimentField.NAME);
        for (String field : known) {
            if (editDistance(name, field) <= 1) {
                return field;
            }
        }
        return null;
    }

    /** Optimal string alignment distance. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private void arity(Token name, List<Expression> args, int expected, String usage) {
        if (args.size() != expected) {
            throw error(name, name.text + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
                    + " (" + usage + "), got " + args.size());
        }
    }

    private int integer(Expression arg, Token start, String what, int minimum) {
        double value = number(arg, start, what);
        if (value != Math.rint(value) || value < minimum || value > Integer.MAX_VALUE) {
            String reason = what.equals("periods") && value < 0
                    ? "periods must not be negative: Ref(x, " + new Constant(value).text() + ") would read a future bar"
                    : what + " must be a whole number of at least " + minimum + ", got " + new Constant(value).text();
            throw error(start, reason);
        }
        return (int) value;
    }

    private double number(Expression arg, Token start, String what) {
        if (arg instanceof Constant c) {
            return c.value();
        }
        throw error(start, what + " must be a number, got " + arg.text());
    }

    // ---- tokens ----

    private Token peek() {
        return tokens.get(next);
    }

    private boolean accept(Kind kind) {
        if (peek().kind == kind) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(Kind kind, String what) {
        Token token = peek();
        if (token.kind != kind) {
            throw error(token, "expected " + what + ", found "
                    + (token.kind == Kind.END ? "the end" : "'" + token.text + "'"));
        }
        next++;
    }

    private ExpressionSyntaxException error(Token token, String reason) {
        return new ExpressionSyntaxException(text, token.column, reason);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c)
                    || c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int end = numberEnd(text, i);
                tokens.add(new Token(Kind.NUMBER, text.substring(i, end), column));
                i = end;
            } else if (c == '$' || Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < text.length()
                        && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                if (c == '$' && end == i + 1) {
                    throw new ExpressionSyntaxException(text, column,
                            "'$' must be followed by a field name, e.g. $close");
                }
                // library.name: a factor of another library (one dot, a name on each side)
                if (c != '$' && end + 1 < text.length() && text.charAt(end) == '.'
                        && (Character.isLetter(text.charAt(end + 1)) || text.charAt(end + 1) == '_')) {
                    end += 2;
                    while (end < text.length()
                            && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                        end++;
                    }
                }
                tokens.add(new Token(c == '$' ? Kind.FIELD : Kind.NAME, text.substring(i, end), column));
                i = end;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", column));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", column));
                i++;
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ",", column));
                i++;
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (INFIX.containsKey(two)) {
                    tokens.add(new Token(Kind.OPERATOR, two, column));
                    i += 2;
                } else if (INFIX.containsKey(String.valueOf(c))) {
                    tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), column));
                    i++;
                } else {
                    throw new ExpressionSyntaxException(text, column, "unexpected character '" + c + "'");
                }
            }
        }
        tokens.add(new Token(Kind.END, "", text.length() + 1));
        return tokens;
    }

    /** The end of a decimal number: digits, an optional fraction, an optional exponent. */
    private static int numberEnd(String text, int start) {
        int i = start;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < text.length() && Character.isDigit(text.charAt(j))) {
                i = j;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }
}
