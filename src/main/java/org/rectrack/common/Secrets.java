package org.rectrack.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Secrets the server hands out once (API keys, webhook secrets) and the hashes it keeps instead. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code prefix} followed by {@code bytes} random bytes in unpadded base64url. */
    public static String generate(String prefix, int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * {@code prefix} followed by {@code bytes} random bytes in standard, padded base64: the form the
     * Standard Webhooks libraries decode a {@code whsec_} secret from.
     */
    public static String generateBase64(String prefix, int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return prefix + Base64.getEncoder().encodeToString(random);
    }

    /**
     * The hex SHA-256 of a secret. One round is right for secrets of 32 random bytes: nobody can
     * search that space, so slow password hashes would only slow every request down.
     */
    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
