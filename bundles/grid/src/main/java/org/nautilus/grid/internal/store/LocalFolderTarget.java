package org.nautilus.grid.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.nautilus.api.snapshot.SnapshotTarget;

/**
 * Snapshots in a local folder ({@code data/snapshots} by default): the embedded default, and a mounted volume or
 * network share in a cluster (every node writes its part there: a folder local to each node holds only that node's
 * part, which cannot be restored alone). Each snapshot is the directory Ignite wrote, moved (same file system) or
 * copied in.
 */
public final class LocalFolderTarget implements SnapshotTarget {

    private final Path folder;

    public LocalFolderTarget(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    @Override
    public String upload(String name, Path snapshot) throws IOException {
        Files.createDirectories(folder);
        // Each node of a cluster uploads its own part of the snapshot: the parts merge (Ignite names each node's
        // files after it; the few shared metadata files are the same on every node).
        Path to = folder.resolve(name);
        Trees.move(snapshot, to);
        return to.toString();
    }

    @Override
    public List<String> names() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public byte[] read(String name, String file) throws IOException {
        Path path = folder.resolve(name).resolve(file);
        return Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
    }

    @Override
    public void write(String name, String file, byte[] content) throws IOException {
        Path path = folder.resolve(name).resolve(file);
        Path tmp = path.resolveSibling(file + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Path fetch(String name, Path scratch) {
        return folder;
    }

    @Override
    public long size(String name) throws IOException {
        return Trees.size(folder.resolve(name));
    }

    @Override
    public void delete(String name) throws IOException {
        Trees.delete(folder.resolve(name));
    }

    @Override
    public String describe() {
        return "local folder " + folder;
    }
}
