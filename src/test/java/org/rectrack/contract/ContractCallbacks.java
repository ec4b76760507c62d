package org.rectrack.contract;

import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import org.rectrack.TestKeys;

import io.restassured.RestAssured;

/**
 * Puts {@link ContractFilter} in front of every REST Assured request of every @QuarkusTest, and
 * {@link TestKeys#DEFAULT_KEY}, which sends the admin key unless a test says otherwise. Quarkus loads
 * these callbacks with the test's own class loader, so the filter lands in the same {@code RestAssured} the
 * test uses (a plain JUnit extension would see another copy of it). Writes the report after each class.
 */
public class ContractCallbacks implements QuarkusTestBeforeClassCallback, QuarkusTestBeforeEachCallback,
        QuarkusTestAfterAllCallback {

    @Override
    public void beforeClass(Class<?> testClass) {
        install();
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        install();
    }

    @Override
    public void afterAll(QuarkusTestContext context) {
        ContractReport.flush();
    }

    private static void install() {
        if (!RestAssured.filters().contains(TestKeys.DEFAULT_KEY)) {
            RestAssured.filters(TestKeys.DEFAULT_KEY);
        }
        if (ContractFilter.enabled() && !RestAssured.filters().contains(ContractFilter.INSTANCE)) {
            RestAssured.filters(ContractFilter.INSTANCE);
        }
    }
}
