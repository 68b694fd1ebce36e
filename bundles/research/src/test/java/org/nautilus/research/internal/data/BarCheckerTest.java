package org.nautilus.research.internal.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.data.BarRow;
import org.nautilus.api.research.data.CheckRules;
import org.nautilus.api.research.data.DataCheckReport;
import org.nautilus.api.research.data.DataIssue;
import org.nautilus.api.research.data.DataIssue.Kind;
import org.nautilus.research.internal.support.Bars;

class BarCheckerTest {

    private static final InstrumentId ACME = InstrumentId.of("ACME");
    private static final Duration DAY = Duration.ofDays(1);

    private static List<BarRow> rows(String csv) throws BarFileException {
        return BarRowReader.readCsv(new StringReader(csv), "acme.csv", ACME);
    }

    @Test
    void aCleanSeriesHasNoIssues() throws BarFileException {
        // Monday 6 to Friday 10 January 2025
        DataCheckReport report = BarChecker.check("acme.csv", rows("""
                date,open,high,low,close,volume
                2025-01-06,10,11,9,10.5,100
                2025-01-07,10.5,11,10,10.8,100
                2025-01-08,10.8,11.2,10.6,11,100
                2025-01-09,11,11.5,10.9,11.2,100
                2025-01-10,11.2,11.4,11,11.1,100
                """), CheckRules.of(DAY));
        assertThat(report.clean()).isTrue();
        assertThat(report.rows()).isEqualTo(5);
        assertThat(report.summary()).isEqualTo("acme.csv: 5 rows, no issues");
    }

    @Test
    void everyKindIsReportedWithItsLineAndNothingIsDropped() throws BarFileException {
        List<BarRow> rows = rows("""
                date,open,high,low,close,volume
                2025-01-06,10,11,9,10.5,100
                2025-01-07,10.5,11,10,10.8,100
                2025-01-07,10.5,11,10,10.9,100
                2025-01-06,10,11,9,10.5,100
                2025-01-08,10.8,10,10.6,10.7,100
                2025-01-09,0,11.5,10.9,11.2,100
                2025-01-13,11,11.7,10.9,11.6,-5
                2025-01-14,12,12.5,11,11.5,100
                """);
        List<BarRow> before = List.copyOf(rows);
        DataCheckReport report = BarChecker.check("acme.csv", rows, CheckRules.of(DAY));

        assertThat(rows).isEqualTo(before);
        assertThat(report.rows()).isEqualTo(8);
        assertThat(report.issues()).extracting(DataIssue::toString).containsExactly(
                "acme.csv:4: DUPLICATE start 2025-01-07T00:00:00Z also at acme.csv:3 (different values: close 10.8 there, 10.9 here)",
                "acme.csv:5: DUPLICATE start 2025-01-06T00:00:00Z also at acme.csv:2 (same values)",
                "acme.csv:6: INCONSISTENT_OHLC high 10 < low 10.6",
                "acme.csv:7: NON_POSITIVE_PRICE open 0",
                "acme.csv:7: INCONSISTENT_OHLC open 0 or close 11.2 outside [low 10.9, high 11.5]",
                // Friday 10 missing (the weekend is not expected)
                "acme.csv:8: NEGATIVE_VOLUME volume -5",
                "acme.csv:8: GAP 1 missing PT24H bar between 2025-01-09T00:00:00Z (acme.csv:7) and 2025-01-13T00:00:00Z (weekday calendar)");
        assertThat(report.counts()).containsEntry(Kind.DUPLICATE, 2L).containsEntry(Kind.GAP, 1L)
                .containsEntry(Kind.OUT_OF_ORDER, 0L).containsEntry(Kind.OUTLIER, 0L);
        assertThat(report.errors()).hasSize(6);
        assertThat(report.issues().get(6).time()).isEqualTo(Instant.parse("2025-01-10T00:00:00Z"));
    }

    @Test
    void aRowBeforeTheLatestIsOutOfOrder() throws BarFileException {
        DataCheckReport report = BarChecker.check("acme.csv", rows("""
                date,open,high,low,close
                2025-01-06,10,11,9,10.5
                2025-01-08,10.5,11,10,10.8
                2025-01-07,10.5,11,10,10.9
                2025-01-09,10.5,11,10,10.9
                """), CheckRules.of(DAY));
        assertThat(report.issues()).extracting(DataIssue::toString).containsExactly(
                "acme.csv:3: GAP 1 missing PT24H bar between 2025-01-06T00:00:00Z (acme.csv:2) and 2025-01-08T00:00:00Z (weekday calendar)",
                "acme.csv:4: OUT_OF_ORDER start 2025-01-07T00:00:00Z is before 2025-01-08T00:00:00Z at acme.csv:3");
    }

