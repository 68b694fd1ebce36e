package org.nautilus.model.weka.internal;

/**
 * How the random forest is grown.
 *
 * @param trees    number of trees, at least 1
 * @param seed     random seed: the same data and seed grow the same forest
 * @param maxDepth maximum tree depth, 0 for unlimited
 */
public record ForestSettings(int trees, int seed, int maxDepth) {

    public static final ForestSettings DEFAULT = new ForestSettings(100, 1, 0);

    public ForestSettings {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1, got " + trees);
        }
        if (maxDepth < 0) {
            throw new IllegalArgumentException("max.depth must be 0 (unlimited) or more, got " + maxDepth);
        }
    }
}
