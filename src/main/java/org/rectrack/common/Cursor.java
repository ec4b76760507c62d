package org.rectrack.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque keyset cursor: the sort it belongs to, the sort value of the last item of a page and
 * its id. Clients must not build one; anything this class did not write is a 400.
 */
public record Cursor(String sort, String value, long id) {

    private static final String VERSION = "c1";

    public String encode() {
        String raw = VERSION + '\n' + sort + '\n' + id + '\n' + (value == null ? "" : value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor the server issued for the same sort, or fails with a 400 naming {@code cursor}. */
    public static Cursor decode(String cursor, String sort) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", 4);
            if (parts.length == 4 && VERSION.equals(parts[0]) && parts[1].equals(sort)) {
                return new Cursor(parts[1], parts[3].isEmpty() ? null : parts[3], Long.parseLong(parts[2]));
            }
        } catch (IllegalArgumentException e) {
            // not base64 or not a number: fall through to the same answer as any other foreign cursor
        }
        throw ProblemException.invalid("cursor", "is not a cursor this server issued for this sort; start again without it");
    }
}
