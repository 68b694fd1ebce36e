package org.nautilus.factor.sentiment.weka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads labelled texts from JSON lines, one object per line with {@code text} and {@code label}
 * ({@code positive} or {@code negative}); other fields (time, instrument, source) are allowed and ignored, so a
 * labelled news file is also a news file. Blank lines are skipped. Any problem is reported with file and line, and
 * nothing of the file is returned.
 */
public final class LabelledTextFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledTextFile() {
    }

    public static List<LabelledText> read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": no such file, or it cannot be read");
        }
        String name = file.getFileName().toString();
        List<LabelledText> texts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    texts.add(parse(line, name + ":" + number));
                }
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(name + ": no labelled text in the file");
        }
        return texts;
    }

    static LabelledText parse(String line, String location) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(location + ": not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(location + ": not a JSON object");
        }
        JsonNode text = node.get("text");
        JsonNode label = node.get("label");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException(location + ": no \"text\" string");
        }
        if (label == null || !label.isTextual()) {
            throw new IllegalArgumentException(location + ": no \"label\" string (positive or negative)");
        }
        return switch (label.asText()) {
            case LabelledText.POSITIVE -> new LabelledText(text.asText(), true, location);
            case LabelledText.NEGATIVE -> new LabelledText(text.asText(), false, location);
            default -> throw new IllegalArgumentException(location + ": label '" + label.asText()
                    + "' is neither positive nor negative");
        };
    }
}
