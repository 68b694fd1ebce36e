package org.nautilus.grid.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.nautilus.api.s3.S3Client;
import org.nautilus.api.s3.S3Object;
import org.nautilus.api.snapshot.SnapshotTarget;

/**
 * Snapshots in an S3 bucket under a prefix ({@code s3://bucket/prefix/NAME/...}, one object per file of the
 * snapshot), through the shared {@link S3Client} (SigV4, no SDK). Files are sent whole (a single PUT takes up to
 * 5 GB; Ignite's partition files are far smaller).
 */
public final class S3Target implements SnapshotTarget {

    private final S3Client s3;
    private final String prefix;

    /** @param prefix key prefix; leading and trailing slashes are dropped, e.g. {@code snapshots/nautilus} */
    public S3Target(S3Client s3, String prefix) {
        this.s3 = s3;
        this.prefix = prefix == null || prefix.isBlank() ? "" : prefix.replaceAll("^/+|/+$", "") + "/";
    }

    @Override
    public String upload(String name, Path snapshot) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(snapshot)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String relative = snapshot.relativize(file).toString().replace('\\', '/');
            s3.put(key(name, relative), Files.readAllBytes(file));
        }
        return s3.bucket().uri(prefix + name);
    }

    @Override
    public void write(String name, String file, byte[] content) throws IOException {
        s3.put(key(name, file), content);
    }

    @Override
    public List<String> names() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (S3Object object : s3.list(prefix)) {
            String rest = object.key().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                names.add(rest.substring(0, slash));
            }
        }
        return List.copyOf(names);
    }

    @Override
    public byte[] read(String name, String file) throws IOException {
        return s3.get(key(name, file)).orElse(null);
    }

    @Override
    public Path fetch(String name, Path scratch) throws IOException {
        String base = prefix + name + "/";
        Path root = scratch.resolve("s3-" + name);
        Trees.delete(root);
        for (S3Object object : s3.list(base)) {
            Path target = root.resolve(name).resolve(object.key().substring(base.length())).normalize();
            if (!target.startsWith(root.resolve(name))) {
                throw new IOException("object key " + object.key() + " leaves the snapshot's folder");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, s3.get(object.key()).orElseThrow(() -> new NoSuchFileException(
                    s3.bucket().uri(object.key()), null, "listed, then gone while fetching the snapshot")));
        }
        return root;
    }

    @Override
    public long size(String name) throws IOException {
        return s3.list(prefix + name + "/").stream().mapToLong(S3Object::size).sum();
    }

    @Override
    public void delete(String name) throws IOException {
        for (S3Object object : s3.list(prefix + name + "/")) {
            s3.delete(object.key());
        }
    }

    @Override
    public String describe() {
        return "S3 " + s3.bucket().uri(prefix) + " (" + s3.bucket().region() + ")";
    }

    private String key(String name, String file) {
        return prefix + name + "/" + file;
    }
}
