package org.rectrack.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;
import org.rectrack.TestKeys;
import org.rectrack.changes.FeedPosition;
import org.rectrack.common.Problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A key's own limit: every answer says what is left, the one past it is a 429 that writes nothing. */
@QuarkusTest
class RateLimitTest {

    private static final Pattern REMAINING = Pattern.compile("\"key\";r=(\\d+);t=(\\d+)");

    @Inject
    FeedPosition position;

    @Test
    void shouldCountDownAndRefuseTheRequestPastTheLimit() {
        String report = TestData.report();
        String secret = TestKeys.create("editor", Map.of("rateLimitPerMinute", 5));
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Response answer = given().spec(TestKeys.as(secret)).get("/api/v1/reports/{r}", report);
            answer.then().statusCode(200).header("RateLimit-Policy", equalTo("\"key\";q=5;w=60"));
            Matcher m = REMAINING.matcher(answer.header("RateLimit"));
            assertTrue(m.matches(), answer.header("RateLimit"));
            remaining.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(List.of(4, 3, 2, 1, 0), remaining, "each answer says how many remain");

        long before = position.get();
        Response refused = given().spec(TestKeys.as(secret)).contentType(ContentType.JSON)
                .body(Map.of("reference", TestData.unique("RL"), "title", "t", "issuer", "i", "country", "KZ"))
                .post("/api/v1/reports");
        refused.then().statusCode(429).contentType(startsWith(Problem.MEDIA_TYPE)).body("status", equalTo(429))
                .body("detail", containsString("5 requests a minute")).header("RateLimit", startsWith("\"key\";r=0;"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 12, "a token comes back every 12 s: " + retryAfter);
        assertEquals(before, position.get(), "a throttled write writes nothing");

        // another key, and the admin, have buckets of their own
        given().spec(TestKeys.as(TestKeys.create("reader", Map.of("rateLimitPerMinute", 5)))).get("/api/v1/reports/{r}", report)
                .then().statusCode(200).header("RateLimit", startsWith("\"key\";r=4;"));
        given().get("/api/v1/me").then().statusCode(200).body("rateLimitPerMinute", equalTo(1_000_000));
    }
}
