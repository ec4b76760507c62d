package org.rectrack.common;

/** Who is writing. Until API keys exist every write is recorded as anonymous. */
public final class Caller {

    public static final String ANONYMOUS = "anonymous";

    private Caller() {
    }

    public static String name() {
        return ANONYMOUS;
    }
}
