package org.nautilus.model.weka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import weka.core.Version;

/**
 * What a bundle using the embedded Weka needs before and after it loads: the Weka model families and other bundles
 * that import {@code weka.*} from this one (the Weka sentiment scorer) call {@link #init()} before their first Weka
 * class.
 *
 * @since 2.1
 */
public final class WekaRuntime {

    private static final String POM_PROPERTIES = "META-INF/maven/nz.ac.waikato.cms.weka/weka-stable/pom.properties";

    /** The library string stored with every model, e.g. {@code weka 3.8.7}. */
    public static final String LIBRARY = "weka " + version();

    private WekaRuntime() {
    }

    /**
     * Must run before the first Weka class initializes. Weka's package manager otherwise tries to reach the
     * Weka package repository over the network. It also probes netlib's ARPACK while it initializes, and netlib
     * 1.1 fails its class initialization when the native implementations it tries first are missing (they are
     * left out here): pointing netlib at its pure-Java F2J implementations avoids the probe of native code.
     * Weka also creates a {@code wekafiles} directory in its home; in Karaf that goes under {@code data/weka}
     * rather than the user's home directory.
     */
    public static void init() {
        setIfAbsent("weka.packageManager.offline", "true");
        String karafData = System.getProperty("karaf.data");
        if (karafData != null && System.getenv("WEKA_HOME") == null) {
            setIfAbsent("WEKA_HOME", karafData + File.separator + "weka");
        }
        setIfAbsent("com.github.fommil.netlib.ARPACK", "com.github.fommil.netlib.F2jARPACK");
        setIfAbsent("com.github.fommil.netlib.BLAS", "com.github.fommil.netlib.F2jBLAS");
        setIfAbsent("com.github.fommil.netlib.LAPACK", "com.github.fommil.netlib.F2jLAPACK");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * The version of the Weka jar in use. Read from the jar's Maven metadata, because the 3.8.7 release's own
     * {@code weka.core.Version} says {@code 3.8.8-SNAPSHOT}; that is the fallback if the metadata is missing.
     */
    static String version() {
        try (InputStream in = WekaRuntime.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.strip();
                }
            }
        } catch (IOException e) {
            // fall through to what Weka says about itself
        }
        init();
        return Version.VERSION;
    }
}
