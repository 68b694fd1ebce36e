package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderService;

@Command(scope = "nautilus", name = "cancel", description = "Cancels an open order.", detailedDescription = "Asks the order's venue to cancel it, e.g. nautilus:cancel 42.\n"
        + "A filled, canceled or unknown order is refused with the reason, and nothing changes.")
@Service
public class CancelOrderCommand implements Action {

    @Argument(index = 0, name = "orderId", required = true, description = "the OMS order id (see nautilus:orders)")
    @Completion(OpenOrderCompleter.class)
    String orderId;

    @Reference
    OrderService orders;

    @Reference(optional = true)
    AuditService audit;

    @Override
    public Object execute() {
        CommandResult result = orders.cancel(OrderId.parse(orderId));
        ShellAudit.record(audit, "CANCEL", orderId, result);
        return Text.commandOutcome("cancel", orderId, result);
    }
}
