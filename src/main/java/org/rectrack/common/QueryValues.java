package org.rectrack.common;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Parses query parameters into typed values, collecting every bad one in {@link Errors} so a
 * client with several typos learns them all in one 400 (JAX-RS itself would answer 404).
 */
public final class QueryValues {

    private final Errors errors = new Errors();

    public <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            errors.add(name, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
            return null;
        }
    }

    public <E extends Enum<E>> List<E> enumValues(String name, List<String> raw, Class<E> type) {
        List<E> values = new ArrayList<>();
        if (raw != null) {
            for (String item : raw) {
                for (String part : item.split(",")) {
                    E value = enumValue(name, part, type);
                    if (value != null) {
                        values.add(value);
                    }
                }
            }
        }
        return values;
    }

    public Boolean bool(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        errors.add(name, "must be true or false");
        return null;
    }

    public String country(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!CountryCode.Validator.isValid(raw)) {
            errors.add(name, "must be an ISO 3166-1 alpha-2 country code such as KZ");
            return null;
        }
        return raw;
    }

    public String text(String name, String raw, int maxLength) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > maxLength) {
            errors.add(name, "must be at most " + maxLength + " characters");
            return null;
        }
        String problem = StrictJson.textProblem(raw);
        if (problem != null) {
            errors.add(name, problem);
            return null;
        }
        return raw;
    }

    /** A calendar date such as {@code 2026-01-31}, by the one rule of {@link Dates}. */
    public LocalDate date(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return Dates.parse(raw).orElseGet(() -> {
            errors.add(name, Dates.MESSAGE);
            return null;
        });
    }

    /** Records a problem with a parameter found by the caller's own rule. */
    public void reject(String name, String message) {
        errors.add(name, message);
    }

    /** An instant ({@code 2026-01-31T10:00:00Z}) or a date, read as its start in UTC. */
    public Instant instant(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return Dates.parseInstant(raw).orElseGet(() -> {
            errors.add(name, Dates.INSTANT_MESSAGE);
            return null;
        });
    }

    public <T> T choice(String name, String raw, List<String> allowed, T fallback, java.util.function.Function<String, T> read) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        if (!allowed.contains(raw)) {
            errors.add(name, "must be one of " + String.join(", ", allowed));
            return fallback;
        }
        return read.apply(raw);
    }

    /** Throws one 400 naming every bad parameter seen so far. */
    public void check() {
        errors.throwIfAny();
    }
}
