package org.nautilus.api.research.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.LabelledMatrix;

/**
 * A panel dataset: one row per (date, instrument), rows ordered by date then instrument, so a date's rows are one
 * contiguous block. Feature values at a row are known at the close of its date; its label ends at
 * {@link #labelEnd(int)}. Immutable: the arrays are never handed out for writing (accessors copy or are read-only
 * by contract: {@link #features()} rows must not be modified).
 */
public final class PanelDataset {

    private final DatasetRequest request;
    private final List<String> featureNames;
    private final String labelName;
    private final List<LocalDate> dates;
    private final List<InstrumentId> instruments;
    private final int[] rowDate;
    private final int[] rowInstrument;
    private final int[] labelEndDay;
    private final double[][] features;
    private final double[] labels;
    private final String digest;
    private final int[] dateStart;

    /**
     * @param request       what was asked for (provenance)
     * @param featureNames  feature column names
     * @param labelName     the label, e.g. {@code Ref($close,-2)/Ref($close,-1)-1}
     * @param dates         the distinct feature dates, ascending
     * @param instruments   the distinct instruments, ascending
     * @param rowDate       per row, index into {@code dates}; non-decreasing
     * @param rowInstrument per row, index into {@code instruments}; increasing within a date
     * @param labelEndDay   per row, the label's last date as epoch day, not before the row's date
     * @param features      per row, one value per feature (NaN = missing)
     * @param labels        per row, the label (never NaN)
     * @param digest        SHA-256 (hex) of the canonical request and the data
     */
    public PanelDataset(DatasetRequest request, List<String> featureNames, String labelName, List<LocalDate> dates,
            List<InstrumentId> instruments, int[] rowDate, int[] rowInstrument, int[] labelEndDay,
            double[][] features, double[] labels, String digest) {
        this.request = Objects.requireNonNull(request, "request");
        this.featureNames = List.copyOf(featureNames);
        this.labelName = Objects.requireNonNull(labelName, "labelName");
        this.dates = List.copyOf(dates);
        this.instruments = List.copyOf(instruments);
        this.digest = Objects.requireNonNull(digest, "digest");
        int n = labels.length;
        if (rowDate.length != n || rowInstrument.length != n || labelEndDay.length != n || features.length != n) {
            throw new IllegalArgumentException("row arrays of different lengths: " + rowDate.length + ", "
                    + rowInstrument.length + ", " + labelEndDay.length + ", " + features.length + ", " + n);
        }
        for (int i = 1; i < this.dates.size(); i++) {
            if (!this.dates.get(i).isAfter(this.dates.get(i - 1))) {
                throw new IllegalArgumentException("dates not strictly ascending at " + this.dates.get(i));
            }
        }
        this.dateStart = new int[this.dates.size() + 1];
        int date = 0;
        for (int r = 0; r < n; r++) {
            if (rowDate[r] < 0 || rowDate[r] >= this.dates.size() || rowInstrument[r] < 0
                    || rowInstrument[r] >= this.instruments.size()) {
                throw new IllegalArgumentException("row " + r + " refers to an unknown date or instrument");
            }
            if (r > 0 && (rowDate[r] < rowDate[r - 1]
                    || rowDate[r] == rowDate[r - 1] && rowInstrument[r] <= rowInstrument[r - 1])) {
                throw new IllegalArgumentException("rows not ordered by date then instrument at row " + r);
            }
            if (labelEndDay[r] < this.dates.get(rowDate[r]).toEpochDay()) {
                throw new IllegalArgumentException("row " + r + ": label ends before its date");
            }
            if (features[r].length != this.featureNames.size()) {
                throw new IllegalArgumentException("row " + r + " has " + features[r].length + " values for "
                        + this.featureNames.size() + " features");
            }
            if (Double.isNaN(labels[r])) {
                throw new IllegalArgumentException("row " + r + " has no label");
            }
            while (date < rowDate[r]) {
                dateStart[++date] = r;
            }
        }
        while (date < this.dates.size()) {
            dateStart[++date] = n;
        }
        this.rowDate = rowDate.clone();
        this.rowInstrument = rowInstrument.clone();
        this.labelEndDay = labelEndDay.clone();
        this.features = features;
        this.labels = labels.clone();
    }

