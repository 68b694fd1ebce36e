package org.nautilus.rest.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The point-in-time factor store, read only: a factor's values on instruments over a range of days as known at a
 * moment, a cross-section at a moment, an instrument's fundamentals as known at a moment. Dates and moments read as
 * the shell's {@code nautilus:factor-*} commands read them: a day {@code 2013-06-28} or, for a moment, also an
 * instant {@code 2013-06-28T16:00:00Z}; a day as a moment means its end (when that day's daily bar has closed).
 */
@Component(service = FactorStoreResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1/factor-store")
@Produces(Json.MEDIA_TYPE)
public class FactorStoreResource {

    /** The most values one answer carries: ask for a shorter range or fewer symbols beyond it. */
    static final int MAX_VALUES = 200_000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile FactorStore store;

    /** What the store holds: factor names and instruments. */
    @GET
    public String contents() {
        FactorStore s = store();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("location", s.location());
        answer.put("factors", s.factors());
        answer.put("instruments", s.instruments().stream().map(InstrumentId::value).toList());
        return Json.write(answer);
    }

    @GET
    @Path("values/{factor}")
    public String values(@PathParam("factor") String factor, @QueryParam("symbols") String symbols,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("asOf") String asOf,
            @QueryParam("bars") String bars, @QueryParam("last") String last) {
        List<InstrumentId> instruments = new ArrayList<>();
        if (symbols != null) {
            for (String symbol : symbols.split(",")) {
                if (!symbol.isBlank()) {
                    instruments.add(OrdersResource.id("symbols", symbol.strip(), InstrumentId::of));
                }
            }
        }
        TimeRange range;
        try {
            range = TimeRange.ofDays(day("from", from), day("to", to));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("from", e.getMessage());
        }
        Instant known = moment(asOf);
        BarSpec spec = barSpec(bars);
        int tail = Params.intIn("last", last, 0, 0, MAX_VALUES);
        FactorStore s = store();
        List<FactorValue> values = read(() -> s.history(factor, instruments, spec, range, known));
        if (tail > 0 && values.size() > tail) {
            values = values.subList(values.size() - tail, values.size());
        }
        if (values.size() > MAX_VALUES) {
            throw new ApiException(413, "TOO_MANY_VALUES", values.size() + " values match, at most " + MAX_VALUES
                    + " per answer: narrow from/to, name fewer symbols or ask for the last N", null);
        }
        return answer(factor, known, values);
    }

    @GET
    @Path("cross-section/{factor}")
    public String crossSection(@PathParam("factor") String factor, @QueryParam("asOf") String asOf,
            @QueryParam("bars") String bars) {
        Instant known = moment(asOf);
        BarSpec spec = barSpec(bars);
        FactorStore s = store();
        return answer(factor, known, read(() -> s.crossSection(factor, spec, known)));
    }

    @GET
    @Path("fundamentals/{symbol}")
    public String fundamentals(@PathParam("symbol") String symbol, @QueryParam("asOf") String asOf) {
        InstrumentId instrument = OrdersResource.id("symbol", symbol, InstrumentId::of);
        Instant known = moment(asOf);
        FactorStore s = store();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Fundamental f : read(() -> s.fundamentals(instrument, known))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("field", f.field());
            row.put("periodEnd", f.periodEnd().toString());
            row.put("published", f.published());
            row.put("value", f.value());
            rows.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("symbol", instrument.value());
        answer.put("asOf", known);
        answer.put("fundamentals", rows);
        return Json.write(answer);
    }

    private static String answer(String factor, Instant asOf, List<FactorValue> values) {
        List<Map<String, Object>> rows = new ArrayList<>(values.size());
        for (FactorValue v : values) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("symbol", v.instrument().value());
            row.put("time", v.asOf());
            row.put("value", v.value());
            row.put("bars", v.bars() == null ? null : v.bars().toString());
            rows.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("factor", factor);
        answer.put("asOf", asOf);
        answer.put("count", rows.size());
        answer.put("values", rows);
        return Json.write(answer);
    }

    /** The store's answer; what it does not hold (a factor, an instrument, fundamentals) is a 404 saying which. */
    private static <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "NOT_IN_STORE", e.getMessage(), null);
        }
    }

    private FactorStore store() {
        return RiskResource.require(store, "FACTOR_STORE_UNAVAILABLE", "the factor store (bundle nautilus-research)");
    }

    private static LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(field, field + " '" + text + "' is not a date such as 2013-06-28");
        }
    }

    /** A day (its end) or an instant; none means everything known now. */
    static Instant moment(String text) {
        if (text == null || text.isBlank()) {
            return Instant.now();
        }
        try {
            return TimeRange.moment("asOf", text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("asOf", e.getMessage());
        }
    }

    private static BarSpec barSpec(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return BarSpec.parse(text.strip());
        } catch (RuntimeException e) {
            throw ApiException.badParameter("bars", "bar series '" + text + "': " + e.getMessage()
                    + "; e.g. PT24H");
        }
    }
}
