package org.rectrack.common;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Reads request JSON as written: Jackson by default turns {@code "7"} and {@code 1.5} into the number 7
 * and 1, {@code "true"} into a boolean, {@code 12345} into the text "12345", and ignores whatever follows the first JSON value. Clients that
 * send those get a 400 naming the field instead of a silently different item. Strings may not hold the
 * NUL character (U+0000): PostgreSQL cannot store it while H2 can, so the same request would succeed
 * on one database and fail with a 500 on the other, nor half of a surrogate pair. A field named twice in
 * one object is a 400 too, and so is {@code ""} where a date, number, boolean, enum or list belongs. Dates
 * follow {@link Dates}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Last of all customizers, so these deserializers win over the date module Quarkus registers. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // {"code":"a", …, "code":"b"}: which one was meant? Jackson would keep one silently, or fail deep in binding.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        // "" is not a missing value: for a date, a number, a boolean, an enum or a list it would read as null
        // (and clear the field in a merge patch). Only null clears.
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("rectrack-strict")
                .addDeserializer(String.class, new CheckedText())
                .addDeserializer(LocalDate.class, new StrictDate()));
    }

    public static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    public static final String SURROGATE_MESSAGE = "must not contain an unpaired surrogate (U+D800 to U+DFFF)";

    /** How Jackson words a field that appears twice in one object. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    /** The field a parse failure names twice, if that is the failure. */
    static Optional<String> duplicateField(JsonParseException e) {
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        return duplicate.matches() ? Optional.of(duplicate.group(1)) : Optional.empty();
    }

    /** True if the text holds a character no database column can take. */
    public static boolean hasNul(String text) {
        return text != null && text.indexOf('\u0000') >= 0;
    }

    /**
     * True if the text holds half of a surrogate pair without the other half: {@code "\ud800"} is valid
     * JSON but no character at all, and would be stored as a replacement character or refused by the database.
     */
    public static boolean hasLoneSurrogate(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The rule a text breaks, or null if it may be stored. */
    public static String textProblem(String text) {
        if (hasNul(text)) {
            return NUL_MESSAGE;
        }
        return hasLoneSurrogate(text) ? SURROGATE_MESSAGE : null;
    }

    /** A value refused by one of these rules; its message is what the client is told about the field. */
    public static final class Rejected extends InvalidFormatException {

        Rejected(JsonParser parser, String message, Object value, Class<?> type) {
            super(parser, message, value, type);
        }
    }

    /** Text, only from a JSON string, without NUL or unpaired surrogates. */
    static final class CheckedText extends StdScalarDeserializer<String> {

        CheckedText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                // 12345 or true is not the text "12345" or "true": a client that sends it has a bug to hear about
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = StringDeserializer.instance.deserialize(parser, context);
            String problem = textProblem(value);
            if (problem != null) {
                throw new Rejected(parser, problem, null, String.class);
            }
            return value;
        }
    }

    /** A date by the rule of {@link Dates}, only from a JSON string: not {@code [2024,1,1]}, not a timestamp. */
    static final class StrictDate extends StdScalarDeserializer<LocalDate> {

        StrictDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getText();
            return Dates.parse(text).orElseThrow(() -> new Rejected(parser, Dates.MESSAGE, null, LocalDate.class));
        }
    }

}
