package org.rectrack.common;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
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
 * and 1, {@code "true"} into a boolean, and ignores whatever follows the first JSON value. Clients that
 * send those get a 400 naming the field instead of a silently different item. Strings may not hold the
 * NUL character (U+0000): PostgreSQL cannot store it while H2 can, so the same request would succeed
 * on one database and fail with a 500 on the other.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("rectrack-strings").addDeserializer(String.class, new NoNul()));
    }

    public static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";

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
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (hasNul(value)) {
                throw new InvalidFormatException(parser, NUL_MESSAGE, value, String.class);
            }
            return value;
        }
    }

}
