package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderService;

@Command(scope = "nautilus", name = "amend", description = "Cancel-replace: changes an open order's quantity and/or price.", detailedDescription = "Keeps the order id, e.g. nautilus:amend -p 189.50 42 or nautilus:amend -q 5 42.\n"
        + "The quantity is the new total (fills included). A lower quantity keeps the order's time priority;\n"
        + "a price change or a higher quantity loses it. A refused amend changes nothing.")
@Service
public class AmendOrderCommand implements Action {

    @Option(name = "-q", aliases = "--quantity", description = "new total quantity")
    String quantity;

    @Option(name = "-p", aliases = "--price", description = "new limit price (the stop price of a STOP order)")
    String price;

    @Argument(index = 0, name = "orderId", required = true, description = "the OMS order id")
    @Completion(OpenOrderCompleter.class)
    String orderId;

    @Reference
    OrderService orders;

    @Reference(optional = true)
    AuditService audit;

    @Override
    public Object execute() {
        if (quantity == null && price == null) {
            throw new IllegalArgumentException("nothing to amend: give a new quantity (-q) and/or price (-p)");
        }
        CommandResult result = orders.amend(OrderId.parse(orderId), quantity == null ? null : Quantity.of(quantity),
                price == null ? null : Price.of(price));
        ShellAudit.record(audit, "AMEND", orderId, result);
        return Text.commandOutcome("amend", orderId, result);
    }
}
