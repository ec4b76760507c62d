package org.rectrack.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.rectrack.TestKeys;
import org.rectrack.common.Problem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A locked-down deployment: no anonymous reads, a dashboard on another origin (CORS), behind a proxy
 * that names the client in X-Forwarded-For, and a low limit for callers without a key.
 */
@QuarkusTest
@TestProfile(PartnerAccessTest.LockedDown.class)
class PartnerAccessTest {

    static final String DASHBOARD = "https://dashboard.example.org";

    public static class LockedDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rectrack.anonymous-read", "false",
                    "quarkus.http.cors.enabled", "true",
                    "quarkus.http.cors.origins", DASHBOARD,
                    "rectrack.rate-limit.anonymous-per-minute", "3",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Test
    void shouldAnswerAPreflightWithoutAKey() {
        given().spec(TestKeys.anonymous()).header("Origin", DASHBOARD).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,if-none-match")
                .options("/api/v1/recommendations")
                .then().statusCode(200).header("Access-Control-Allow-Origin", DASHBOARD)
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Methods", containsString("GET"));
    }

    @Test
    void shouldExposeTheHeadersADashboardReads() {
        Response answer = given().header("Origin", DASHBOARD).get("/api/v1/reports");
        answer.then().statusCode(200).header("Access-Control-Allow-Origin", DASHBOARD);
        Set<String> exposed = Arrays.stream(answer.header("Access-Control-Expose-Headers").split(","))
                .map(String::strip).collect(Collectors.toSet());
        assertTrue(exposed.containsAll(List.of("ETag", "Link", "Location", "Retry-After", "RateLimit", "RateLimit-Policy")),
                "exposed: " + exposed);
    }

    @Test
    void shouldRefuseAnotherOriginWithAProblem() {
        given().header("Origin", "https://elsewhere.example.com").get("/api/v1/reports")
                .then().statusCode(403).contentType(startsWith(Problem.MEDIA_TYPE))
                .header("Access-Control-Allow-Origin", nullValue()).body("detail", containsString("not allowed"));
        given().spec(TestKeys.anonymous()).header("Origin", "https://elsewhere.example.com").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/reports").then().statusCode(403).contentType(startsWith(Problem.MEDIA_TYPE));
    }

    @Test
    void shouldAskAnonymousReadersForAKey() {
        given().spec(TestKeys.anonymous()).header("X-Forwarded-For", "198.51.100.7").get("/api/v1/recommendations")
                .then().statusCode(401).contentType(startsWith(Problem.MEDIA_TYPE)).header("WWW-Authenticate", startsWith("Bearer"));
        given().spec(TestKeys.as(TestKeys.create("reader"))).get("/api/v1/recommendations").then().statusCode(200);
        // the reader's answer is kept for the next caller who asks the same, but only for one allowed to read
        given().spec(TestKeys.anonymous()).header("X-Forwarded-For", "198.51.100.7").get("/api/v1/recommendations")
                .then().statusCode(401).contentType(startsWith(Problem.MEDIA_TYPE));
        given().spec(TestKeys.anonymous()).header("X-Forwarded-For", "198.51.100.8").get("/api/v1/me")
                .then().statusCode(200).body("name", equalTo("anonymous")).body("roles", equalTo(List.of())).body("role", nullValue());
    }

    @Test
    void shouldLimitCallersWithoutAKeyPerAddress() {
        String client = "203.0.113.9";
        for (int i = 0; i < 3; i++) {
            given().spec(TestKeys.anonymous()).header("X-Forwarded-For", client).get("/api/v1/me").then().statusCode(200)
                    .header("RateLimit-Policy", equalTo("\"anonymous\";q=3;w=60"));
        }
        Response refused = given().spec(TestKeys.anonymous()).header("X-Forwarded-For", client).get("/api/v1/me");
        refused.then().statusCode(429).contentType(startsWith(Problem.MEDIA_TYPE)).header("RateLimit", startsWith("\"anonymous\";r=0;"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        // a bad key counts against the address too: guessing keys is throttled like any anonymous call
        given().header("Authorization", "Bearer rtk_guess").header("X-Forwarded-For", client).get("/api/v1/me")
                .then().statusCode(429);
        // another address, and a caller with a key, are not held back
        given().spec(TestKeys.anonymous()).header("X-Forwarded-For", "203.0.113.10").get("/api/v1/me").then().statusCode(200);
        assertEquals(200, given().header("X-Forwarded-For", client).get("/api/v1/me").statusCode());
    }
}
