package org.rectrack.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Figures checked against hand-computed expectations. The data (one report of its own):
 * A media, target 2022-12-31: ISSUER FULLY 2022-01-01, then ISSUER PARTIALLY 2023-01-01 (a regression)
 * B media+election-day, target 2021-01-01: ISSUER MOSTLY 2022-03-01
 * C election-day, target 2030-12-31: no assessment
 * D media: ISSUER NO_LONGER_APPLICABLE 2022-01-01
 * E media, archived: ISSUER FULLY 2022-01-01 (left out)
 * F observers: ISSUER NOT_IMPLEMENTED dated 2021-05-01 but recorded last
 */
@QuarkusTest
class StatsResourceTest {

    String report;

    @BeforeEach
    void createData() {
        report = TestData.report();
        String a = rec("A", List.of("media"), "2022-12-31");
        String b = rec("B", List.of("media", "election-day"), "2021-01-01");
        rec("C", List.of("election-day"), "2030-12-31");
        String d = rec("D", List.of("media"), null);
        String e = rec("E", List.of("media"), null);
        String f = rec("F", List.of("observers"), null);
        TestData.assessment(a, "ISSUER", "FULLY_IMPLEMENTED", "2022-01-01");
        TestData.assessment(a, "ISSUER", "PARTIALLY_IMPLEMENTED", "2023-01-01");
        TestData.assessment(a, "GOVERNMENT", "FULLY_IMPLEMENTED", "2023-02-01");
        TestData.assessment(b, "ISSUER", "MOSTLY_IMPLEMENTED", "2022-03-01");
        TestData.assessment(d, "ISSUER", "NO_LONGER_APPLICABLE", "2022-01-01");
        TestData.assessment(e, "ISSUER", "FULLY_IMPLEMENTED", "2022-01-01");
        String etag = given().get("/api/v1/recommendations/{r}", e).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("archived", true))
                .patch("/api/v1/recommendations/{r}", e).then().statusCode(200);
        TestData.assessment(f, "ISSUER", "NOT_IMPLEMENTED", "2021-05-01");
    }

    private String rec(String name, List<String> themes, String targetDate) {
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("reference", report + "-" + name, "themes", themes));
        if (targetDate != null) {
            fields.put("targetDate", targetDate);
        }
        return TestData.recommendation(report, fields);
    }

    @Test
    void shouldCountTheCurrentStateWithoutArchivedOnes() {
        given().queryParam("report", report).get("/api/v1/stats").then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.notNullValue())
                .body("groups", hasSize(0))
                .body("total.total", equalTo(5))
                .body("total.byStatus.PARTIALLY_IMPLEMENTED", equalTo(1))
                .body("total.byStatus.MOSTLY_IMPLEMENTED", equalTo(1))
                .body("total.byStatus.NOT_ASSESSED", equalTo(1))
                .body("total.byStatus.NO_LONGER_APPLICABLE", equalTo(1))
                .body("total.byStatus.NOT_IMPLEMENTED", equalTo(1))
                .body("total.byStatus.FULLY_IMPLEMENTED", equalTo(0))
                .body("total.overdue", equalTo(2))
                .body("total.implementationRate", equalTo(0.3333f));
    }

    @Test
    void shouldIgnoreTheListSortOfTheFilters() {
        for (String sort : List.of("targetDate", "-targetDate", "number")) {
            given().queryParam("report", report).queryParam("sort", sort).get("/api/v1/stats").then().statusCode(200)
                    .body("total.total", equalTo(5))
                    .body("total.overdue", equalTo(2));
            given().queryParam("report", report).queryParam("sort", sort).queryParam("interval", "year")
                    .queryParam("from", "2021-01-01").queryParam("to", "2023-12-31")
                    .get("/api/v1/stats/timeline").then().statusCode(200)
                    .body("points", hasSize(3));
        }
    }

    @Test
    void shouldGroupByThemeCountingARecommendationInEachOfItsThemes() {
        given().queryParam("report", report).queryParam("groupBy", "theme").get("/api/v1/stats").then().statusCode(200)
                .body("groupBy", equalTo(List.of("theme")))
                .body("groups.key.theme", equalTo(List.of("election-day", "media", "observers")))
                .body("groups.total", equalTo(List.of(2, 3, 1)))
                .body("groups.overdue", equalTo(List.of(1, 2, 0)))
                .body("groups.implementationRate", equalTo(List.of(1.0f, 0.5f, 0.0f)))
                .body("total.total", equalTo(5));
    }

    @Test
    void shouldGroupByTwoKeys() {
        given().queryParam("report", report).queryParam("groupBy", "status,priority").get("/api/v1/stats").then()
                .statusCode(200)
                .body("groups", hasSize(5))
                .body("groups.find { it.key.status == 'NOT_ASSESSED' }.key.priority", equalTo(false))
                .body("groups.find { it.key.status == 'NOT_ASSESSED' }.byStatus.NOT_ASSESSED", equalTo(1));
    }

    @Test
    void shouldReconstructAPastDayFromTheAssessmentHistory() {
        given().queryParam("report", report).queryParam("asOf", "2022-06-30").get("/api/v1/stats").then().statusCode(200)
                .body("asOf", equalTo("2022-06-30"))
                .body("total.total", equalTo(5))
                .body("total.byStatus.FULLY_IMPLEMENTED", equalTo(1))
                .body("total.byStatus.PARTIALLY_IMPLEMENTED", equalTo(0))
                .body("total.byStatus.NOT_IMPLEMENTED", equalTo(1))
                .body("total.overdue", equalTo(1))
                .body("total.implementationRate", equalTo(0.6667f));
        given().queryParam("report", report).queryParam("asOf", "2021-12-31").get("/api/v1/stats").then()
                .body("total.byStatus.NOT_ASSESSED", equalTo(4))
                .body("total.byStatus.NOT_IMPLEMENTED", equalTo(1))
                .body("total.implementationRate", equalTo(0.0f));
        given().queryParam("report", report).queryParam("asOf", "2020-01-01").get("/api/v1/stats").then()
                .body("total.byStatus.NOT_ASSESSED", equalTo(5)).body("total.implementationRate", nullValue());
    }

    @Test
    void shouldFilterByTheHistoricalStatusAsOfAPastDay() {
        given().queryParam("report", report).queryParam("asOf", "2022-06-30").queryParam("status", "FULLY_IMPLEMENTED")
                .get("/api/v1/stats").then().body("total.total", equalTo(1));
    }

    @Test
    void shouldGiveTheDistributionAtEachPeriodEnd() {
        given().queryParam("report", report).queryParam("interval", "year").queryParam("from", "2021-01-01")
                .queryParam("to", "2023-12-31").get("/api/v1/stats/timeline").then().statusCode(200)
                .body("points.periodEnd", equalTo(List.of("2021-12-31", "2022-12-31", "2023-12-31")))
                .body("points.implementationRate", equalTo(List.of(0.0f, 0.6667f, 0.3333f)))
                .body("points[1].byStatus.FULLY_IMPLEMENTED", equalTo(1))
                .body("points[2].byStatus.PARTIALLY_IMPLEMENTED", equalTo(1));
        given().queryParam("report", report).queryParam("interval", "quarter").queryParam("from", "2022-02-10")
                .queryParam("to", "2022-08-01").get("/api/v1/stats/timeline").then().statusCode(200)
                .body("points.periodEnd", equalTo(List.of("2022-03-31", "2022-06-30", "2022-09-30")));
    }

    @Test
    void shouldRejectBadParametersNamingEachOne() {
        given().queryParam("groupBy", "colour").queryParam("asOf", "yesterday").get("/api/v1/stats").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("groupBy", "asOf")));
        given().queryParam("groupBy", "theme,country,status").get("/api/v1/stats").then()
                .statusCode(400).body("errors.field", equalTo(List.of("groupBy")));
        given().queryParam("interval", "week").queryParam("from", "2024-01-01").queryParam("to", "2023-01-01")
                .get("/api/v1/stats/timeline").then().statusCode(400)
                .body("errors.field", equalTo(List.of("interval", "from")));
        given().queryParam("interval", "month").queryParam("from", "1900-01-01").queryParam("to", "2026-01-01")
                .get("/api/v1/stats/timeline").then().statusCode(400).body("errors.field", equalTo(List.of("from")));
    }
}
