package org.rectrack.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * What makes two requests "the same" for an Idempotency-Key: the SHA-256 of method, path, query,
 * content type and body bytes. Headers such as Accept or Authorization are not part of it.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(ContainerRequestContext request, byte[] body) {
        var uri = request.getUriInfo().getRequestUri();
        return of(request.getMethod(), uri.getRawPath(), uri.getRawQuery(), request.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
    }

    static String of(String method, String rawPath, String rawQuery, String contentType, byte[] body) {
        // None of these parts can contain a line break, so the joined text is unambiguous.
        String head = method + '\n' + rawPath + '\n' + nullToEmpty(rawQuery) + '\n' + nullToEmpty(contentType) + '\n';
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(head.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
