package org.nautilus.api.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The files of one directory that a loader reads (route files, factor files), by name, with their contents: what a
 * hot-reloading loader compares, by {@link #sha256 content hash}, with what it loaded, so that touching a file
 * changes nothing and only a real edit reloads it.
 *
 * @param directory the directory read
 * @param contents  file name to bytes, in name order; a missing directory reads as empty
 */
public record DirectoryFiles(Path directory, SortedMap<String, byte[]> contents) {

    public DirectoryFiles {
        Objects.requireNonNull(directory, "directory");
        contents = Collections.unmodifiableSortedMap(new TreeMap<>(contents));
    }

    /**
     * Reads the regular files of {@code directory} whose names {@code accept} takes. A file deleted between the
     * listing and the read counts as absent.
     *
     * @throws IOException if the directory exists but cannot be listed (a caller keeps what it has loaded)
     */
    public static DirectoryFiles read(Path directory, Predicate<String> accept) throws IOException {
        SortedMap<String, byte[]> present = new TreeMap<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
                for (Path file : stream) {
                    String name = file.getFileName().toString();
                    if (accept.test(name) && Files.isRegularFile(file)) {
                        try {
                            present.put(name, Files.readAllBytes(file));
                        } catch (NoSuchFileException e) {
                            // deleted between listing and reading: absent
                        }
                    }
                }
            }
        }
        return new DirectoryFiles(directory, present);
    }

    /** A visible file (not starting with a dot, as editors' swap files do) ending in one of the extensions. */
    public static Predicate<String> visibleWithExtension(String... extensions) {
        return name -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(".")) {
                return false;
            }
            for (String extension : extensions) {
                if (lower.endsWith(extension)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The SHA-256 of a file's content, as hex: equal hashes mean an unchanged file. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
