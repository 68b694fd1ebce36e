package org.nautilus.grid.internal.store;

import static org.nautilus.grid.internal.store.BinaryFields.instant;
import static org.nautilus.grid.internal.store.BinaryFields.int64;
import static org.nautilus.grid.internal.store.BinaryFields.optString;
import static org.nautilus.grid.internal.store.BinaryFields.string;
import static org.nautilus.grid.internal.store.BinaryFields.strings;
import static org.nautilus.grid.internal.store.BinaryFields.writeInstant;
import static org.nautilus.grid.internal.store.BinaryFields.writeOptional;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.store.DailyPnlBaseline;

/** Stored forms of the risk state, the audit journal's own entries and the store's bookkeeping (meta). */
public final class StateCodecs {

    /** Key of a trading state or baseline: a portfolio, or {@value #GLOBAL} for the global trading state. */
    record PortfolioKey(String portfolio) {
    }

    static final String GLOBAL = "*";

    /** Key of an audit entry. */
    record Sequence(long value) {
    }

    /** A bookkeeping value: a number and/or a text. */
    public record Meta(long number, String text) {
    }

    private StateCodecs() {
    }

    static final BinaryCodec<PortfolioKey> PORTFOLIO_KEY = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.PortfolioKey";
        }

        @Override
        public void write(PortfolioKey key, BinaryObjectBuilder out) {
            out.setField("portfolio", key.portfolio(), String.class);
        }

        @Override
        public PortfolioKey read(BinaryObject in) {
            return new PortfolioKey(string(in, "portfolio"));
        }
    };

    static final BinaryCodec<TradingStatus> TRADING_STATUS = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.TradingStatus";
        }

        @Override
        public void write(TradingStatus s, BinaryObjectBuilder out) {
            writeOptional(out, "portfolio", s.portfolio() == null ? null : s.portfolio().value(), String.class);
            out.setField("state", s.state().name(), String.class);
            out.setField("reason", s.reason(), String.class);
            writeInstant(out, "since", s.since());
        }

        @Override
        public TradingStatus read(BinaryObject in) {
            String portfolio = optString(in, "portfolio");
            return new TradingStatus(portfolio == null ? null : PortfolioId.of(portfolio),
                    TradingState.valueOf(string(in, "state")), string(in, "reason"), instant(in, "since"));
        }
    };

    static final BinaryCodec<DailyPnlBaseline> BASELINE = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.DailyPnlBaseline";
        }

        @Override
        public void write(DailyPnlBaseline b, BinaryObjectBuilder out) {
            out.setField("portfolio", b.portfolio().value(), String.class);
            out.setField("day", b.day().toString(), String.class);
            out.setField("realized", b.realized().raw(), long.class);
            out.setField("unrealized", b.unrealized().raw(), long.class);
            writeInstant(out, "recordedAt", b.recordedAt());
        }

        @Override
        public DailyPnlBaseline read(BinaryObject in) {
            return new DailyPnlBaseline(PortfolioId.of(string(in, "portfolio")), LocalDate.parse(string(in, "day")),
                    new Money(int64(in, "realized")), new Money(int64(in, "unrealized")), instant(in, "recordedAt"));
        }
    };

    static final BinaryCodec<Sequence> SEQUENCE = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.AuditKey";
        }

        @Override
        public void write(Sequence key, BinaryObjectBuilder out) {
            out.setField("sequence", key.value(), long.class);
        }

        @Override
        public Sequence read(BinaryObject in) {
            return new Sequence(int64(in, "sequence"));
        }
    };

    static final BinaryCodec<AuditEntry> AUDIT = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.AuditEntry";
        }

        @Override
        public void write(AuditEntry e, BinaryObjectBuilder out) {
            out.setField("sequence", e.sequence(), long.class);
            writeInstant(out, "timestamp", e.timestamp());
            out.setField("category", e.category().name(), String.class);
            out.setField("type", e.type(), String.class);
            out.setField("subject", e.subject(), String.class);
            writeOptional(out, "portfolio", e.portfolio() == null ? null : e.portfolio().value(), String.class);
            out.setField("node", e.node(), String.class);
            out.setField("detail", e.detail(), String.class);
            out.setField("fieldNames", e.fields().keySet().toArray(new String[0]), String[].class);
            out.setField("fieldValues", e.fields().values().toArray(new String[0]), String[].class);
        }

        @Override
        public AuditEntry read(BinaryObject in) {
            String portfolio = optString(in, "portfolio");
            String[] names = strings(in, "fieldNames");
            String[] values = strings(in, "fieldValues");
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < names.length && i < values.length; i++) {
                fields.put(names[i], values[i]);
            }
            return new AuditEntry(int64(in, "sequence"), instant(in, "timestamp"),
                    AuditCategory.valueOf(string(in, "category")), string(in, "type"), string(in, "subject"),
                    portfolio == null ? null : PortfolioId.of(portfolio), string(in, "node"), string(in, "detail"),
                    fields);
        }
    };

    static final BinaryCodec<String> META_KEY = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.MetaKey";
        }

        @Override
        public void write(String name, BinaryObjectBuilder out) {
            out.setField("name", name, String.class);
        }

        @Override
        public String read(BinaryObject in) {
            return string(in, "name");
        }
    };

    static final BinaryCodec<Meta> META = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.Meta";
        }

        @Override
        public void write(Meta meta, BinaryObjectBuilder out) {
            out.setField("number", meta.number(), long.class);
            writeOptional(out, "text", meta.text(), String.class);
        }

        @Override
        public Meta read(BinaryObject in) {
            return new Meta(int64(in, "number"), optString(in, "text"));
        }
    };
}
