package org.rectrack.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for dates and timestamps that enter the API, shared by JSON bodies, query parameters
 * and CSV cells: ISO {@code YYYY-MM-DD} with a four-digit year from 1900 to 2999, a day that exists,
 * and nothing before or after it. {@link LocalDate#parse} alone would take {@code +10000-01-01} and
 * {@code -2024-01-01}, and Jackson would cut a timestamp down to its date without a word.
 */
public final class Dates {

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2999;

    /** The shape of a date on the wire, also given in the OpenAPI schema. */
    public static final String PATTERN = "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

    public static final String MESSAGE = "must be a date YYYY-MM-DD with a year from 1900 to 2999, such as 2026-01-31";

    public static final String INSTANT_MESSAGE = "must be a date (2026-01-31) or a UTC timestamp (2026-01-31T10:00:00Z)"
            + " with a year from 1900 to 2999";

    private static final Pattern DATE = Pattern.compile(PATTERN);

    /** A UTC timestamp with seconds and an optional fraction, such as {@code 2026-01-31T10:00:00.5Z}. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");

    private Dates() {
    }

    /** The date the text names, or empty if it is not exactly a date in range (the 30th of February is not). */
    public static Optional<LocalDate> parse(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A date (its start in UTC) or a UTC timestamp, in the same year range; anything else is empty. */
    public static Optional<Instant> parseInstant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.length() == 10) {
            return parse(text).map(day -> day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        if (!TIMESTAMP.matcher(text).matches() || parse(text.substring(0, 10)).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
