package org.nautilus.shell.internal;

import java.security.AccessController;
import java.security.Principal;
import java.util.Map;
import javax.security.auth.Subject;
import org.nautilus.api.audit.Actor;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.audit.Channel;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.CommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records a shell command's action in the audit journal with the logged-in user (channel SHELL). */
final class ShellAudit {

    private static final Logger LOG = LoggerFactory.getLogger(ShellAudit.class);

    private ShellAudit() {
    }

    /**
     * The user running this command: Karaf runs each command inside {@code Subject.doAs} with the session's JAAS
     * subject (SSH login, key or local console), whose user principal names the user.
     */
    @SuppressWarnings("removal")
    static Actor actor() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal principal : subject.getPrincipals()) {
                if (principal.getClass().getSimpleName().equals("UserPrincipal")) {
                    return Actor.of(principal.getName(), Channel.SHELL);
                }
            }
        }
        return Actor.of("unknown", Channel.SHELL);
    }

    /** Records an amend or cancel with its outcome (accepted, or refused with the code). */
    static void record(AuditService audit, String type, String orderId, CommandResult result) {
        String outcome = result.accepted() ? "accepted" : "refused: " + result.message() + " [" + result.code() + "]";
        record(audit, type, orderId, result.order() == null ? null : result.order().portfolioId(),
                (result.order() == null ? "order " + orderId : Text.order(result.order())) + " - " + outcome,
                Map.of("code", result.code()));
    }

    /** Records the action; the action already happened, so a journal that cannot write is logged, not thrown. */
    static void record(AuditService audit, String type, String subject, PortfolioId portfolio, String detail,
            Map<String, String> fields) {
        Actor actor = actor();
        if (audit == null) {
            LOG.warn("audit journal unavailable: {} {} by {} not recorded ({})", type, subject, actor, detail);
            return;
        }
        try {
            audit.record(actor, type, subject, portfolio, detail, fields);
        } catch (RuntimeException e) {
            LOG.error("audit: {} {} by {} could not be recorded: {}", type, subject, actor, e.toString());
        }
    }
}
