package org.rectrack.common;

import java.io.IOException;
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
 * on one database and fail with a 500 on the other. A field named twice in one object is a 400 too.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

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
        mapper.registerModule(new SimpleModule("rectrack-strings").addDeserializer(String.class, new NoNul()));
    }

    public static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";

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

    static final class NoNul extends StdScalarDeserializer<String> {

        NoNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                // 12345 or true is not the text "12345" or "true": a client that sends it has a bug to hear about
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (hasNul(value)) {
                throw new InvalidFormatException(parser, NUL_MESSAGE, value, String.class);
            }
            return value;
        }
    }

}
