package org.nautilus.model.lightgbm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Loads LightGBM's natives once per class loader of this bundle.
 *
 * <p>lightgbm4j's classes load their natives in their static initializer: they extract
 * {@code lib_lightgbm.so} and {@code lib_lightgbm_swig.so} from their own class loader's resources (this bundle's,
 * since the jar is embedded) to {@code java.io.tmpdir} under fixed names, then {@code System.load} them. The JVM
 * binds a native library to one class loader: after the bundle is redeployed or updated (a new class loader), the
 * same path cannot be loaded again while the old loader lives ("already loaded in another classloader"). So the
 * extraction goes to a directory of its own per class loader: {@code java.io.tmpdir} points at it while
 * lightgbm4j initializes, and is restored right after.
 */
final class NativeLoader {

    private static volatile Path directory;

    private NativeLoader() {
    }

    /**
     * @throws IllegalStateException if the natives cannot be loaded (e.g. no libgomp on Linux)
     */
    static synchronized void load(Path parent) {
        if (directory != null) {
            return;
        }
        String tmp = System.getProperty("java.io.tmpdir");
        try {
            Files.createDirectories(parent);
            Path dir = Files.createTempDirectory(parent, "natives-");
            System.setProperty("java.io.tmpdir", dir.toString());
            try {
                Class.forName("io.github.metarank.lightgbm4j.LGBMBooster", true, NativeLoader.class.getClassLoader());
            } finally {
                System.setProperty("java.io.tmpdir", tmp);
            }
            directory = dir;
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("LightGBM's native libraries could not be loaded: " + e, e);
        }
    }

    /** Removes the extracted files (the loaded libraries stay mapped until the class loader goes). */
    static synchronized void cleanUp() {
        Path dir = directory;
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left behind in the temporary directory: harmless
        }
    }
}
