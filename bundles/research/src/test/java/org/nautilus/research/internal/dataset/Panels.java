package org.nautilus.research.internal.dataset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.expression.BarColumns;

/** Small hand-made panels for tests. */
final class Panels {

    static final LocalDate DAY0 = LocalDate.of(2020, 1, 1);

    private Panels() {
    }

    /**
     * {@code instruments} per date over {@code dates} consecutive calendar days, row = date · instruments + i,
     * label end = date + {@code labelDays} days; feature = row number, label = 0.001 · row.
     */
    static PanelDataset grid(int dates, int instruments, int labelDays) {
        int n = dates * instruments;
        int[] rowDate = new int[n];
        int[] rowInstrument = new int[n];
        int[] labelEnd = new int[n];
        double[][] x = new double[n][];
        double[] y = new double[n];
        List<LocalDate> days = new ArrayList<>();
        List<InstrumentId> ids = new ArrayList<>();
        for (int d = 0; d < dates; d++) {
            days.add(DAY0.plusDays(d));
        }
        for (int i = 0; i < instruments; i++) {
            ids.add(InstrumentId.of("I" + i));
        }
        for (int r = 0; r < n; r++) {
            rowDate[r] = r / instruments;
            rowInstrument[r] = r % instruments;
            labelEnd[r] = (int) DAY0.plusDays(r / instruments + labelDays).toEpochDay();
            x[r] = new double[] {r};
            y[r] = 0.001 * r;
        }
        DatasetRequest request = DatasetRequest.of(new DataSource.Samples("hand-made"),
                List.of(new FactorDefinition("row", "$close", "")));
        return new PanelDataset(request, List.of("row"), "label", days, ids, rowDate, rowInstrument, labelEnd, x, y,
                "hand-made-" + dates + "x" + instruments);
    }

    /** An instrument with these closes on consecutive days from {@code first} (open = high = low = close). */
    static InstrumentHistory history(String name, LocalDate first, double... closes) {
        LocalDate[] dates = new LocalDate[closes.length];
        for (int t = 0; t < closes.length; t++) {
            dates[t] = first.plusDays(t);
        }
        double[] volume = new double[closes.length];
        Arrays.fill(volume, 100);
        return new InstrumentHistory(InstrumentId.of(name), dates,
                BarColumns.ofOhlcv(closes.clone(), closes.clone(), closes.clone(), closes.clone(), volume), Map.of());
    }

    static int[] range(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return rows;
    }

    static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
