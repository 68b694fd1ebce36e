package org.nautilus.factor.sentiment.weka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledTextFileTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.writeString(dir.resolve("labelled.jsonl"), String.join("\n", lines));
    }

    @Test
    void readsTextAndLabelIgnoringOtherFieldsAndBlankLines() throws IOException {
        List<LabelledText> texts = LabelledTextFile.read(file(
                "{\"time\":\"2020-01-02T13:00:00Z\",\"text\":\"shares rally\",\"label\":\"positive\"}", "",
                "{\"text\":\"shares slump\",\"label\":\"negative\",\"sentiment\":-0.5}"));
        assertThat(texts).containsExactly(new LabelledText("shares rally", true, "labelled.jsonl:1"),
                new LabelledText("shares slump", false, "labelled.jsonl:3"));
    }

    @Test
    void aBadLineIsReportedWithFileAndLine() throws IOException {
        String good = "{\"text\":\"shares rally\",\"label\":\"positive\"}";
        assertThatThrownBy(() -> LabelledTextFile.read(file(good, "{\"text\": \"half")))
                .hasMessageStartingWith("labelled.jsonl:2: not a JSON object");
        assertThatThrownBy(() -> LabelledTextFile.read(file(good, "[1, 2]")))
                .hasMessage("labelled.jsonl:2: not a JSON object");
        assertThatThrownBy(() -> LabelledTextFile.read(file(good, "{\"label\":\"positive\"}")))
                .hasMessage("labelled.jsonl:2: no \"text\" string");
        assertThatThrownBy(() -> LabelledTextFile.read(file(good, "{\"text\":\"x\",\"label\":\"neutral\"}")))
                .hasMessage("labelled.jsonl:2: label 'neutral' is neither positive nor negative");
        assertThatThrownBy(() -> LabelledTextFile.read(file(good, "{\"text\":\"x\"}")))
                .hasMessage("labelled.jsonl:2: no \"label\" string (positive or negative)");
        assertThatThrownBy(() -> LabelledTextFile.read(file(good, "{\"text\":\"  \",\"label\":\"negative\"}")))
                .hasMessage("labelled.jsonl:2: the text is blank");
        assertThatThrownBy(() -> LabelledTextFile.read(file("", " ")))
                .hasMessage("labelled.jsonl: no labelled text in the file");
        assertThatThrownBy(() -> LabelledTextFile.read(dir.resolve("none.jsonl"))).isInstanceOf(IOException.class)
                .hasMessageEndingWith("none.jsonl: no such file, or it cannot be read");
    }

    @Test
    void theShippedFileIsTheGeneratorsOutput() throws IOException {
        String generated = GeneratedHeadlines.jsonLines(GeneratedHeadlines.generate(GeneratedHeadlines.SEED,
                GeneratedHeadlines.COUNT));
        Path shipped = Path.of(GeneratedHeadlines.SHIPPED);
        if (Boolean.getBoolean("regenerate")) {
            Files.createDirectories(shipped.getParent());
            Files.writeString(shipped, generated);
        }
        assertThat(Files.readString(shipped)).as("regenerate with -Dregenerate=true").isEqualTo(generated);
        assertThat(LabelledTextFile.read(shipped)).hasSize(GeneratedHeadlines.COUNT)
                .allMatch(t -> t.text().startsWith("[GENERATED] "));
    }
}
