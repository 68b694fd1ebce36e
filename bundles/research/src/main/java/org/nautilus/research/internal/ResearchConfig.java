package org.nautilus.research.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}, shared by the feature engine and model training. */
@ObjectClassDefinition(name = "Nautilus research", description = "Feature engine windows (also used when training sets are built).")
public @interface ResearchConfig {

    String PID = "nautilus.research";

    @AttributeDefinition(name = "Bars window", description = "Bars each factor is given, live and in training "
            + "(more if a factor's lookback needs more).", min = "1")
    int bars_window() default 200;

    @AttributeDefinition(name = "History size", description = "Values kept per factor and instrument.", min = "1")
    int history_size() default 500;

    @AttributeDefinition(name = "Warm-up bars", description = "Bars of a series' history a factor library's new "
            + "stream is fed before its first live bar (a library deployed later has values at once).", min = "1")
    int warmup_bars() default 5000;

    @AttributeDefinition(name = "Cache state interval", description = "Bars of a series between two snapshots of a "
            + "factor library's streaming state in the feature cache (when the grid runs one); a stream resumed "
            + "after a restart or a node's death replays fewer bars than this. Values go to the cache every bar.", min = "1")
    int cache_state_every() default 50;

    @AttributeDefinition(name = "Instrument groups", description = "Each instrument's group for group "
            + "neutralisation (GroupDemean), e.g. a sector: INSTRUMENT=GROUP pairs separated by commas, "
            + "e.g. AAPL.NASDAQ=tech, XOM.NYSE=energy; an instrument not listed has no group.")
    String instrument_groups() default "";

    @AttributeDefinition(name = "Factor files", description = "Directory of the user's factor files (*.yaml, *.yml: "
            + "factors written as expressions), loaded and hot-reloaded; empty: ${karaf.etc}/factors.")
    String factors_directory() default "";

    @AttributeDefinition(name = "Factor files check", description = "How often the factor directory is checked for "
            + "added, changed and removed files, in ms.", min = "50")
    long factors_poll_interval() default 1000;

    @AttributeDefinition(name = "Sample bars", description = "The shipped bar file research methods know as the "
            + "sample aapl-daily (nautilus:factor-eval without --generated); ${karaf.home} is replaced.")
    String samples_bars() default "${karaf.home}/samples/appleinc_bars_from_20130101_usd.csv";

    @AttributeDefinition(name = "Sample instrument", description = "The instrument the sample bars belong to.")
    String samples_instrument() default "AAPL.NASDAQ";
}
