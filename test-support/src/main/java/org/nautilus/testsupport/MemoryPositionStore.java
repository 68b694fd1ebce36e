package org.nautilus.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.portfolio.PositionStore;

/**
 * A position store in a map that a test can make fail ({@link #failing(boolean)}: every save throws, as an
 * unreachable grid would) and that counts its saves. (A backtest's own in-memory store is production code:
 * {@code EngineServices.MemoryPositionStore} in bundles/strategy.)
 */
public final class MemoryPositionStore implements PositionStore {

    private record Key(PortfolioId portfolio, InstrumentId instrument) {
    }

    private final Map<Key, Position> saved = new ConcurrentHashMap<>();
    private final AtomicInteger saves = new AtomicInteger();
    private volatile boolean failing;

    /** From now on every save throws {@link IllegalStateException} ({@code true}) or works again. */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    /** Successful saves so far. */
    public int saves() {
        return saves.get();
    }

    /** What is stored now, in no particular order. */
    public List<Position> saved() {
        return new ArrayList<>(saved.values());
    }

    @Override
    public void save(Position position) {
        if (failing) {
            throw new IllegalStateException("grid unavailable");
        }
        saves.incrementAndGet();
        saved.put(new Key(position.portfolioId(), position.instrumentId()), position);
    }

    @Override
    public Optional<Position> load(PortfolioId portfolio, InstrumentId instrument) {
        return Optional.ofNullable(saved.get(new Key(portfolio, instrument)));
    }

    @Override
    public List<Position> loadAll() {
        return new ArrayList<>(saved.values());
    }

    @Override
    public String description() {
        return "memory";
    }
}
