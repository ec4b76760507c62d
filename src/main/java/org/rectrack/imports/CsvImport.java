package org.rectrack.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rectrack.common.Problem.FieldError;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemType;
import org.rectrack.recommendation.RecommendationCsv;

/**
 * Reads an import body as CSV: UTF-8 (a byte-order mark is skipped), RFC 4180, a header row
 * naming the columns in any order. Rows are numbered by the line they start on, as a text editor
 * shows it; blank lines and rows whose cells are all empty are skipped.
 */
final class CsvImport {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvImport() {
    }

    static List<ImportRow> read(InputStream body, int maxRows) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, decoder));
        long line = 1;
        try {
            reader.mark(1);
            if (reader.read() != BYTE_ORDER_MARK) {
                reader.reset();
            }
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(RecommendationCsv.FORMAT).get();
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw ImportService.invalid(List.of(new FieldError("line 1", "must be the header row naming the columns, such as "
                        + String.join(",", RecommendationCsv.COLUMNS))));
            }
            List<String> header = header(records.next());
            List<ImportRow> rows = new ArrayList<>();
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    return rows;
                }
                CSVRecord record = records.next();
                if (record.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                if (rows.size() == maxRows) {
                    throw ProblemType.TOO_LARGE.problem("The import has more than " + maxRows + " rows; split it into several imports");
                }
                rows.add(row((int) line, header, record));
            }
        } catch (UncheckedIOException e) {
            throw unreadable(line, e.getCause());
        } catch (IOException e) {
            throw unreadable(line, e);
        }
    }

    /** The column names, or a 422 naming every unknown, duplicate or missing one. */
    private static List<String> header(CSVRecord record) {
        List<String> names = record.stream().map(String::strip).toList();
        List<FieldError> errors = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                errors.add(new FieldError("line 1, column " + (i + 1), "has no name"));
            } else if (!RecommendationCsv.COLUMNS.contains(name) && !RecommendationCsv.DERIVED_COLUMNS.contains(name)) {
                errors.add(new FieldError("line 1, column " + name, unknown(name, names.size())));
            } else if (seen.contains(name)) {
                errors.add(new FieldError("line 1, column " + name, "appears more than once"));
            }
            seen.add(name);
        }
        for (String required : RecommendationCsv.REQUIRED_COLUMNS) {
            if (!names.contains(required)) {
                errors.add(new FieldError("line 1, column " + required, "is required but missing from the header"));
            }
        }
        if (!errors.isEmpty()) {
            throw ImportService.invalid(errors);
        }
        return names;
    }

    private static String unknown(String name, int columns) {
        String known = "is not a known column; the columns are " + String.join(", ", RecommendationCsv.COLUMNS)
                + " (and, ignored, " + String.join(", ", RecommendationCsv.DERIVED_COLUMNS) + ")";
        return columns == 1 && (name.contains(";") || name.contains("\t"))
                ? known + "; cells must be separated by commas" : known;
    }

    private static ImportRow row(int line, List<String> header, CSVRecord record) {
        List<FieldError> unreadable = new ArrayList<>();
        if (record.size() != header.size()) {
            unreadable.add(new FieldError("", "has " + record.size() + " cells but the header has " + header.size()));
            return ImportRow.csv(line, null, unreadable);
        }
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            cells.put(header.get(i), record.get(i));
        }
        var input = RecommendationCsv.read(cells, (column, message) -> unreadable.add(new FieldError(column, message)));
        return ImportRow.csv(line, input, unreadable);
    }

    /** Bytes that are not UTF-8 or text that is not CSV: a 400 naming the line where reading stopped. */
    private static ProblemException unreadable(long line, Throwable cause) {
        String message;
        if (cause instanceof CharacterCodingException) {
            message = "is not UTF-8 text";
        } else if (cause instanceof CSVException csv && csv.getMessage().contains("EOF")) {
            message = "opens a quoted cell that is never closed";
        } else if (cause instanceof CSVException) {
            message = "has a quoted cell followed by more text; only a comma or a line end may follow the closing "
                    + "quote (write a quote inside a quoted cell as two quotes)";
        } else {
            throw new UncheckedIOException(cause instanceof IOException io ? io : new IOException(cause));
        }
        return new ProblemException(ProblemType.MALFORMED_CSV, "The body is not RFC 4180 CSV in UTF-8: line "
                + line + " " + message, List.of(new FieldError("line " + line, message)), Map.of());
    }
}
