package org.nautilus.routes.internal.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.routes.MarketDataFiles;
import org.osgi.service.component.annotations.Component;

/** The replay routes' {@link ReplayReader} as a service, for readers outside Camel (a backtest). */
@Component(service = MarketDataFiles.class)
public final class MarketDataFilesComponent implements MarketDataFiles {

    @Override
    public Reader open(Path file, String format, InstrumentId symbol, Duration interval) throws IOException {
        ReplayFormat parsed = ReplayFormat.parse(format);
        ReplayReader reader = new ReplayReader(file.getFileName().toString(),
                Files.newBufferedReader(file, StandardCharsets.UTF_8), parsed, symbol, interval);
        return new Reader() {
            @Override
            public Object next() throws IOException {
                try {
                    return reader.next();
                } catch (ReplayException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }
}
