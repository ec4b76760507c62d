package org.rectrack.common;

/** The shapes of the keys that address items in URLs. */
public final class Keys {

    /** Report and recommendation references, chosen by the client: {@code KZ-2021-PARL-R07}. */
    public static final String REFERENCE = "^[A-Za-z0-9._-]{1,64}$";
    public static final String REFERENCE_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";

    /** Institution and theme codes: lower-case slugs such as {@code kz-cec}. */
    public static final String CODE = "^[a-z0-9][a-z0-9-]{0,63}$";
    public static final String CODE_MESSAGE = "must be a lower-case slug: 1 to 64 letters, digits or '-'";

    private Keys() {
    }
}
