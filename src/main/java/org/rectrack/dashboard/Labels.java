package org.rectrack.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The dashboard's one message bundle: {@code dashboard/labels.properties} (English, the base) and one
 * file per further language ({@code labels_ru.properties}). The server renders the page's labels from
 * it and hands the same map to the script, so no label exists twice.
 */
final class Labels {

    /** The languages the dashboard speaks; the first is the default. */
    static final List<String> LANGUAGES = List.of("en", "ru");

    private static final Map<String, Map<String, String>> BUNDLES = load();

    private Labels() {
    }

    /** Every label in {@code language}, falling back to English for a key it lacks. */
    static Map<String, String> of(String language) {
        return BUNDLES.getOrDefault(language, BUNDLES.get(LANGUAGES.get(0)));
    }

    private static Map<String, Map<String, String>> load() {
        Map<String, Map<String, String>> bundles = new TreeMap<>();
        Map<String, String> base = read("dashboard/labels.properties");
        for (String language : LANGUAGES) {
            Map<String, String> labels = new TreeMap<>(base);
            if (!language.equals(LANGUAGES.get(0))) {
                labels.putAll(read("dashboard/labels_" + language + ".properties"));
            }
            bundles.put(language, Map.copyOf(labels));
        }
        return Map.copyOf(bundles);
    }

    /** Read as UTF-8, so the Russian file holds Cyrillic as it is, not as escapes. */
    static Map<String, String> read(String resource) {
        try (InputStream in = Labels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing message bundle " + resource);
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> labels = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> labels.put(key, properties.getProperty(key)));
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