    @Test
    void continuousCalendarCountsEveryMissingInterval() throws BarFileException {
        DataCheckReport report = BarChecker.check("eth.csv", rows("""
                time,open,high,low,close
                2023-03-13T00:00:00Z,1,1,1,1
                2023-03-13T00:05:00Z,1,1,1,1
                2023-03-13T00:25:00Z,1,1,1,1
                """), new CheckRules(Duration.ofMinutes(5), CheckRules.Calendar.CONTINUOUS, 10));
        assertThat(report.issues()).singleElement().satisfies(gap -> {
            assertThat(gap.kind()).isEqualTo(Kind.GAP);
            assertThat(gap.detail()).startsWith("3 missing PT5M bars");
            assertThat(gap.time()).isEqualTo(Instant.parse("2023-03-13T00:10:00Z"));
        });
        assertThat(BarChecker.check("eth.csv", rows("""
                time,open,high,low,close
                2023-03-13T00:00:00Z,1,1,1,1
                2023-03-13T00:25:00Z,1,1,1,1
                """), new CheckRules(Duration.ofMinutes(5), CheckRules.Calendar.NONE, 10)).clean()).isTrue();
    }

    @Test
    void aBadTickIsAnOutlierByTheRobustZScoreOfLogReturns() throws BarFileException {
        // returns alternate +1% / -1% (median 0, MAD 1%, robust sigma 1.4826%); one close is 10x: log 10 = 2.30
        StringBuilder csv = new StringBuilder("date,open,high,low,close\n");
        LocalDate day = LocalDate.of(2025, 1, 6);
        double close = 100;
        for (int i = 0; i < 30; i++) {
            double c = i == 20 ? close * 10 : close * (i % 2 == 0 ? 1.01 : 1 / 1.01);
            if (i != 20) {
                close = c;
            }
            String text = String.format(Locale.ROOT, "%.4f", c);
            csv.append(day).append(',').append(text).append(',').append(text).append(',').append(text).append(',')
                    .append(text).append('\n');
            day = day.plusDays(day.getDayOfWeek() == DayOfWeek.FRIDAY ? 3 : 1);
        }
        DataCheckReport report = BarChecker.check("acme.csv", rows(csv.toString()), CheckRules.of(DAY));
        // the jump up at line 22 and the fall back at line 23, nothing else
        assertThat(report.issues()).extracting(DataIssue::kind).containsExactly(Kind.OUTLIER, Kind.OUTLIER);
        assertThat(report.issues()).extracting(DataIssue::location).containsExactly("acme.csv:22", "acme.csv:23");
        assertThat(report.issues().get(0).detail()).startsWith("log return 2.3");
        assertThat(report.issues().get(0).detail()).contains("robust z 78.4");
        assertThat(report.issues().get(1).detail()).contains("robust z -78.0");
    }

    @Test
    void theAppleSampleOf2013HasItsEightWeekdayHolidaysAsGapsAndNothingElse() throws BarFileException, IOException {
        List<BarRow> rows;
        try (Reader in = Bars.appleCsv()) {
            rows = BarRowReader.readCsv(in, Bars.APPLE_CSV, InstrumentId.of("AAPL"));
        }
        DataCheckReport report = BarChecker.check(Bars.APPLE_CSV, rows, CheckRules.of(DAY));
        assertThat(report.rows()).isEqualTo(252);
        // NYSE weekday holidays of 2013 after 2 January (New Year's Day is before the first row)
        assertThat(report.issues()).allSatisfy(issue -> assertThat(issue.kind()).isEqualTo(Kind.GAP))
                .extracting(issue -> issue.time().atZone(ZoneOffset.UTC).toLocalDate().toString())
                .containsExactly("2013-01-21", "2013-02-18", "2013-03-29", "2013-05-27", "2013-07-04", "2013-09-02",
                        "2013-11-28", "2013-12-25");
    }
}
