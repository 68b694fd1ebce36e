package org.nautilus.research.internal.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh store in a temporary directory for each test, closed after it. */
abstract class StoreTestSupport {

    @TempDir
    Path root;
    DuckDbFactorStore store;

    /** How finely the test's store splits files by date. */
    DatePartition partition() {
        return DatePartition.YEAR;
    }

    @BeforeEach
    void openStore() {
        store = DuckDbFactorStore.open(root.resolve("factors"), partition(), 2);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
