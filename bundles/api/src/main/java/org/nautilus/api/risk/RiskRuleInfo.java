package org.nautilus.api.risk;

/**
 * A registered risk rule as the shell and HTTP API show it.
 *
 * @param name        the rule's name
 * @param description the rule and its current limits
 * @param rejections  how many orders it has rejected since it was registered
 */
public record RiskRuleInfo(String name, String description, long rejections) {
}
