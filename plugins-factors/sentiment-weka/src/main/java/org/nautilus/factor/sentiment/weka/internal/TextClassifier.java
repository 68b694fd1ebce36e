package org.nautilus.factor.sentiment.weka.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.nautilus.model.weka.WekaRuntime;
import weka.classifiers.bayes.NaiveBayesMultinomial;
import weka.classifiers.meta.FilteredClassifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.tokenizers.NGramTokenizer;
import weka.filters.unsupervised.attribute.StringToWordVector;

/**
 * A text's sentiment learnt from labelled texts with Weka: {@link StringToWordVector} turns the text into counts of
 * its lower-case words and adjacent word pairs (pairs tell "cuts costs" from "cuts guidance", "record profit" from
 * "record loss"), and multinomial naive Bayes learns each term's weight per class. The score is P(positive) −
 * P(negative), in [−1, 1].
 *
 * <p>Training is deterministic: naive Bayes counts, it draws nothing at random, and the same texts in the same order
 * give the same model bit for bit. Scoring is synchronized (Weka's filter keeps per-call state).
 */
public final class TextClassifier {

    /** What the first part of a saved model says: the format of this class. */
    static final String FORMAT = "nautilus-sentiment-weka/1";

    /** Term pairs at most; single words always. */
    private static final int MAX_NGRAM = 2;
    private static final String DELIMITERS = " \r\n\t.,;:'\"()?!";

    private final FilteredClassifier classifier;
    private final String provenance;
    private final Attribute text;
    private final Instance row;

    private TextClassifier(FilteredClassifier classifier, String provenance) {
        this.classifier = classifier;
        this.provenance = provenance;
        // A header of our own for scoring: a string attribute keeps every value it is given, so it is reset to
        // the one text being scored (setStringValue) instead of growing with each call.
        Instances header = header();
        this.text = header.attribute(0);
        this.row = new DenseInstance(2);
        row.setDataset(header);
    }

    /**
     * Learns from {@code texts}.
     *
     * @throws IllegalArgumentException if both labels are not present
     */
    public static TextClassifier train(List<LabelledText> texts) {
        long positive = texts.stream().filter(LabelledText::positive).count();
        if (positive == 0 || positive == texts.size()) {
            throw new IllegalArgumentException("training needs positive and negative texts; got " + positive
                    + " positive of " + texts.size());
        }
        WekaRuntime.init();
        Instances data = header();
        Attribute textAttribute = data.attribute(0);
        for (LabelledText t : texts) {
            double[] values = {textAttribute.addStringValue(t.text()), t.positive() ? 1 : 0};
            data.add(new DenseInstance(1, values));
        }
        StringToWordVector words = new StringToWordVector();
        NGramTokenizer tokenizer = new NGramTokenizer();
        tokenizer.setNGramMinSize(1);
        tokenizer.setNGramMaxSize(MAX_NGRAM);
        tokenizer.setDelimiters(DELIMITERS);
        words.setTokenizer(tokenizer);
        words.setLowerCaseTokens(true);
        words.setOutputWordCounts(true);
        words.setWordsToKeep(100_000);
        words.setAttributeIndices("first");
        FilteredClassifier model = new FilteredClassifier();
        model.setFilter(words);
        model.setClassifier(new NaiveBayesMultinomial());
        try {
            model.buildClassifier(data);
        } catch (Exception e) {
            throw new IllegalStateException("Weka could not train on " + texts.size() + " texts: " + e.getMessage(),
                    e);
        }
        return new TextClassifier(model, texts.size() + " texts (" + positive + " positive), sha-256 "
                + digest(texts) + ", " + WekaRuntime.LIBRARY);
    }

    /** P(positive) − P(negative) of {@code text}, in [−1, 1]. */
    public synchronized double score(String text) {
        this.text.setStringValue(text);
        row.setValue(0, 0);
        row.setClassMissing();
        try {
            double[] p = classifier.distributionForInstance(row);
            return Math.max(-1, Math.min(1, p[1] - p[0]));
        } catch (Exception e) {
            throw new IllegalStateException("Weka could not score '" + text + "': " + e.getMessage(), e);
        }
    }

    /** What the model was trained on: count, labels, digest of the texts and labels, Weka version. */
    public String provenance() {
        return provenance;
    }

    /** Writes the model: format, Weka version, provenance, then Weka's serialization of the classifier. */
    public synchronized void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            SerializationHelper.writeAll(out, new Object[] {FORMAT, WekaRuntime.LIBRARY, provenance, classifier});
        } catch (Exception e) {
            Files.deleteIfExists(temporary);
            throw new IOException(file + ": cannot save the sentiment model: " + e.getMessage(), e);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a model {@link #save saved} before.
     *
     * @throws IOException if the file is missing, is not a saved sentiment model, or was written by another Weka
     *                     version (Weka does not promise that serialized classifiers survive a version change)
     */
    public static TextClassifier load(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": no such model file, or it cannot be read");
        }
        WekaRuntime.init();
        Object[] parts;
        try (InputStream in = Files.newInputStream(file)) {
            parts = SerializationHelper.readAll(in);
        } catch (Exception e) {
            throw new IOException(file + ": not a saved sentiment model: " + e.getMessage(), e);
        }
        if (parts.length != 4 || !FORMAT.equals(parts[0]) || !(parts[1] instanceof String library)
                || !(parts[2] instanceof String provenance) || !(parts[3] instanceof FilteredClassifier model)) {
            throw new IOException(file + ": not a saved sentiment model (" + FORMAT + ")");
        }
        if (!library.equals(WekaRuntime.LIBRARY)) {
            throw new IOException(file + ": the model was trained with " + library + ", this is "
                    + WekaRuntime.LIBRARY + ": delete it to retrain");
        }
        return new TextClassifier(model, provenance);
    }

    private static Instances header() {
        ArrayList<Attribute> attributes = new ArrayList<>();
        attributes.add(new Attribute("text", (List<String>) null));
        attributes.add(new Attribute("label", List.of(LabelledText.NEGATIVE, LabelledText.POSITIVE)));
        Instances header = new Instances("labelled-texts", attributes, 0);
        header.setClassIndex(1);
        return header;
    }

    private static String digest(List<LabelledText> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (LabelledText t : texts) {
                sha.update((t.label() + '\t' + t.text() + '\n').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
