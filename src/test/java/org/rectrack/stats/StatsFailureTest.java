package org.rectrack.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rectrack.TestData;
import org.rectrack.changes.FeedPosition;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Answers are shared per feed position, failures are not: a statistic that could not be computed
 * while the database was busy is computed again by the next request, at the same position.
 */
@QuarkusTest
class StatsFailureTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FeedPosition position;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int poolSize;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/stats?groupBy=theme&report=", "/api/v1/stats/timeline?interval=quarter&report="})
    void shouldComputeAgainAfterAFailedComputation(String path) throws SQLException {
        String report = TestData.report();
        TestData.recommendation(report);
        long at = position.get();

        List<Connection> taken = new ArrayList<>();
        try {
            // the database is busy: the pool has no connection left, the computation times out waiting for one
            while (taken.size() < poolSize) {
                taken.add(dataSource.getConnection());
            }
            given().get(path + report).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }

        assertEquals(at, position.get(), "nothing was written in between: the same question at the same position");
        given().get(path + report).then().statusCode(200);
    }
}
