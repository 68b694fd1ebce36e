package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.oms.ContingencyType;

@Command(scope = "nautilus", name = "oco", description = "Submits one-cancels-other orders: when one trades or ends, "
        + "the others are canceled.", detailedDescription = "Each order is quoted: \"" + OrderSpec.SYNTAX
                + "\". E.g. exit a long\n"
                + "MSFT position at 420 or stop out at 380, whichever comes first:\n"
                + "  nautilus:oco -v SIM \"SELL 5 MSFT LIMIT 420\" \"SELL 5 MSFT STOP 380\"\n"
                + "Client order ids are <prefix>-1, <prefix>-2, ... (-c); orders are GTC unless --tif says otherwise.")
@Service
public class OcoOrderCommand extends ContingentListCommand {

    @Override
    ContingencyType type() {
        return ContingencyType.OCO;
    }
}
