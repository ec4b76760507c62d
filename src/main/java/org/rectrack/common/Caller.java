package org.rectrack.common;

import jakarta.enterprise.context.ApplicationScoped;

/** Who is writing, as {@code recordedBy} and idempotency keys name them. Until API keys exist, anonymous. */
@ApplicationScoped
public class Caller {

    public static final String ANONYMOUS = "anonymous";

    public String name() {
        return ANONYMOUS;
    }
}
