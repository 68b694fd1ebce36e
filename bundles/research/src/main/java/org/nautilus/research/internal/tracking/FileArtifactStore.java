package org.nautilus.research.internal.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nautilus.api.research.artifacts.ArtifactStore;
import org.nautilus.api.research.artifacts.StoredArtifact;

/**
 * Artifacts as files under a root directory, {@code ROOT/RUN/NAME}: the object store of one node, or of every node
 * when the root is a shared volume. A put writes a temporary file and moves it into place atomically, so a reader
 * on another node never sees half an artifact. Registered by {@link ArtifactStoreComponent} when
 * {@code artifact.store = file}.
 */
public final class FileArtifactStore implements ArtifactStore {

    public static final String KIND = "file";

    private final Path root;

    public FileArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public StoredArtifact put(String run, String name, byte[] content) {
        Path file = file(run, name);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + name, ".tmp");
            try {
                Files.write(tmp, content);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact " + file + ": " + e.getMessage(), e);
        }
        return StoredArtifact.of(run, name, content);
    }

    @Override
    public Optional<byte[]> get(String run, String name) {
        Path file = file(run, name);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredArtifact> list(String run) {
        Path dir = directory(run);
        List<StoredArtifact> artifacts = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return artifacts;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(file)) {
                    get(run, name).ifPresent(content -> artifacts.add(StoredArtifact.of(run, name, content)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        artifacts.sort((a, b) -> a.name().compareTo(b.name()));
        return artifacts;
    }

    @Override
    public boolean delete(String run, String name) {
        Path file = file(run, name);
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete artifact " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteRun(String run) {
        Tracker.deleteDirectory(directory(run));
    }

    private Path directory(String run) {
        Tracker.checkName("run", run);
        return root.resolve(run);
    }

    private Path file(String run, String name) {
        Tracker.checkName("artifact", name);
        return directory(run).resolve(name);
    }

    @Override
    public String toString() {
        return KIND + " " + root;
    }
}
