package org.nautilus.api.research;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nautilus.api.domain.InstrumentId;
import org.osgi.annotation.versioning.ProviderType;

/** The model registry: trains registered models on factor values and serves their predictions. */
@ProviderType
public interface ModelService {

    List<ModelInfo> models();

    Optional<ModelInfo> model(String name);

    /** The model's prediction for an instrument from its latest factor values, if both exist. */
    OptionalDouble predict(String model, InstrumentId instrument);
}
