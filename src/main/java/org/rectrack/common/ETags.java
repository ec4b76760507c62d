package org.rectrack.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.UnaryOperator;

/** Strong entity tags: from an item's version, or from the bytes of a representation. */
public final class ETags {

    private ETags() {
    }

    /** The tag of a versioned item, quoted as it goes on the wire: {@code "7"}. */
    public static String ofVersion(long version) {
        return "\"" + version + "\"";
    }

    public static String ofBytes(byte[] representation) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(representation);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public static String ofString(String text) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Enforces {@code If-Match} on a write: missing is 428, a tag other than the current one 412.
     * {@code *} matches any current item.
     */
    public static void requireMatch(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemType.PRECONDITION_REQUIRED.problem("This write needs an If-Match header with the item's current ETag");
        }
        if (!matchesStrongly(ifMatch, current)) {
            throw ProblemType.PRECONDITION_FAILED.problem("The item has changed since you read it (current ETag " + current + "); read it again and retry");
        }
    }

    /** If-Match compares strongly (RFC 9110): a weak tag never matches. */
    static boolean matchesStrongly(String header, String tag) {
        return anyMatches(header, tag, UnaryOperator.identity());
    }

    /** True if a comma-separated If-None-Match list names the tag; weak comparison, as RFC 9110 asks. */
    public static boolean matches(String header, String tag) {
        return header != null && tag != null && anyMatches(header, tag, ETags::strip);
    }

    /** Whether {@code *} or any tag of the list equals {@code tag}, both seen through {@code form}. */
    private static boolean anyMatches(String header, String tag, UnaryOperator<String> form) {
        String wanted = form.apply(tag);
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || form.apply(c).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
