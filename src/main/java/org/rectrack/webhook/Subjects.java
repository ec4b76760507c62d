package org.rectrack.webhook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rectrack.changes.ChangeFeed;
import org.rectrack.changes.ChangeType;
import org.rectrack.changes.ChangeView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What events are about, for the filters: reports, countries, themes and institutions. It is read from
 * the items as the feed renders them (so this package knows no feature): a recommendation names its
 * report, themes and addressees; its report, the country; an assessment or progress update, its
 * recommendation (and a progress update the institution that reported it). The items an event
 * only names are read in one batch per type.
 */
final class Subjects {

    /** The values of each filter dimension that one event is about. */
    record About(Set<String> reports, Set<String> countries, Set<String> themes, Set<String> addressees) {

        static About empty() {
            return new About(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        }

        boolean matches(WebhookFilter f) {
            return any(f.report(), reports) && any(f.country(), countries) && any(f.theme(), themes)
                    && any(f.addressee(), addressees);
        }

        private static boolean any(List<String> wanted, Set<String> have) {
            return wanted.isEmpty() || wanted.stream().anyMatch(have::contains);
        }
    }

    private Subjects() {
    }

    /** What each event is about, in the order given. */
    static List<About> of(List<ChangeView> events, List<JsonNode> items, ChangeFeed feed, ObjectMapper mapper) {
        // first the recommendations that history entries name, then the reports that recommendations name
        List<String> recommendationKeys = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ChangeType type = ChangeType.ofWire(events.get(i).type());
            if (type == ChangeType.ASSESSMENT || type == ChangeType.PROGRESS_UPDATE) {
                recommendationKeys.add(items.get(i).path("recommendation").asText());
            }
        }
        Map<String, JsonNode> recommendations = tree(feed.current(ChangeType.RECOMMENDATION, recommendationKeys), mapper);
        List<String> reportKeys = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (ChangeType.ofWire(events.get(i).type()) == ChangeType.RECOMMENDATION) {
                reportKeys.add(items.get(i).path("report").asText());
            }
        }
        recommendations.values().forEach(r -> reportKeys.add(r.path("report").asText()));
        Map<String, JsonNode> reports = tree(feed.current(ChangeType.REPORT, reportKeys), mapper);

        List<About> abouts = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode item = items.get(i);
            About about = About.empty();
            switch (ChangeType.ofWire(events.get(i).type())) {
                case REPORT -> {
                    about.reports().add(item.path("reference").asText());
                    about.countries().add(item.path("country").asText());
                }
                case RECOMMENDATION -> recommendation(item, reports, about);
                case ASSESSMENT -> recommendation(recommendations.get(item.path("recommendation").asText()), reports, about);
                case PROGRESS_UPDATE -> {
                    recommendation(recommendations.get(item.path("recommendation").asText()), reports, about);
                    about.addressees().add(item.path("institution").asText());
                }
                case INSTITUTION -> {
                    about.addressees().add(item.path("code").asText());
                    about.countries().add(item.path("country").asText());
                }
                case THEME -> about.themes().add(item.path("code").asText());
            }
            abouts.add(about);
        }
        return abouts;
    }

    private static void recommendation(JsonNode recommendation, Map<String, JsonNode> reports, About about) {
        if (recommendation == null || recommendation.isMissingNode() || recommendation.isNull()) {
            return;
        }
        String report = recommendation.path("report").asText();
        about.reports().add(report);
        JsonNode of = reports.get(report);
        if (of != null) {
            about.countries().add(of.path("country").asText());
        }
        recommendation.path("themes").forEach(t -> about.themes().add(t.asText()));
        recommendation.path("addressees").forEach(a -> about.addressees().add(a.asText()));
    }

    private static Map<String, JsonNode> tree(Map<String, Object> items, ObjectMapper mapper) {
        Map<String, JsonNode> trees = new HashMap<>();
        items.forEach((key, item) -> trees.put(key, mapper.valueToTree(item)));
        return trees;
    }
}
