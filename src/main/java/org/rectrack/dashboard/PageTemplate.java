package org.rectrack.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML file of the dashboard with three kinds of placeholder: {@code {{t:key}}} a label of the
 * message bundle, {@code {{name}}} a value (both HTML-escaped), {@code {{raw:name}}} markup the caller
 * built. A placeholder without its value is an error, not an empty string, so a missing label shows
 * at start (see {@link DashboardPages}) instead of as a gap on the page.
 *
 * <p>Hand-made rather than Qute: in dev mode the Qute extension loads its template debugger, an
 * artifact ({@code io.quarkus.qute:qute-debug}) that Maven Central does not serve for this Quarkus
 * version, so {@code ./mvnw quarkus:dev} would not start.
 */
final class PageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(?:(t|raw):)?([A-Za-z][A-Za-z0-9.]*)}}");

    private final String name;
    private final String text;

    private PageTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    static PageTemplate load(String resource) {
        try (InputStream in = PageTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing page template " + resource);
            }
            return new PageTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String render(Map<String, String> labels, Map<String, String> values, Map<String, String> markup) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 4096);
        while (matcher.find()) {
            String kind = matcher.group(1);
            String key = matcher.group(2);
            String value = "t".equals(kind) ? labels.get(key) : "raw".equals(kind) ? markup.get(key) : values.get(key);
            if (value == null) {
                throw new IllegalStateException(name + " needs " + (kind == null ? "the value" : kind + ":") + key
                        + ", which it was not given");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement("raw".equals(kind) ? value : escape(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
