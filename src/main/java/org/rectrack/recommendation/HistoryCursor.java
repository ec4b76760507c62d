package org.rectrack.recommendation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.rectrack.common.Cursor;
import org.rectrack.common.PageRequest;
import org.rectrack.common.ProblemException;

/** A position in an append-only history ordered by (date, recorded at, id). */
public record HistoryCursor(LocalDate date, Instant recordedAt, long id) {

    private static final String SORT = "history";

    /** Before every entry: histories start here. */
    public static final HistoryCursor START = new HistoryCursor(LocalDate.of(1, 1, 1), Instant.parse("0001-01-01T00:00:00Z"), 0);

    public Cursor toCursor() {
        return new Cursor(SORT, date + "|" + recordedAt, id);
    }

    /** The position after which the requested page starts. */
    public static HistoryCursor from(PageRequest page) {
        Cursor cursor = page.cursor(SORT);
        if (cursor == null) {
            return START;
        }
        try {
            String[] parts = cursor.value().split("\\|", 2);
            return new HistoryCursor(LocalDate.parse(parts[0]), Instant.parse(parts[1]), cursor.id());
        } catch (DateTimeParseException | ArrayIndexOutOfBoundsException | NullPointerException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this server issued for this list");
        }
    }
}
