package org.rectrack.common;

import java.util.Map;
import java.util.Optional;

import io.quarkus.security.AuthenticationFailedException;

/**
 * A credential that was sent and is refused, with a reason fit for the client: it says why (unknown,
 * expired, revoked, not a bearer key) and never repeats the credential. Quarkus's exception is final,
 * so the reason travels as one of its attributes.
 */
public final class KeyRefused {

    private static final String REASON = "rectrack.refused";

    private KeyRefused() {
    }

    public static AuthenticationFailedException because(String reason) {
        return new AuthenticationFailedException(reason, Map.of(REASON, reason));
    }

    static Optional<String> reason(AuthenticationFailedException failed) {
        return Optional.ofNullable(failed.getAttribute(REASON));
    }
}
