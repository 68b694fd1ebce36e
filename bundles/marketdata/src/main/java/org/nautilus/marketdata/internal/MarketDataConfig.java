package org.nautilus.marketdata.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Nautilus market data gateway", description = "Instruments, bar aggregation and subscriber queues of the market data gateway.")
@interface MarketDataConfig {

    @AttributeDefinition(description = "Comma-separated SYMBOL:CURRENCY:TICK:LOT[:MIN:MAX[:MULTIPLIER]]")
    String instruments() default "AAPL:USD:0.01:1, MSFT:USD:0.01:1, BTC-USD:USD:0.01:0.0001";

    @AttributeDefinition(description = "Interval of the time bars, ISO-8601 duration (PT1S, PT1M, P1D)")
    String bar_interval() default "PT1S";

    @AttributeDefinition(description = "More bar specs aggregated besides bar.interval, comma-separated: "
            + "PT1M, P1D (time), ticks:100 (every 100 trades), volume:1000 (every 1000 traded)")
    String bar_specs() default "";

    @AttributeDefinition(description = "Time zone of the trading day: daily bars start at its midnight (UTC, "
            + "America/New_York, Europe/London, ...)")
    String bar_session_zone() default "UTC";

    @AttributeDefinition(description = "Closed bars kept per instrument and bar spec")
    int bar_history() default 5000;

    @AttributeDefinition(description = "Events a subscriber may fall behind before it skips ahead (broadcast ring size)")
    int subscriber_queue_capacity() default 65536;

    @AttributeDefinition(description = "How often quiet instruments are checked for bars to close, in ms")
    long flush_interval_ms() default 100;
}
