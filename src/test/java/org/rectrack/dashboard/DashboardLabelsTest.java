package org.rectrack.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The one message bundle covers every label the pages and the script ask for, in every language. */
class DashboardLabelsTest {

    @Test
    void everyLanguageHasEveryKeyAndNoOther() {
        Set<String> english = Labels.read("dashboard/labels.properties").keySet();
        for (String language : Labels.LANGUAGES.subList(1, Labels.LANGUAGES.size())) {
            assertEquals(english, Labels.read("dashboard/labels_" + language + ".properties").keySet(), language);
        }
    }

    @Test
    void everyLabelTheScriptUsesExists() throws IOException {
        String script = resource("META-INF/resources/ui/dashboard.js");
        Set<String> used = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        Matcher literal = Pattern.compile("\\bt\\('([A-Za-z.]+)'").matcher(script);
        while (literal.find()) {
            (literal.group(1).endsWith(".") ? prefixes : used).add(literal.group(1));
        }
        // keys the script builds from the API's enumerations and its own states
        Map<String, List<String>> built = Map.of(
                "status.", List.of("NOT_ASSESSED", "NOT_IMPLEMENTED", "PARTIALLY_IMPLEMENTED", "MOSTLY_IMPLEMENTED",
                        "FULLY_IMPLEMENTED", "NO_LONGER_APPLICABLE"),
                "assessor.", List.of("ISSUER", "GOVERNMENT", "CIVIL_SOCIETY", "OTHER"),
                "response.", List.of("SUPPORTED", "SUPPORTED_IN_PART", "NOTED", "REJECTED", "NO_RESPONSE"),
                "stage.", List.of("PLANNED", "IN_PROGRESS", "COMPLETED", "STALLED"),
                "live.", List.of("connecting", "live", "reconnecting", "offline"),
                "group.", List.of("report", "theme", "addressee"));
        assertEquals(built.keySet(), prefixes, "the script builds keys from these prefixes; list their values here");
        built.forEach((prefix, values) -> values.forEach(v -> used.add(prefix + v)));
        assertTrue(used.size() > 40, "found the script's labels: " + used);
        for (String language : Labels.LANGUAGES) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(Labels.of(language).keySet());
            assertEquals(Set.of(), missing, "labels the script needs, missing in " + language);
        }
    }

    @Test
    void russianIsTranslatedNotCopied() {
        Map<String, String> en = Labels.of("en");
        Map<String, String> ru = Labels.of("ru");
        long same = en.keySet().stream().filter(k -> en.get(k).equals(ru.get(k))).count();
        // only the product's name reads the same in both
        assertEquals(1, same, "labels left in English in the Russian bundle");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardLabelsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
