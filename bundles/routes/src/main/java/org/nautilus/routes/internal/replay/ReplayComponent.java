package org.nautilus.routes.internal.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.nautilus.api.domain.InstrumentId;

/**
 * {@code nautilus-replay:NAME?file=...&format=trades-csv&symbol=BTC-USD&pace=full} — replays a market data file
 * once when the route starts: one exchange per quote, trade or bar (or per {@code batch} of them), then an
 * {@link org.nautilus.routes.internal.component.EndOfStream}.
 *
 * <p>Options: {@code file} (required; relative paths are under {@code karaf.home}); {@code format}
 * ({@code trades-csv}, {@code bars-csv}, {@code bars-json}, {@code json-lines}, {@code lines}; default from the
 * extension, else trades-csv); {@code symbol} for rows without one; {@code interval} of bars (ISO-8601, default
 * from the file name, else P1D); {@code pace} {@code full} (as fast as the route takes them) or {@code realtime}
 * (the file's own time, {@code speed} times faster); {@code batch} events per exchange at full pace (1);
 * {@code endOfStream} (true).
 */
public final class ReplayComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String fileText = getAndRemoveParameter(parameters, "file", String.class);
        if (fileText == null || fileText.isBlank()) {
            throw new IllegalArgumentException(uri + ": 'file' is required");
        }
        Path file = Path.of(fileText.strip());
        if (!file.isAbsolute()) {
            file = Path.of(System.getProperty("karaf.home", ".")).resolve(file);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(uri + ": replay file " + file + " does not exist or cannot be read");
        }
        String formatText = getAndRemoveParameter(parameters, "format", String.class);
        ReplayFormat format = formatText != null ? ReplayFormat.parse(formatText)
                : Objects.requireNonNullElse(ReplayFormat.guess(file.getFileName().toString()),
                        ReplayFormat.TRADES_CSV);
        String symbolText = getAndRemoveParameter(parameters, "symbol", String.class);
        InstrumentId symbol = symbolText == null || symbolText.isBlank() ? null : InstrumentId.of(symbolText.strip());
        String intervalText = getAndRemoveParameter(parameters, "interval", String.class);
        Duration interval = null;
        if (intervalText != null && !intervalText.isBlank()) {
            try {
                interval = Duration.parse(intervalText.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(uri + ": interval '" + intervalText
                        + "' is not an ISO-8601 duration such as PT1M or P1D");
            }
        }
        String pace = getAndRemoveParameter(parameters, "pace", String.class, "full").strip().toLowerCase(Locale.ROOT);
        if (!pace.equals("full") && !pace.equals("realtime")) {
            throw new IllegalArgumentException(uri + ": pace must be 'full' or 'realtime', got '" + pace + "'");
        }
        double speed = getAndRemoveParameter(parameters, "speed", Double.class, 1.0);
        int batch = getAndRemoveParameter(parameters, "batch", Integer.class, 1);
        boolean endOfStream = getAndRemoveParameter(parameters, "endOfStream", Boolean.class, true);
        if (!(speed > 0) || batch < 1) {
            throw new IllegalArgumentException(uri + ": speed must be > 0 and batch >= 1");
        }
        return new ReplayEndpoint(uri, this, new ReplayEndpoint.Settings(file, format, symbol, interval,
                pace.equals("realtime"), speed, batch, endOfStream));
    }
}
