package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.portfolio.PositionService;

@Command(scope = "nautilus", name = "positions", description = "Lists positions with average price, mark and P&L.")
@Service
public class ListPositionsCommand implements Action {

    @Option(name = "-P", aliases = "--portfolio", description = "only this portfolio")
    String portfolio;

    @Reference
    PositionService positions;

    @Reference
    MarketDataService marketData;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("PORTFOLIO");
        table.column("SYMBOL");
        table.column("QTY").alignRight();
        table.column("AVG PX").alignRight();
        table.column("MARK").alignRight();
        table.column("UNREALIZED").alignRight();
        table.column("REALIZED").alignRight();
        table.column("COMMISSIONS").alignRight();
        table.column("FILLS").alignRight();
        for (Position p : portfolio == null ? positions.positions() : positions.positions(PortfolioId.of(portfolio))) {
            Price mark = marketData.mark(p.instrumentId()).orElse(null);
            table.addRow().addContent(p.portfolioId(), p.instrumentId(), p.quantity(), p.averagePrice(),
                    Text.orNone(mark), mark == null ? "-" : p.unrealizedPnl(mark), p.realizedPnl(), p.commissions(),
                    p.fillCount());
        }
        Text.print(table, session);
        return null;
    }
}
