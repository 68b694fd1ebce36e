package org.nautilus.research.internal.expression;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.nautilus.api.research.expression.Expression;

/**
 * Compiled factors: the distinct subexpressions of all of them as one list of nodes in dependency order (a
 * subexpression several factors share is one node, computed once), and which node is each factor. Immutable
 * and shareable; the state of a computation lives in a {@link FactorStream} (one instrument, bar by bar) or a
 * {@link FactorBatch} (columns).
 */
public final class FactorProgram {

    private final List<String> names;
    private final int[] outputs;
    private final Node[] nodes;
    private final List<Expression> dataFields;
    private volatile String digest;

    FactorProgram(List<String> names, int[] outputs, List<Node> nodes) {
        this.names = List.copyOf(names);
        this.outputs = outputs.clone();
        this.nodes = nodes.toArray(Node[]::new);
        List<Expression> data = new ArrayList<>();
        for (Node node : this.nodes) {
            if (node.isData()) {
                data.add(node.expression()); // slots are numbered in node order
            }
        }
        this.dataFields = List.copyOf(data);
    }

    /**
     * The point-in-time data fields the factors read ({@code FundamentalField}, {@code SentimentField}), in slot
     * order: a caller supplies their values on each bar in this order ({@link PointInTimeFields} computes them the
     * same way for batch and streaming); empty if the factors read bars only.
     */
    public List<Expression> dataFields() {
        return dataFields;
    }

    /** Factor names, in definition order. */
    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /**
     * Whether a factor uses a cross-sectional operator ({@code CSRank}, ...): then the program runs over a universe
     * ({@link PanelBatch}, {@link PanelStream}), not over one instrument.
     */
    public boolean crossSectional() {
        for (Node node : nodes) {
            if (node.isCrossSection()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the factor uses a cross-sectional operator, directly or through another factor. */
    public boolean crossSectional(String name) {
        return nodes[outputs[indexOf(name)]].level() > 0;
    }

    /** Distinct subexpressions computed per bar (shared ones once). */
    public int nodeCount() {
        return nodes.length;
    }

    /** Bars before the current one that factor {@code index}'s value depends on: its warm-up for full windows. */
    public int lookback(int index) {
        return nodes[outputs[index]].lookback();
    }

    public int lookback(String name) {
        return lookback(indexOf(name));
    }

    /** The factor's expression with other factors' definitions substituted. */
    public Expression expression(String name) {
        return nodes[outputs[indexOf(name)]].expression();
    }

    public int indexOf(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no factor '" + name + "' in this program");
        }
        return index;
    }

    /** A new streaming state, for one instrument from its first bar. */
    public FactorStream newStream() {
        return new FactorStream(this);
    }

    /**
     * A stream continuing from a {@link FactorStream#snapshot} of a stream of this program (same {@link #digest}).
     *
     * @throws IllegalArgumentException if the bytes are not a state of this program
     */
    public FactorStream restore(byte[] snapshot) {
        FactorStream stream = new FactorStream(this);
        stream.restore(snapshot);
        return stream;
    }

    /**
     * SHA-256 (hex) of what the program computes: its factor names and every node's expression, in order. Two
     * programs with the same digest have the same nodes and kernels, so a snapshot of one restores into the other.
     */
    public String digest() {
        String d = digest;
        if (d == null) {
            StringBuilder text = new StringBuilder();
            names.forEach(n -> text.append(n).append('\n'));
            for (int output : outputs) {
                text.append(output).append(',');
            }
            text.append('\n');
            for (Node node : nodes) {
                text.append(node.expression().text()).append('\n');
            }
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256")
                        .digest(text.toString().getBytes(StandardCharsets.UTF_8));
                d = HexFormat.of().formatHex(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
            digest = d;
        }
        return d;
    }

    /** A batch evaluator; it keeps its working columns between calls. */
    public FactorBatch newBatch() {
        return new FactorBatch(this);
    }

    /** All factors over one instrument's bars, from its first bar (data fields NaN). */
    public FactorColumns evaluate(BarColumns bars) {
        return newBatch().evaluate(bars);
    }

    /** All factors over one instrument's bars and its data fields' columns ({@link #dataFields()} order). */
    public FactorColumns evaluate(BarColumns bars, double[][] data) {
        return newBatch().evaluate(bars, data);
    }

    Node[] nodes() {
        return nodes;
    }

    int[] outputs() {
        return outputs;
    }
}
