package org.rectrack.recommendation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectrack.TestData;

import io.restassured.path.json.JsonPath;

/**
 * Keyset paging of recommendations: following {@code next} page by page gives exactly the same
 * items, in the same order, as one page holding them all, for every sort and direction, with ties
 * in the sort value (number, target date) and missing target dates.
 */
@io.quarkus.test.junit.QuarkusTest
class RecommendationPagingTest {

    @ParameterizedTest
    @ValueSource(strings = {"reference", "-reference", "number", "-number", "targetDate", "-targetDate", "updatedAt",
            "-updatedAt"})
    void shouldPageThroughEveryItemOnceInOrder(String sort) {
        String report = reportWithTies();
        List<String> all = page(report, sort, 500, null).getList("items.reference");
        assertEquals(11, all.size());

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(report, sort, 2, cursor);
            paged.addAll(page.getList("items.reference"));
            cursor = page.getString("next");
        } while (cursor != null);
        assertEquals(all, paged, "pages of 2 sorted by " + sort);
    }

    private static final Map<String, String> REPORTS = new HashMap<>();

    /** One report per test class run: 11 recommendations, numbers and target dates repeating, some without. */
    private static synchronized String reportWithTies() {
        return REPORTS.computeIfAbsent("ties", k -> {
            String report = TestData.report();
            for (int i = 0; i < 11; i++) {
                Map<String, Object> fields = new HashMap<>(Map.of("number", 1 + i % 3));
                if (i % 4 != 0) {
                    fields.put("targetDate", "2024-12-3" + (i % 2));
                }
                TestData.recommendation(report, fields);
            }
            return report;
        });
    }

    private static JsonPath page(String report, String sort, int limit, String cursor) {
        var request = given().queryParam("report", report).queryParam("sort", sort).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/recommendations").then().statusCode(200).extract().jsonPath();
    }
}
