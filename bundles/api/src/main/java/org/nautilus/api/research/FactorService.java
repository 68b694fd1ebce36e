package org.nautilus.api.research;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.osgi.annotation.versioning.ProviderType;

/** The feature engine: computes every registered factor on every instrument as bars close. */
@ProviderType
public interface FactorService {

    /** Registered factors with their descriptions. */
    List<FactorInfo> factors();

    /** The latest value of every factor on every instrument. */
    List<FactorValue> latest();

    Optional<FactorValue> latest(String factor, InstrumentId instrument);

    /** The history of one factor on one instrument, oldest first. */
    List<FactorValue> history(String factor, InstrumentId instrument);
}
