package org.nautilus.api.risk;

/**
 * The verdict of a risk rule: approved, or rejected with the rule's name, a stable reason code and a
 * message that names the numbers ("max order quantity 1000 exceeded: 1500").
 *
 * @param approved {@code true} if the order may proceed
 * @param rule     name of the deciding rule, {@code null} when approved
 * @param code     stable reason code, e.g. {@code MAX_ORDER_QUANTITY}, {@code null} when approved
 * @param message  human-readable reason, {@code null} when approved
 */
public record RiskDecision(boolean approved, String rule, String code, String message) {

    private static final RiskDecision APPROVED = new RiskDecision(true, null, null, null);

    public RiskDecision {
        if (!approved && (rule == null || code == null || message == null)) {
            throw new IllegalArgumentException("a rejection needs a rule, a code and a message");
        }
    }

    public static RiskDecision approve() {
        return APPROVED;
    }

    public static RiskDecision reject(String rule, String code, String message) {
        return new RiskDecision(false, rule, code, message);
    }

    /** {@code rule: message [CODE]}, e.g. for a DENIED order's reason. */
    public String describe() {
        return approved ? "approved" : rule + ": " + message + " [" + code + "]";
    }
}
