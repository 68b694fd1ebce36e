package org.nautilus.api.risk;

import org.nautilus.api.domain.RejectCode;

/**
 * The verdict of a risk rule: approved, or rejected with the rule's name, a stable reason code and a
 * message that names the numbers ("max order quantity 1000 exceeded: 1500").
 *
 * @param approved {@code true} if the order may proceed
 * @param rule     name of the deciding rule, {@code null} when approved
 * @param code     the rule's stable reason code, e.g. {@code MAX_ORDER_QUANTITY}, {@code null} when approved: a
 *                 {@link RejectCode} name, or a plugin rule's own code (which the order shows as
 *                 {@link RejectCode#RULE_DENIED}: see {@link #rejectCode()})
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

    /** A rejection with one of the platform's codes. @since risk 1.2 */
    public static RiskDecision reject(String rule, RejectCode code, String message) {
        return new RiskDecision(false, rule, code.name(), message);
    }

    /**
     * The code the denied order carries: the {@link RejectCode} named {@link #code()}, or
     * {@link RejectCode#RULE_DENIED} for a plugin rule's own code; {@code null} when approved.
     *
     * @since risk 1.2
     */
    public RejectCode rejectCode() {
        return approved ? null : RejectCode.of(code);
    }

    /**
     * {@code rule: message}, a DENIED order's reason; a plugin rule's own code (one {@link #rejectCode()} cannot
     * name) is kept in the text: {@code rule: message (CODE)}. The code is never read back from this text.
     */
    public String describe() {
        if (approved) {
            return "approved";
        }
        return rejectCode() == RejectCode.RULE_DENIED ? rule + ": " + message + " (" + code + ")"
                : rule + ": " + message;
    }
}
