package org.nautilus.api.research.artifacts;

/**
 * An artifact whose content is not what was logged: its digest differs from the one recorded in the run's
 * metadata. Nothing is loaded from it.
 */
public class ArtifactIntegrityException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String run;
    private final String name;
    private final String expected;
    private final String actual;

    public ArtifactIntegrityException(String run, String name, String where, String expected, String actual) {
        super("artifact " + name + " of run " + run + " in " + where + " has digest " + actual
                + ", not the recorded " + expected + ": the stored copy was changed or corrupted; refusing to use it");
        this.run = run;
        this.name = name;
        this.expected = expected;
        this.actual = actual;
    }

    public String run() {
        return run;
    }

    public String name() {
        return name;
    }

    /** The digest recorded when the artifact was logged. */
    public String expected() {
        return expected;
    }

    /** The digest of the content found. */
    public String actual() {
        return actual;
    }
}
