package org.nautilus.research.internal.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.data.BarFormat;
import org.nautilus.api.research.data.BarRow;
import org.nautilus.api.research.data.CheckRules;
import org.nautilus.api.research.data.CorporateAction;
import org.nautilus.api.research.data.DataCheckReport;
import org.nautilus.api.research.data.DataFiles;
import org.nautilus.api.research.data.DataIssue;
import org.nautilus.api.research.data.LoadedBars;
import org.nautilus.api.research.data.NewsItem;
import org.nautilus.api.research.store.Fundamental;
import org.osgi.service.component.annotations.Component;

/** Research data files read (bars, corporate actions, fundamentals, news), bars checked and adjusted, as a service (stateless). */
@Component(service = DataFiles.class)
public final class DataFilesComponent implements DataFiles {

    /** Errors quoted in the message of a refused load; the report has them all. */
    private static final int QUOTED_ERRORS = 5;

    @Override
    public List<BarRow> read(Path file, BarFormat format, InstrumentId instrument) {
        try {
            return BarRowReader.read(file, format, instrument);
        } catch (BarFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public DataCheckReport check(String source, List<BarRow> rows, CheckRules rules) {
        return BarChecker.check(source, rows, rules);
    }

    @Override
    public LoadedBars load(Path file, BarFormat format, InstrumentId instrument, CheckRules rules, boolean skipErrors) {
        List<BarRow> rows = read(file, format, instrument);
        DataCheckReport report = check(file.getFileName().toString(), rows, rules);
        List<DataIssue> errors = report.errors();
        if (!errors.isEmpty() && !skipErrors) {
            throw new IllegalArgumentException(report.summary() + "; nothing loaded (rows that cannot be bars: "
                    + errors.stream().limit(QUOTED_ERRORS).map(DataIssue::toString).collect(Collectors.joining("; "))
                    + (errors.size() > QUOTED_ERRORS ? "; ..." : "") + ")");
        }
        Set<String> bad = errors.stream().map(DataIssue::location).collect(Collectors.toCollection(HashSet::new));
        List<Bar> bars = new ArrayList<>(rows.size());
        int skipped = 0;
        for (BarRow row : rows) {
            if (bad.contains(row.location())) {
                skipped++;
                continue;
            }
            try {
                bars.add(new Bar(instrument, row.start(), row.start().plus(rules.interval()), Price.of(row.open()),
                        Price.of(row.high()), Price.of(row.low()), Price.of(row.close()), Quantity.of(row.volume())));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException(row.location() + ": " + e.getMessage() + "; nothing loaded", e);
            }
        }
        return new LoadedBars(bars, report, skipped);
    }

    @Override
    public List<CorporateAction> readCorporateActions(Path file) {
        try {
            return CorporateActionsCsvReader.read(file);
        } catch (BarFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public List<Bar> adjust(List<Bar> bars, List<CorporateAction> actions) {
        return BackAdjustment.adjust(bars, actions);
    }

    @Override
    public List<Fundamental> readFundamentals(Path file, InstrumentId instrument) {
        try {
            return FundamentalsCsvReader.read(file, instrument);
        } catch (BarFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public List<NewsItem> readNews(Path file) {
        try {
            return NewsJsonReader.read(file);
        } catch (BarFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
