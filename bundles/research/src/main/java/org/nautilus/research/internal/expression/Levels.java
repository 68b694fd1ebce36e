package org.nautilus.research.internal.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * A program's nodes by level (how many cross-sections lie below a node): a universe computes, for level 0, 1, ...,
 * first the level's cross-sections (their inputs are a level lower), then its per-instrument nodes, in node order.
 */
final class Levels {

    private final int[][] crossSections;
    private final int[][] perInstrument;

    Levels(Node[] nodes) {
        int count = 1;
        for (Node node : nodes) {
            count = Math.max(count, node.level() + 1);
        }
        List<List<Integer>> cs = new ArrayList<>();
        List<List<Integer>> ts = new ArrayList<>();
        for (int level = 0; level < count; level++) {
            cs.add(new ArrayList<>());
            ts.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.length; i++) {
            (nodes[i].isCrossSection() ? cs : ts).get(nodes[i].level()).add(i);
        }
        crossSections = new int[count][];
        perInstrument = new int[count][];
        for (int level = 0; level < count; level++) {
            crossSections[level] = cs.get(level).stream().mapToInt(Integer::intValue).toArray();
            perInstrument[level] = ts.get(level).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    int count() {
        return crossSections.length;
    }

    int[] crossSections(int level) {
        return crossSections[level];
    }

    int[] perInstrument(int level) {
        return perInstrument[level];
    }
}
