package org.rectrack.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The hostile values the fuzz draws from, already encoded the way they go on the wire. */
final class FuzzText {

    private FuzzText() {
    }

    /** Path segments, percent-encoded as sent: broken escapes, traversal, huge, unicode, an encoded lone surrogate. */
    static final List<String> PATH = List.of("", "%ZZ", "%", "%0", "%00", "%0A", "%01", "%C0%AF", "..", "%2E%2E", "a%2Fb",
            "%F0%9F%92%A5", "%D0%9A%D0%97", "%ED%A0%80", "%FF%FE", "x".repeat(300), "x".repeat(6000), "-1", "0",
            "99999999999999999999", "1e3", "null", "%20", "%3Cscript%3E", "'%20OR%201=1--", "%E2%80%AE", "~", "%7B%7D",
            "a;b=c", "%25");

    /** Query values, percent-encoded as sent. */
    static final List<String> QUERY = List.of("", "%ZZ", "%", "%00", "%01", "%0D%0A", "%F0%9F%92%A5", "%ED%A0%80",
            "x".repeat(6000), "x".repeat(1000), "-1", "0", "1.5", "abc", "%2B5", "%205", "5%20", "true", "TRUE", "yes",
            "null", "[]", "99999999999999999999", "9223372036854775808", "any", "ANY", "-", "--reference", "%2C",
            "FULLY_IMPLEMENTED", "fully_implemented", "status,theme,country", "month", "decade", "%C3%A9");

    /** Dates as partners get them wrong: signs, year 0, five digits, times, impossible days. */
    static final List<String> DATES = List.of("-2024-01-01", "%2B10000-01-01", "+10000-01-01", "2024-01-01T00:00:00Z",
            "0000-01-01", "2024-02-30", "2024-1-1", "10000-01-01", "1899-12-31", "3000-01-01", "2024-13-01", "20240101",
            "", "2024-01-01T25:00:00Z", "now");

    /** JSON that does not parse, or only just. */
    static final List<String> INVALID_JSON = List.of("{", "{\"a\":}", "nul", "[1,]", "{'a':1}", "\u0000", "{\"a\":1}}",
            "{\"a\" 1}", "\"unterminated", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":1e99999}", "\uFEFF{}", "{\"a\":\"\u0001\"}",
            "{\"a\":\"\\x41\"}", "{\"a\":\"\\ud800\"", "<xml/>", ",", "{}{}", "[]]");

    static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }

    /** A text's UTF-8 bytes, one char per byte, for the socket writer that sends chars as ISO-8859-1. */
    static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** For headers. Each is sent raw, so bytes a client library would refuse (controls, non-ASCII) get through. */
    static List<String> headerValues(String name) {
        return switch (name) {
            case "If-Match", "If-None-Match" -> List.of("garbage", "*", "W/\"1\"", "\"", "\"999999\"", "1", "\u0001",
                    "\"1\", \"2\"", "\"" + "9".repeat(40) + "\"", "x".repeat(9000), utf8("\"ключ\""), "", ",,,");
            case "Idempotency-Key" -> List.of("", " ", "x".repeat(300), utf8("ключ"), "\u0007", "a b", "\t",
                    "x".repeat(255), "\u007f");
            case "Accept" -> List.of("application/xml", "garbage", "text/csv", "*/*;q=abc", "application/json;q=0", "",
                    "text/event-stream", "application/problem+json", "application/x-ndjson", "*/*;q=0", "\u0001");
            case "Content-Type" -> List.of("text/plain", "application/json; charset=latin-9", "garbage", "",
                    "application/merge-patch+json", "application/json", "multipart/form-data; boundary=x",
                    "application/x-www-form-urlencoded", "*/*", "application/*", "text/csv", "application/json; charset=utf-16",
                    "\u0001");
            case "Last-Event-ID" -> List.of("abc", "-1", "99999999999999999999", "", "1.5", "\u0001", "x".repeat(5000));
            default -> List.of("", "x".repeat(9000), "\u0001");
        };
    }
}
