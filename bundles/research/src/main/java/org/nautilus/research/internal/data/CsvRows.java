package org.nautilus.research.internal.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The rows of a CSV file with a header, as the project's data readers take them: a byte-order mark dropped, blank
 * lines skipped, fields split on commas (no quoting), each row with its line number for error messages.
 */
final class CsvRows {

    /** What to do with the header and with each row after it. */
    interface Handler {
        void header(String[] fields, int line) throws BarFileException;

        void row(String[] fields, int line) throws BarFileException;
    }

    private CsvRows() {
    }

    /**
     * @return whether the text had a header
     * @throws BarFileException what the handler throws, or a read failure with its line
     */
    static boolean read(Reader reader, String source, Handler handler) throws BarFileException {
        BufferedReader in = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        boolean header = false;
        int lineNumber = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (header) {
                    handler.row(fields, lineNumber);
                } else {
                    handler.header(fields, lineNumber);
                    header = true;
                }
            }
        } catch (IOException e) {
            throw new BarFileException(source + ":" + lineNumber + ": cannot read: " + e.getMessage(), e);
        }
        return header;
    }
}
