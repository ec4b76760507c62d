package org.rectrack.changes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.rectrack.TestData;
import org.rectrack.TestKeys;
import org.rectrack.common.ETags;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A question asked again before anything was written is answered from the answer rendered the first
 * time: the same bytes and headers, no statement. A write ends every kept answer.
 */
@QuarkusTest
class AnswersTest {

    private static final List<String> HEADERS = List.of("ETag", "Content-Type", "Cache-Control", "Link", "Vary");

    @Inject
    SessionFactory sessionFactory;

    @Test
    void shouldRepeatAListPageWithoutAStatement() {
        String report = TestData.report();
        TestData.recommendation(report);
        TestData.recommendation(report);
        Response first = given().queryParam("report", report).queryParam("limit", 1).get("/api/v1/recommendations");
        first.then().statusCode(200);

        Response again = repeated(() -> given().queryParam("report", report).queryParam("limit", 1).get("/api/v1/recommendations"));
        assertSameAnswer(first, again);
    }

    @Test
    void shouldRepeatAnItemWithItsVersionTagWithoutAStatement() {
        String reference = TestData.recommendation(TestData.report());
        Response first = given().get("/api/v1/recommendations/{r}", reference);
        first.then().statusCode(200).header("ETag", equalTo("\"0\""));

        Response again = repeated(() -> given().get("/api/v1/recommendations/{r}", reference));
        assertSameAnswer(first, again);
        Response revalidated = repeated(() -> given().header("If-None-Match", "\"0\"").get("/api/v1/recommendations/{r}", reference));
        revalidated.then().statusCode(304).header("ETag", equalTo("\"0\"")).body(emptyString());
    }

    @Test
    void shouldAnswerAfterAWriteWithTheWrite() {
        String reference = TestData.recommendation(TestData.report());
        given().get("/api/v1/recommendations/{r}", reference).then().statusCode(200).body("status", equalTo("NOT_ASSESSED"));
        String list = given().queryParam("q", reference).get("/api/v1/recommendations").then().statusCode(200)
                .body("items[0].status", equalTo("NOT_ASSESSED")).extract().header("ETag");

        TestData.assessment(reference, "ISSUER", "PARTIALLY_IMPLEMENTED", "2024-03-01");

        given().get("/api/v1/recommendations/{r}", reference).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("status", equalTo("PARTIALLY_IMPLEMENTED"));
        Response after = given().queryParam("q", reference).get("/api/v1/recommendations");
        after.then().statusCode(200).body("items[0].status", equalTo("PARTIALLY_IMPLEMENTED"));
        assertNotEquals(list, after.header("ETag"));
    }

    @Test
    void shouldKeepAnswersApartByAccept() {
        String report = TestData.report();
        TestData.recommendation(report);
        given().queryParam("report", report).accept(ContentType.JSON).get("/api/v1/recommendations").then().statusCode(200);
        given().queryParam("report", report).accept("text/csv").get("/api/v1/recommendations")
                .then().statusCode(200).contentType("text/csv");
        given().queryParam("report", report).accept(ContentType.JSON).get("/api/v1/recommendations")
                .then().statusCode(200).contentType(ContentType.JSON);
    }

    @Test
    void shouldRepeatAHeadLikeItsGet() {
        String reference = TestData.recommendation(TestData.report());
        Response get = given().get("/api/v1/recommendations/{r}", reference);
        Response head = repeated(() -> given().head("/api/v1/recommendations/{r}", reference));
        head.then().statusCode(200).header("ETag", equalTo(get.header("ETag"))).body(emptyString());
    }

    @Test
    void shouldNeitherTagNorKeepAnAnswerBuiltWhileAWriteCommitted() {
        int before = RacingReadResource.CALLS.get();
        Response first = given().header("Authorization", TestKeys.ADMIN_BEARER).get("/api/test/answers/racing");
        first.then().statusCode(200).body("call", equalTo(before + 1));
        Response second = given().header("Authorization", TestKeys.ADMIN_BEARER).get("/api/test/answers/racing");
        second.then().statusCode(200).body("call", equalTo(before + 2));
        assertEquals(before + 2, RacingReadResource.CALLS.get(), "asked again, the read ran again: nothing was kept");
        // its tag is the one of its bytes, not the position's, so it can never revalidate against newer data
        assertEquals(ETags.ofBytes(first.asByteArray()), first.header("ETag"));
    }

    /** The answer of {@code call}, checked to have cost no statement. */
    private Response repeated(java.util.function.Supplier<Response> call) {
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        Response answer = call.get();
        assertEquals(0, statistics.getPrepareStatementCount(), "a repeated question needs no statement");
        return answer;
    }

    private static void assertSameAnswer(Response first, Response again) {
        again.then().statusCode(200);
        assertArrayEquals(first.asByteArray(), again.asByteArray(), "the same bytes");
        for (String header : HEADERS) {
            assertEquals(first.header(header), again.header(header), header);
        }
    }
}