    public DatasetRequest request() {
        return request;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String labelName() {
        return labelName;
    }

    public List<LocalDate> dates() {
        return dates;
    }

    public List<InstrumentId> instruments() {
        return instruments;
    }

    /** SHA-256 (hex) over the canonical request and the data. */
    public String digest() {
        return digest;
    }

    public int rows() {
        return labels.length;
    }

    /** Index into {@link #dates()} of a row's date. */
    public int dateIndex(int row) {
        return rowDate[row];
    }

    public LocalDate date(int row) {
        return dates.get(rowDate[row]);
    }

    public InstrumentId instrument(int row) {
        return instruments.get(rowInstrument[row]);
    }

    /** Index into {@link #instruments()} of a row's instrument. */
    public int instrumentIndex(int row) {
        return rowInstrument[row];
    }

    /** The last date the row's label uses (its information interval is [date, labelEnd]). */
    public LocalDate labelEnd(int row) {
        return LocalDate.ofEpochDay(labelEndDay[row]);
    }

    /** {@link #labelEnd(int)} as an epoch day. */
    public int labelEndDay(int row) {
        return labelEndDay[row];
    }

    /** First row of date {@code dateIndex}; the date's rows are [dateStart(d), dateStart(d + 1)). */
    public int dateStart(int dateIndex) {
        return dateStart[dateIndex];
    }

    public double feature(int row, int feature) {
        return features[row][feature];
    }

    /** A row's feature values (read only). */
    public double[] featureRow(int row) {
        return features[row];
    }

    public double label(int row) {
        return labels[row];
    }

    /** One feature's values over all rows (a copy). */
    public double[] featureColumn(int feature) {
        double[] column = new double[rows()];
        for (int r = 0; r < column.length; r++) {
            column[r] = features[r][feature];
        }
        return column;
    }

    /** The labels (a copy). */
    public double[] labels() {
        return labels.clone();
    }

    /** The whole panel as a labelled matrix, what a model fits on (rows in panel order). */
    public LabelledMatrix toMatrix() {
        return new LabelledMatrix(featureNames, labelName, features, labels);
    }

    /** The given rows (e.g. a split's train rows) as a labelled matrix, in the given order. */
    public LabelledMatrix toMatrix(int[] rowIndices) {
        double[][] x = new double[rowIndices.length][];
        double[] y = new double[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            x[i] = features[rowIndices[i]];
            y[i] = labels[rowIndices[i]];
        }
        return new LabelledMatrix(featureNames, labelName, x, y);
    }

    /**
     * The given rows as a panel of their own (ascending row indices; only the dates they fall on), with a digest
     * derived from this one's and the rows chosen. Row k of the result is row {@code rowIndices[k]} of this one.
     */
    public PanelDataset select(int[] rowIndices) {
        int n = rowIndices.length;
        int[] dateMap = new int[dates.size()];
        Arrays.fill(dateMap, -1);
        List<LocalDate> keptDates = new ArrayList<>();
        int[] d = new int[n];
        int[] i = new int[n];
        int[] e = new int[n];
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            int r = rowIndices[k];
            if (k > 0 && r <= rowIndices[k - 1]) {
                throw new IllegalArgumentException("row indices must be ascending, " + r + " after "
                        + rowIndices[k - 1]);
            }
            if (dateMap[rowDate[r]] < 0) {
                dateMap[rowDate[r]] = keptDates.size();
                keptDates.add(dates.get(rowDate[r]));
            }
            d[k] = dateMap[rowDate[r]];
            i[k] = rowInstrument[r];
            e[k] = labelEndDay[r];
            x[k] = features[r];
            y[k] = labels[r];
        }
        return new PanelDataset(request, featureNames, labelName, keptDates, instruments, d, i, e, x, y,
                subsetDigest(digest, rowIndices));
    }

    private static String subsetDigest(String parent, int[] rowIndices) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(parent.getBytes(StandardCharsets.UTF_8));
            ByteBuffer buffer = ByteBuffer.allocate(4 * rowIndices.length);
            buffer.asIntBuffer().put(rowIndices);
            sha.update(buffer.array());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "PanelDataset[" + rows() + " rows, " + dates.size() + " dates, " + instruments.size()
                + " instruments, features " + featureNames + ", label " + labelName + ", digest "
                + digest.substring(0, 12) + ", source " + request.source().canonical() + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PanelDataset that && digest.equals(that.digest);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }
}
