package org.nautilus.grid.internal.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ignite 2.17 on Java 17 reflects into JDK internals; without the matching {@code --add-opens} flags it fails
 * deep inside {@code IgniteUtils.<clinit>}. Checking first turns that into a message listing the missing flags.
 */
final class JvmChecks {

    /** Ignite's own list for Java 17 ({@code bin/include/jvmdefaults.sh}), as module/package. */
    static final List<String> REQUIRED_OPENS = List.of(
            "java.base/jdk.internal.access", "java.base/jdk.internal.misc", "java.base/sun.nio.ch",
            "java.base/sun.util.calendar", "java.management/com.sun.jmx.mbeanserver",
            "jdk.internal.jvmstat/sun.jvmstat.monitor", "java.base/sun.reflect.generics.reflectiveObjects",
            "jdk.management/com.sun.management.internal", "java.base/java.io", "java.base/java.nio",
            "java.base/java.net", "java.base/java.util", "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.locks", "java.base/java.util.concurrent.atomic", "java.base/java.lang",
            "java.base/java.lang.invoke", "java.base/java.math", "java.sql/java.sql",
            "java.base/java.lang.reflect", "java.base/java.time", "java.base/java.text",
            "java.management/sun.management", "java.desktop/java.awt.font");

    private JvmChecks() {
    }

    /** The {@code --add-opens} flags that are required but not given to this JVM, for the module of {@code who}. */
    static List<String> missingOpens(Class<?> who) {
        Module target = who.getModule();
        List<String> missing = new ArrayList<>();
        for (String entry : REQUIRED_OPENS) {
            int slash = entry.indexOf('/');
            String moduleName = entry.substring(0, slash);
            String pkg = entry.substring(slash + 1);
            Optional<Module> module = ModuleLayer.boot().findModule(moduleName);
            // A module left out of a trimmed runtime cannot be opened; Ignite then does without it.
            if (module.isPresent() && !module.get().isOpen(pkg, target)) {
                missing.add("--add-opens=" + entry + "=ALL-UNNAMED");
            }
        }
        return missing;
    }

    static void requireOpens(Class<?> who) {
        List<String> missing = missingOpens(who);
        if (!missing.isEmpty()) {
            throw new GridStartupException("Ignite needs JVM flags that this JVM was not started with. Add to "
                    + "EXTRA_JAVA_OPTS (bin/setenv) and restart: " + String.join(" ", missing));
        }
    }
}
