package org.rectrack.common;

/** The shapes of the keys that address items in URLs. */
public final class Keys {

    /** Report and recommendation references, chosen by the client: {@code KZ-2021-PARL-R07}. */
    public static final String REFERENCE = "^[A-Za-z0-9._-]{1,64}$";
    public static final String REFERENCE_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";

    /** Institution and theme codes: lower-case slugs such as {@code kz-cec}. */
    public static final String CODE = "^[a-z0-9][a-z0-9-]{0,63}$";
    public static final String CODE_MESSAGE = "must be a lower-case slug: 1 to 64 letters, digits or '-'";

    /** Server-assigned numeric ids (API keys, webhooks, deliveries). */
    private static final String ID = "[1-9][0-9]{0,17}";
    /** How much of a client's key a message repeats. */
    private static final int SHOWN = 40;

    private Keys() {
    }

    /** A numeric id as a path holds it, or a 404 naming it: anything else names no item. */
    public static long idOrNotFound(String raw, String what) {
        if (raw.matches(ID)) {
            return Long.parseLong(raw);
        }
        throw ProblemException.notFound(what, shown(raw));
    }

    /** A client's key as a message repeats it: at most {@value #SHOWN} characters. */
    public static String shown(String raw) {
        return raw.length() > SHOWN ? raw.substring(0, SHOWN) + "…" : raw;
    }
}
