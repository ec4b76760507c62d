package org.rectrack.recommendation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.rectrack.common.Dates;

/**
 * The CSV form of recommendations, the one definition export and import share: RFC 4180, UTF-8, a
 * header row naming the columns, lists of codes in one cell separated by {@value #LIST_SEPARATOR}.
 */
public final class RecommendationCsv {

    public static final String MEDIA_TYPE = "text/csv";

    /** The columns an import reads, in the order an export writes them. */
    public static final List<String> COLUMNS = List.of("reference", "report", "number", "text", "priority", "themes",
            "addressees", "targetDate", "response", "repeats", "archived");

    /** Without these an import cannot describe a recommendation at all. */
    public static final List<String> REQUIRED_COLUMNS = List.of("reference", "report", "number", "text");

    /** Read-only columns an export adds after {@link #COLUMNS}; an import accepts and ignores exactly these. */
    public static final List<String> DERIVED_COLUMNS = List.of("status", "statusAssessedOn", "overdue", "version",
            "updatedAt");

    public static final String LIST_SEPARATOR = ";";

    /** RFC 4180: commas, double quotes, CRLF line ends; blank lines are the reader's business. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private RecommendationCsv() {
    }

    /** Every column of an export: what an import reads, then the derived ones. */
    public static List<String> exportColumns() {
        return Stream.concat(COLUMNS.stream(), DERIVED_COLUMNS.stream()).toList();
    }

    /** One export row, in {@link #exportColumns()} order; absent values are empty cells. */
    static List<Object> cells(Recommendation r, LocalDate today) {
        return Arrays.asList(r.reference, r.report.reference, r.number, r.text, r.priority,
                r.themes.stream().map(t -> t.code).sorted().collect(Collectors.joining(LIST_SEPARATOR)),
                r.addressees.stream().map(i -> i.code).sorted().collect(Collectors.joining(LIST_SEPARATOR)),
                r.targetDate, r.response, r.repeats == null ? null : r.repeats.reference, r.archived,
                r.status, r.statusAssessedOn, r.isOverdue(today), r.version, r.updatedAt);
    }

    /**
     * Reads one row, given as column name to cell text (absent columns and empty cells alike mean
     * null, so the default). Spaces around a cell are ignored except in {@code text}. A cell that
     * cannot be read is reported as (column, message) and read as null; everything else about the
     * row is left to the bean validation of {@link RecommendationInput}.
     */
    public static RecommendationInput read(Map<String, String> cells, BiConsumer<String, String> invalid) {
        Cells row = new Cells(cells, invalid);
        return new RecommendationInput(row.key("reference"), row.key("report"), row.number("number"),
                row.text("text"), row.bool("priority"), row.list("themes"), row.list("addressees"),
                row.date("targetDate"), row.response("response"), row.key("repeats"), row.bool("archived"));
    }

    private record Cells(Map<String, String> cells, BiConsumer<String, String> invalid) {

        String text(String column) {
            String value = cells.get(column);
            return value == null || value.isEmpty() ? null : value;
        }

        String key(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        Integer number(String column) {
            // digits only: Integer.valueOf would also take "+7" and "-0"
            return parsed(column, value -> {
                if (!value.matches("[0-9]{1,9}")) {
                    throw new IllegalArgumentException(value);
                }
                return Integer.valueOf(value);
            }, "must be a whole number");
        }

        Boolean bool(String column) {
            return parsed(column, value -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(value);
            }, "must be true or false");
        }

        LocalDate date(String column) {
            return parsed(column, value -> Dates.parse(value).orElseThrow(), Dates.MESSAGE);
        }

        StateResponse response(String column) {
            return parsed(column, StateResponse::valueOf, "must be one of "
                    + Arrays.stream(StateResponse.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }

        /** The cell read by {@code parse}; null when empty, or when it cannot be read (then reported). */
        private <T> T parsed(String column, Function<String, T> parse, String message) {
            String value = key(column);
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value);
            } catch (RuntimeException e) {
                invalid.accept(column, message);
                return null;
            }
        }

        List<String> list(String column) {
            String value = key(column);
            if (value == null) {
                return null;
            }
            List<String> items = new ArrayList<>();
            for (String item : value.split(LIST_SEPARATOR)) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return items;
        }
    }
}
