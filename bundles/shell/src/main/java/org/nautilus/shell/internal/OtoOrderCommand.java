package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.oms.ContingencyType;

@Command(scope = "nautilus", name = "oto", description = "Submits one-triggers-other orders: the first order's fill "
        + "releases the others.", detailedDescription = "Each order is quoted: \"" + OrderSpec.SYNTAX
                + "\". The first order is\n"
                + "worked at once; the others wait (INITIALIZED) and are sent once it has ended filled, for at most\n"
                + "the quantity it filled; if it ends unfilled they are canceled. E.g. buy 5 MSFT at 400, then\n"
                + "offer them at 420:\n"
                + "  nautilus:oto -v SIM \"BUY 5 MSFT LIMIT 400\" \"SELL 5 MSFT LIMIT 420\"\n"
                + "Client order ids are <prefix>-1, <prefix>-2, ... (-c); orders are GTC unless --tif says otherwise.")
@Service
public class OtoOrderCommand extends ContingentListCommand {

    @Override
    ContingencyType type() {
        return ContingencyType.OTO;
    }
}
