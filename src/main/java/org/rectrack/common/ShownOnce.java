package org.rectrack.common;

/**
 * An answer that carries a secret the server shows only once (a new API key). What is kept of it,
 * such as the answer an {@code Idempotency-Key} replays, is {@link #withoutSecret()}: a lost answer
 * means a new key, never a secret stored in clear text.
 */
public interface ShownOnce {

    Object withoutSecret();
}
