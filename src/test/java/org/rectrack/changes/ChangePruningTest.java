package org.rectrack.changes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rectrack.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** After pruning, a client further back is told to resynchronise; one at the edge reads on. */
@QuarkusTest
@TestProfile(ChangePruningTest.OwnDatabase.class)
class ChangePruningTest {

    /** A profile of its own restarts the service on a clean database, so pruning here affects no other test. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rectrack.changes.retention", "1d");
        }
    }

    @Inject
    ChangeFeed feed;

    @Test
    void shouldAnswer410BeforeThePrunedPastAndReadOnAfterIt() {
        TestData.report();
        long position = ChangeFeedTest.lastPosition();
        assertTrue(position > 0);

        assertTrue(feed.prune(Instant.now().plusSeconds(1)) > 0, "everything recorded so far is pruned");

        given().queryParam("after", 0).get("/api/v1/changes").then().statusCode(410)
                .contentType("application/problem+json").body("status", equalTo(410));
        given().header("Accept", "text/event-stream").queryParam("after", 0).get("/api/v1/changes/stream").then()
                .statusCode(410);
        given().queryParam("after", position).get("/api/v1/changes").then().statusCode(200).body("items", hasSize(0));

        String report = TestData.report();
        given().queryParam("after", position).get("/api/v1/changes").then().statusCode(200)
                .body("items.key", equalTo(java.util.List.of(report)));
    }
}
