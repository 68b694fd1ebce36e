package org.nautilus.api.research.signal;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Serves registered models under their aliases: as each bar closes, predicts from the latest feature values of
 * every instrument with every feature and publishes the batch to the {@link SignalListener} services.
 */
@ProviderType
public interface SignalService {

    /** What is being served, by model and alias. */
    List<ServedModel> served();

    /** The latest signal of a model's alias for an instrument. */
    Optional<Signal> latest(String model, String alias, InstrumentId instrument);

    /** The latest batch of every served model and alias. */
    List<SignalBatch> latest();
}
