package org.rectrack.idempotency;

import java.util.UUID;

/** A request's hold on a key. Only the holder of the token may store the answer or let the key go. */
record Claim(String caller, String key, String token) {

    static Claim fresh(String caller, String key) {
        return new Claim(caller, key, UUID.randomUUID().toString());
    }
}
