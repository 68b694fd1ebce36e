package org.nautilus.research.internal.files;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A user's factor file, {@code etc/factors/*.yaml}: a library of factor definitions written as expressions.
 *
 * <pre>
 * library: my_factors          # optional; the file name without .yaml by default
 * factors:
 *   - name: MOM_20
 *     expression: $close/Ref($close,20)-1
 *     description: 20-bar momentum
 *   - name: RSI_GAP
 *     expression: technical.RSI_14 - 50     # another library's factor
 * </pre>
 *
 * Each definition remembers where its expression is written, so a problem at a column of the expression is
 * reported at the line and column of the file.
 *
 * @param file        the file name
 * @param library     the library name its factors are listed under
 * @param definitions the definitions, in file order
 * @param positions   where each definition's expression starts, by factor name
 */
public record FactorFile(String file, String library, List<FactorDefinition> definitions,
        Map<String, Position> positions) implements FactorLibrary {

    private static final Set<String> TOP_KEYS = Set.of("library", "factors");
    private static final Set<String> FACTOR_KEYS = Set.of("name", "expression", "description");

    public FactorFile {
        definitions = List.copyOf(definitions);
        positions = Map.copyOf(positions);
    }

    @Override
    public String name() {
        return library;
    }

    /**
     * Where an expression's text starts in the file (1-based), and whether its columns map one to one onto the
     * file's (a plain or quoted scalar on one line); otherwise a problem is reported at the start of the value.
     */
    public record Position(int line, int column, boolean oneLine) {

        /** The file line and column of the expression's 1-based {@code expressionColumn}. */
        public Position at(int expressionColumn) {
            return oneLine ? new Position(line, column + expressionColumn - 1, true) : this;
        }
    }

    /**
     * Reads a factor file.
     *
     * @throws FactorFileException at the line and column of the first problem: YAML syntax, a missing or unknown
     *                             key, a bad or repeated name
     */
    public static FactorFile parse(String file, byte[] content) {
        String text = utf8(content);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new FactorFileException(mark == null ? 1 : mark.getLine() + 1,
                    mark == null ? 1 : mark.getColumn() + 1,
                    "not valid YAML: " + (e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            throw new FactorFileException(1, 1, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new FactorFileException(1, 1, "the file is empty; it needs a 'factors:' list");
        }
        Map<String, Node> top = mapping(root, "the file", TOP_KEYS);
        String library = top.containsKey("library") ? scalar(top.get("library"), "library")
                : stem(file);
        if (!library.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            Node at = top.getOrDefault("library", root);
            throw error(at, "'" + library + "' is not a library name: letters, digits and _, not starting with a digit"
                    + (top.containsKey("library") ? "" : " (name the file so, or give 'library:')"));
        }
        Node factors = top.get("factors");
        if (factors == null) {
            throw error(root, "no 'factors:' list");
        }
        if (!(factors instanceof SequenceNode list)) {
            throw error(factors, "'factors' must be a list of factors (- name: ..., expression: ...)");
        }
        List<FactorDefinition> definitions = new ArrayList<>();
        Map<String, Position> positions = new HashMap<>();
        for (Node item : list.getValue()) {
            Map<String, Node> factor = mapping(item, "a factor", FACTOR_KEYS);
            Node nameNode = required(factor, "name", item);
            Node expressionNode = required(factor, "expression", item);
            String name = scalar(nameNode, "name");
            String expression = scalar(expressionNode, "expression");
            String description = factor.containsKey("description") ? scalar(factor.get("description"), "description")
                    : "";
            if (positions.containsKey(name)) {
                throw error(nameNode, "factor " + name + " is defined twice in the file (first at line "
                        + positions.get(name).line() + ")");
            }
            try {
                definitions.add(new FactorDefinition(name, expression, description));
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage().contains("expression") ? expressionNode : nameNode, e.getMessage());
            }
            positions.put(name, position((ScalarNode) expressionNode));
        }
        if (definitions.isEmpty()) {
            throw error(factors, "'factors' is empty");
        }
        return new FactorFile(file, library, definitions, positions);
    }

    private static Position position(ScalarNode node) {
        Mark start = node.getStartMark();
        Mark end = node.getEndMark();
        DumperOptions.ScalarStyle style = node.getScalarStyle();
        boolean quoted = style == DumperOptions.ScalarStyle.DOUBLE_QUOTED
                || style == DumperOptions.ScalarStyle.SINGLE_QUOTED;
        boolean oneLine = start.getLine() == end.getLine() && (style == DumperOptions.ScalarStyle.PLAIN || quoted)
                && !node.getValue().contains("\\");
        return new Position(start.getLine() + 1, start.getColumn() + 1 + (quoted ? 1 : 0), oneLine);
    }

    private static Map<String, Node> mapping(Node node, String what, Set<String> keys) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping of " + String.join(", ", keys.stream().sorted().toList()));
        }
        Map<String, Node> values = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key");
            if (!keys.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + "; known: "
                        + String.join(", ", keys.stream().sorted().toList()));
            }
            values.put(key, tuple.getValueNode());
        }
        return values;
    }

    private static Node required(Map<String, Node> mapping, String key, Node owner) {
        Node node = mapping.get(key);
        if (node == null) {
            throw error(owner, "a factor needs '" + key + ":'");
        }
        return node;
    }

    private static String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, what + " must be a single value, not a list or mapping");
        }
        return scalar.getValue();
    }

    private static FactorFileException error(Node node, String reason) {
        Mark mark = node.getStartMark();
        return new FactorFileException(mark.getLine() + 1, mark.getColumn() + 1, reason);
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new FactorFileException(1, 1, "not UTF-8 text");
        }
    }
}
