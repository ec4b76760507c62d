package org.rectrack.common;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The paging parameters every list takes. */
public class PageRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    @QueryParam("limit")
    @Parameter(description = "Items per page, 1 to 500", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500"))
    public String limit;

    @QueryParam("cursor")
    @Parameter(description = "The `next` value of the previous page, as the server wrote it")
    public String cursor;

    /** The requested page size, or a 400 naming {@code limit}. */
    public int limit() {
        return limit(limit);
    }

    /** A page size as the client wrote it, for lists that take a limit but no cursor; a 400 naming {@code limit}. */
    public static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        // digits only: " 5" or "+5" is not what the contract's integer looks like
        if (limit.matches("[0-9]{1,4}")) {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** The decoded cursor for the given sort, or null on the first page. */
    public Cursor cursor(String sort) {
        return cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor, sort);
    }
}
