package org.rectrack.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The dashboard over the demo data, as a newcomer sees it after {@code ./mvnw quarkus:dev}: what it
 * weighs from an empty browser cache (printed, and written to {@code target/dashboard-page-weight.txt}),
 * and screenshots at desktop and phone width. They are written to
 * {@code target/dashboard-screenshots/}; the README's are refreshed with
 * {@code ./mvnw test -Dtest=DashboardScreenshotsTest -Drectrack.screenshots.dir=docs}.
 */
@QuarkusTest
@TestProfile(DashboardScreenshotsTest.Demo.class)
class DashboardScreenshotsTest {

    /** Overview data, bytes: the contract's budget for everything the browser downloads. */
    static final long MAX_PAGE_WEIGHT = 1_500_000;

    public static class Demo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rectrack.demo-data.enabled", "true");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void demoDataOverviewWeighsUnderItsBudgetAndIsPhotographed() throws Exception {
        Path folder = Path.of(System.getProperty("rectrack.screenshots.dir", "target/dashboard-screenshots"));
        Files.createDirectories(folder);
        String base = root.toString().replaceAll("/$", "");
        String demoTotal = given().get("/api/v1/stats").then().statusCode(200).extract().jsonPath().getString("total.total");
        assertTrue(Integer.parseInt(demoTotal) > 0, "demo data loaded");

        try (Browser browser = Browser.start("en-GB,en")) {
            browser.open(base + "/?lang=en");
            browser.awaitLive();
            assertEquals(demoTotal, browser.js("return document.getElementById('sum-total').dataset.value"));
            // every byte this fresh browser downloaded (on the wire, after gzip) and what they decode to:
            // the page, scripts, styles, chart library, API answers
            String entries = "return performance.getEntriesByType('navigation')"
                    + ".concat(performance.getEntriesByType('resource'))";
            long bytes = ((Number) browser.js(entries
                    + ".reduce(function (sum, e) { return sum + e.transferSize; }, 0)")).longValue();
            long decoded = ((Number) browser.js(entries
                    + ".reduce(function (sum, e) { return sum + e.decodedBodySize; }, 0)")).longValue();
            long requests = (Long) browser.js("return performance.getEntriesByType('resource').length + 1");
            String weight = String.format("overview over the demo data, empty cache: %,d bytes on the wire"
                    + " (%,d decoded) in %d requests%n", bytes, decoded, requests);
            System.out.print("Dashboard " + weight);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/dashboard-page-weight.txt"), weight);
            assertTrue(decoded > 100_000, "the measurement saw the downloads (" + decoded + " bytes decoded)");
            assertTrue(bytes > 0 && bytes < decoded, "the answers came compressed (" + bytes + " of " + decoded + " bytes)");
            assertTrue(bytes < MAX_PAGE_WEIGHT, "the overview weighs " + bytes + " bytes, over " + MAX_PAGE_WEIGHT);

            shoot(browser, folder.resolve("dashboard-desktop.png"), 1280);
            browser.open(base + "/ui/recommendations/KZ-2021-PARL-R02?lang=en");
            shoot(browser, folder.resolve("dashboard-recommendation.png"), 1280);

            browser.emulateWidth(390, 844);
            browser.open(base + "/?lang=ru");
            browser.awaitLive();
            shoot(browser, folder.resolve("dashboard-phone-ru.png"), 390);
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /**
     * The page at this width: on a desktop the whole page (the window made as tall as the document),
     * on a phone the first two screens, as a person would scroll them.
     */
    private static void shoot(Browser browser, Path file, int width) throws Exception {
        long height = (Long) browser.js("return document.documentElement.scrollHeight");
        if (width < 500) {
            browser.emulateWidth(width, (int) Math.min(height, 1700), 1);
        } else {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, (int) Math.min(height, 3000) + 120));
        }
        Thread.sleep(500); // let the chart redraw at the new size
        Files.write(file, browser.driver.getScreenshotAs(OutputType.BYTES));
    }
}
