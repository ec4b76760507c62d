package org.rectrack.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.rectrack.TestData;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against the real service and database.
 * Each test makes its own report and reads the figures it expects from the API itself, so the page is
 * held to what the API says. After every test the browser's console must hold no error.
 */
@QuarkusTest
class DashboardBrowserTest {

    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start("en-GB,en");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        List<String> errors = leaveAndReadConsoleErrors();
        browser.resetWidth();
        assertEquals(List.of(), errors, "the browser's console reported errors");
    }

    String url(String pathAndQuery) {
        return root.toString().replaceAll("/$", "") + pathAndQuery;
    }

    WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return browser.driver.findElements(By.cssSelector(css));
    }

    String value(String css) {
        return find(css).getDomAttribute("data-value");
    }

    /** Read in one script, so a refresh that replaces the rows meanwhile cannot leave a stale element. */
    @SuppressWarnings("unchecked")
    List<String> listedReferences() {
        return (List<String>) browser.js("return Array.prototype.map.call(document.querySelectorAll('#list-body tr'),"
                + " function (row) { return row.dataset.reference; })");
    }

    static String recommendation(String report, String suffix, Map<String, Object> fields) {
        Map<String, Object> all = new HashMap<>(fields);
        all.put("reference", report + "-" + suffix);
        return TestData.recommendation(report, all);
    }

    static void progress(String recommendation, String institution, String stage, String reportedOn) {
        given().contentType(ContentType.JSON)
                .body(Map.of("institution", institution, "stage", stage, "percentComplete", 40,
                        "summary", "Draft amendments submitted", "reportedOn", reportedOn))
                .post("/api/v1/recommendations/{ref}/progress-updates", recommendation).then().statusCode(201);
    }

    @Test
    void overviewShowsTheFiguresOfTheStatsApi() {
        String institution = TestData.institution();
        String report = TestData.report();
        String a = recommendation(report, "A", Map.of("targetDate", "2020-06-30", "addressees", List.of(institution)));
        String b = recommendation(report, "B", Map.of("addressees", List.of(institution)));
        recommendation(report, "C", Map.of("targetDate", "2099-01-01"));
        TestData.assessment(a, "ISSUER", "PARTIALLY_IMPLEMENTED", "2022-01-01");
        TestData.assessment(b, "ISSUER", "FULLY_IMPLEMENTED", "2022-02-01");

        browser.open(url("/?lang=en"));

        JsonPath total = given().get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
        assertEquals(total.getString("total.total"), value("#sum-total"));
        assertEquals(total.getString("total.overdue"), value("#sum-overdue"));
        // JsonPath reads numbers as floats: compare to float precision
        assertEquals(total.getDouble("total.implementationRate"), Double.parseDouble(value("#sum-rate")), 1e-6);
        for (String status : List.of("NOT_ASSESSED", "NOT_IMPLEMENTED", "PARTIALLY_IMPLEMENTED", "MOSTLY_IMPLEMENTED",
                "FULLY_IMPLEMENTED", "NO_LONGER_APPLICABLE")) {
            assertEquals(total.getString("total.byStatus." + status), value("#sum-status li[data-status='" + status + "']"),
                    "count of " + status);
        }

        Map<String, Object> byReport = group("report", report);
        WebElement row = find("#by-report tr[data-key='" + report + "']");
        List<WebElement> cells = row.findElements(By.cssSelector("td.num"));
        assertEquals(((Number) byReport.get("implementationRate")).doubleValue(),
                Double.parseDouble(cells.get(0).getDomAttribute("data-value")), 1e-6);
        assertEquals(0.5, Double.parseDouble(cells.get(0).getDomAttribute("data-value")), 1e-9, "FULLY over FULLY + PARTIALLY");
        assertEquals(String.valueOf(byReport.get("overdue")), cells.get(1).getDomAttribute("data-value"));
        assertEquals("1", cells.get(1).getDomAttribute("data-value"), "A is overdue");
        assertEquals(String.valueOf(byReport.get("total")), cells.get(2).getDomAttribute("data-value"));
        assertEquals("3", cells.get(2).getDomAttribute("data-value"));

        WebElement byInstitution = find("#by-addressee tr[data-key='" + institution + "']");
        assertTrue(byInstitution.getText().startsWith("Institution " + institution), byInstitution.getText());
        assertEquals("2", byInstitution.findElements(By.cssSelector("td.num")).get(2).getDomAttribute("data-value"));
        assertFalse(all("#timeline-chart canvas").isEmpty(), "the timeline is drawn");
    }

    private static Map<String, Object> group(String groupBy, String key) {
        List<Map<String, Object>> groups = given().queryParam("groupBy", groupBy).get("/api/v1/stats")
                .then().statusCode(200).extract().jsonPath().getList("groups");
        return groups.stream().filter(g -> key.equals(((Map<?, ?>) g.get("key")).get(groupBy))).findFirst().orElseThrow();
    }

    @Test
    void filtersLiveInTheUrlAndWorkByKeyboard() {
        String report = TestData.report();
        String word = "zebra" + TestData.unique("w").substring(2).replace("-", "");
        String x = recommendation(report, "X", Map.of());
        String y = recommendation(report, "Y", Map.of());
        String z = recommendation(report, "Z", Map.of("text", "The " + word + " clause should be reviewed"));
        TestData.assessment(x, "ISSUER", "NOT_IMPLEMENTED", "2022-01-01");
        TestData.assessment(y, "ISSUER", "FULLY_IMPLEMENTED", "2022-01-01");

        browser.open(url("/?report=" + report + "&status=NOT_IMPLEMENTED&lang=en"));
        assertEquals(List.of(x), listedReferences());
        assertEquals(report, find("#f-report").getDomProperty("value"));
        assertTrue(find("#f-status-NOT_IMPLEMENTED").isSelected());
        assertEquals(given().queryParam("report", report).queryParam("status", "NOT_IMPLEMENTED").get("/api/v1/stats")
                .then().statusCode(200).extract().jsonPath().getString("total.total"), value("#sum-total"));

        // keyboard only: the skip link comes first, then the status box is cleared with space and a search typed
        new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        assertEquals("skip", browser.driver.switchTo().activeElement().getDomAttribute("class"));
        find("#f-status-NOT_IMPLEMENTED").sendKeys(Keys.SPACE);
        find("#f-q").sendKeys(word + Keys.ENTER);
        browser.await("the search applied", d -> listedReferences().equals(List.of(z)));
        String searched = browser.driver.getCurrentUrl();
        assertTrue(searched.contains("q=" + word) && searched.contains("report=" + report) && !searched.contains("status="), searched);

        // back to the first view: nothing was written since, so its answers revalidate as 304s
        int before = Integer.parseInt((String) browser.js("return document.body.dataset.notModified"));
        browser.driver.navigate().back();
        browser.await("the filtered view again", d -> listedReferences().equals(List.of(x)));
        assertTrue(find("#f-status-NOT_IMPLEMENTED").isSelected());
        browser.await("answers revalidated with If-None-Match",
                d -> Integer.parseInt((String) browser.js("return document.body.dataset.notModified")) > before);

        // the URL is the view: opened afresh it shows the same
        browser.open(searched);
        assertEquals(List.of(z), listedReferences());
        assertEquals(word, find("#f-q").getDomProperty("value"));
    }

    @Test
    void aFilterTheApiRefusesSaysWhyAndTheRestStillShows() {
        browser.open(url("/?country=Q1&lang=en"));
        WebElement alert = find("#page-error");
        assertTrue(alert.isDisplayed());
        assertTrue(alert.getText().startsWith("The API refused the request:") && alert.getText().contains("country"),
                alert.getText());
        assertFalse(all("#f-report option").isEmpty(), "the code lists still load");
        // the refused requests are failed loads in the console; nothing else may have gone wrong
        List<String> errors = leaveAndReadConsoleErrors();
        assertFalse(errors.isEmpty());
        assertTrue(errors.stream().allMatch(e -> e.contains("/api/v1/") && e.contains("400")), errors.toString());
    }

    @Test
    void anUnknownRecommendationSaysSo() {
        browser.open(url("/ui/recommendations/NO-SUCH-REC-1?lang=en"));
        assertEquals("There is no recommendation NO-SUCH-REC-1.", find("#rec-missing").getText());
        assertFalse(find("#rec-about").isDisplayed());
        List<String> errors = leaveAndReadConsoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("/api/v1/recommendations/NO-SUCH-REC-1") && e.contains("404")),
                errors.toString());
    }

    @Test
    void tablePagesWithTheNextCursor() {
        String report = TestData.report();
        for (int i = 1; i <= 17; i++) {
            recommendation(report, String.format("P%02d", i), Map.of("number", i));
        }
        browser.open(url("/?report=" + report));
        assertEquals(15, listedReferences().size());
        assertEquals(report + "-P01", listedReferences().get(0));
        find("#page-next").click();
        browser.await("the second page", d -> listedReferences().equals(List.of(report + "-P16", report + "-P17")));
        assertFalse(find("#page-next").isEnabled());
        find("#page-prev").click();
        browser.await("the first page again", d -> listedReferences().size() == 15);
    }

    @Test
    void csvDownloadHoldsWhatTheFiltersSelect() throws Exception {
        String report = TestData.report();
        recommendation(report, "A", Map.of());
        recommendation(report, "B", Map.of());
        browser.open(url("/?report=" + report));
        find("#csv").sendKeys(Keys.ENTER);
        Path file = browser.await("the CSV file downloaded", d -> {
            try (Stream<Path> files = Files.list(browser.downloads)) {
                return files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        List<String> lines = browser.await("the download complete", d -> {
            try {
                List<String> read = Files.readAllLines(file, StandardCharsets.UTF_8);
                return read.size() == 3 ? read : null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        assertTrue(lines.get(0).startsWith("reference,report,number,text"), lines.get(0));
        assertTrue(lines.get(1).startsWith(report + "-A," + report + ","), lines.get(1));
        assertTrue(lines.get(2).startsWith(report + "-B," + report + ","), lines.get(2));
    }

    @Test
    void recommendationPageShowsEveryAssessorSideBySideAndAStatusThatWentDown() {
        String institution = TestData.institution();
        String report = TestData.report();
        String r = recommendation(report, "R", Map.of("targetDate", "2021-12-31", "addressees", List.of(institution),
                "response", "SUPPORTED_IN_PART"));
        TestData.assessment(r, "ISSUER", "FULLY_IMPLEMENTED", "2022-01-01");
        TestData.assessment(r, "GOVERNMENT", "MOSTLY_IMPLEMENTED", "2022-06-01");
        progress(r, institution, "IN_PROGRESS", "2022-09-01");
        TestData.assessment(r, "ISSUER", "PARTIALLY_IMPLEMENTED", "2023-01-01");
        TestData.assessment(r, "CIVIL_SOCIETY", "NOT_IMPLEMENTED", "2023-03-01");

        browser.open(url("/ui/recommendations/" + r + "?lang=en"));
        assertEquals("The law should be amended " + r, find("#rec-text").getText());
        assertTrue(find("#rec-report").getText().startsWith(report), find("#rec-report").getText());
        assertEquals("Institution " + institution, find("#rec-addressees").getText());
        assertEquals("Supported in part", find("#rec-response").getText());
        assertEquals("true", value("#rec-overdue"));
        assertEquals("PARTIALLY_IMPLEMENTED", find("#rec-status .badge").getDomAttribute("data-status"));

        List<WebElement> ratings = all("#ratings > li");
        assertEquals(List.of("ISSUER", "GOVERNMENT", "CIVIL_SOCIETY", "OTHER"),
                ratings.stream().map(li -> li.getDomAttribute("data-assessor")).toList());
        assertEquals(List.of("PARTIALLY_IMPLEMENTED", "MOSTLY_IMPLEMENTED", "NOT_IMPLEMENTED", ""),
                ratings.stream().map(li -> li.getDomAttribute("data-status")).toList());
        assertEquals("No rating yet", ratings.get(3).findElement(By.cssSelector("p")).getText());
        int top = ratings.get(0).getLocation().getY();
        assertTrue(ratings.stream().allMatch(li -> li.getLocation().getY() == top), "the four ratings stand in one row");

        List<WebElement> history = all("#history > li");
        assertEquals(List.of("assessment", "assessment", "progress", "assessment", "assessment"),
                history.stream().map(li -> li.getDomAttribute("data-kind")).toList(), "oldest first, both kinds");
        WebElement down = history.get(3).findElement(By.cssSelector("[data-move='down']"));
        assertEquals("▼ Down from Fully implemented", down.getText());
        assertEquals(1, all("#history [data-move='down']").size(), "only the issuer's second rating went down");
    }

    @Test
    void writesThroughTheApiShowUpLiveWithoutAReload() {
        String report = TestData.report();
        String r = recommendation(report, "L", Map.of());

        browser.open(url("/ui/recommendations/" + r));
        browser.awaitLive();
        browser.js("window.sameDocument = 'yes'");
        assertEquals("", find("#ratings li[data-assessor='ISSUER']").getDomAttribute("data-status"));
        TestData.assessment(r, "ISSUER", "MOSTLY_IMPLEMENTED", "2023-05-01");
        browser.await("the new rating on the page",
                d -> "MOSTLY_IMPLEMENTED".equals(browser.js("return document.querySelector(\"#ratings li[data-assessor='ISSUER']\").dataset.status")));
        assertEquals(1, all("#history > li").size());
        assertEquals("yes", browser.js("return window.sameDocument"), "updated in place, not reloaded");

        browser.open(url("/?report=" + report));
        browser.awaitLive();
        browser.js("window.sameDocument = 'yes'");
        assertEquals("1", value("#sum-total"));
        recommendation(report, "M", Map.of());
        browser.await("the new recommendation counted", d -> "2".equals(browser.js("return document.getElementById('sum-total').dataset.value")));
        browser.await("and listed", d -> listedReferences().equals(List.of(r, report + "-M")));
        assertEquals("yes", browser.js("return window.sameDocument"));
    }

    @Test
    void reconnectsAfterADroppedStreamAndCatchesUp() {
        String report = TestData.report();
        String r = recommendation(report, "D", Map.of());
        try (DroppingProxy proxy = new DroppingProxy(root.getPort())) {
            browser.open("http://localhost:" + proxy.port() + "/ui/recommendations/" + r);
            browser.awaitLive();
            browser.js("window.sameDocument = 'yes'");

            proxy.dropAll();
            browser.await("the page noticing the dropped stream", d -> !"live".equals(liveState()));
            // written while the stream is down: the page learns of it only by reading again once it is back
            TestData.assessment(r, "ISSUER", "NOT_IMPLEMENTED", "2023-02-01");

            browser.awaitLive();
            browser.await("the write made while the stream was down on the page",
                    d -> "NOT_IMPLEMENTED".equals(browser.js("return document.querySelector(\"#ratings li[data-assessor='ISSUER']\").dataset.status")));
            assertEquals("yes", browser.js("return window.sameDocument"), "recovered in place, not reloaded");
        }
        // the cut connections show as failed loads of the API; nothing else may have gone wrong
        List<String> errors = leaveAndReadConsoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("/api/v1/")), errors.toString());
    }

    /** Leaves the page first, so no later refresh of it logs into the next test. */
    List<String> leaveAndReadConsoleErrors() {
        browser.driver.get("about:blank");
        return browser.consoleErrors();
    }

    String liveState() {
        return (String) browser.js("return document.getElementById('live').dataset.state");
    }

    @Test
    void speaksRussianWhenAskedOrWhenTheBrowserPrefersIt() {
        Map<String, String> ru = Labels.of("ru");
        browser.open(url("/?lang=ru"));
        assertEquals("ru", find("html").getDomAttribute("lang"));
        assertEquals(ru.get("overview.heading"), find("h1").getText());
        assertEquals(ru.get("filters.apply"), find("#filters button[type='submit']").getText());
        assertEquals(ru.get("status.NOT_ASSESSED"), find("#sum-status li[data-status='NOT_ASSESSED'] span:last-child").getText());
        assertNotEquals(Labels.of("en").get("overview.heading"), ru.get("overview.heading"));

        try (Browser russian = Browser.start("ru-RU,ru,en")) {
            russian.open(url("/"));
            assertEquals("ru", russian.driver.findElement(By.cssSelector("html")).getDomAttribute("lang"));
            assertEquals(ru.get("list.heading"), russian.driver.findElement(By.id("list-h")).getText());
            assertEquals(List.of(), russian.consoleErrors());
        }
    }

    @Test
    void fitsAPhoneWithoutSidewaysScrolling() {
        String institution = TestData.institution();
        String report = TestData.report();
        String r = recommendation(report, "Phone-with-a-rather-long-reference", Map.of("addressees", List.of(institution)));
        TestData.assessment(r, "ISSUER", "PARTIALLY_IMPLEMENTED", "2022-01-01");
        TestData.assessment(r, "GOVERNMENT", "FULLY_IMPLEMENTED", "2022-03-01");

        browser.emulateWidth(390, 844);
        for (String page : List.of("/?lang=ru", "/?lang=en", "/ui/recommendations/" + r + "?lang=ru")) {
            browser.open(url(page));
            assertEquals(390L, browser.js("return document.documentElement.clientWidth"), page);
            long scrollWidth = (Long) browser.js("return document.documentElement.scrollWidth");
            assertTrue(scrollWidth <= 390, page + " is " + scrollWidth + " px wide at 390 px");
        }
    }

    @Test
    void printsTheFiguresWithoutTheControls() {
        String report = TestData.report();
        String r = recommendation(report, "Print", Map.of());
        TestData.assessment(r, "ISSUER", "MOSTLY_IMPLEMENTED", "2022-01-01");
        browser.open(url("/?report=" + report));
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            for (String hidden : List.of("#filters", "#live", ".langs", ".pager", "#csv")) {
                assertFalse(find(hidden).isDisplayed(), hidden + " is not printed");
            }
            // the bars' counts, only read out on screen, are printed as text
            WebElement counts = find("#by-report tr[data-key='" + report + "'] .print-only");
            assertTrue(counts.isDisplayed());
            assertEquals("Mostly implemented: 1", counts.getText());
            assertTrue(find("#sum-total").isDisplayed());
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    /**
     * WCAG AA in the rendered page: every visible text against the background it sits on (4.5:1, or
     * 3:1 for large text), computed from the browser's own styles; and every control has a label.
     */
    @Test
    void textMeetsAaContrastAndEveryControlIsLabelled() {
        String institution = TestData.institution();
        String report = TestData.report();
        String r = recommendation(report, "W", Map.of("targetDate", "2020-01-01", "addressees", List.of(institution)));
        TestData.assessment(r, "ISSUER", "FULLY_IMPLEMENTED", "2022-01-01");
        TestData.assessment(r, "ISSUER", "NOT_IMPLEMENTED", "2023-01-01");
        progress(r, institution, "STALLED", "2023-02-01");
        for (String page : List.of("/?lang=en", "/?lang=ru&report=" + report, "/ui/recommendations/" + r + "?lang=en")) {
            browser.open(url(page));
            assertEquals(List.of(), browser.js(CONTRAST), "text below WCAG AA contrast on " + page);
            assertEquals(List.of(), browser.js(UNLABELLED), "controls without a label on " + page);
        }
    }

    static final String CONTRAST = """
            function rgba(text) {
              var m = text.match(/rgba?\\(([^)]+)\\)/); if (!m) return [255, 255, 255, 1];
              var p = m[1].split(',').map(function (x) { return parseFloat(x); });
              return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
            }
            function luminance(c) {
              var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
              return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
            }
            function background(node) {
              for (; node && node.nodeType === 1; node = node.parentElement) {
                var c = rgba(getComputedStyle(node).backgroundColor);
                if (c[3] > 0.5) return c;
              }
              return [255, 255, 255, 1];
            }
            var failures = [];
            var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              var text = walker.currentNode; var node = text.parentElement;
              if (!text.textContent.trim() || !node.getClientRects().length) continue;
              if (node.closest('.sr-only, [hidden], noscript, .skip, canvas')) continue;
              var style = getComputedStyle(node);
              if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
              var fg = luminance(rgba(style.color)); var bg = luminance(background(node));
              var ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
              var size = parseFloat(style.fontSize); var bold = parseInt(style.fontWeight, 10) >= 700;
              var needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
              if (ratio < needed) failures.push(text.textContent.trim().slice(0, 40) + ' ' + ratio.toFixed(2) + ':1');
            }
            return failures.slice(0, 20);
            """;

    static final String UNLABELLED = """
            return Array.prototype.filter.call(document.querySelectorAll('input, select, textarea, button'), function (c) {
              if (c.type === 'hidden') return false;
              var named = (c.labels && c.labels.length) || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby')
                || (c.tagName === 'BUTTON' && c.textContent.trim());
              return !named;
            }).map(function (c) { return c.outerHTML.slice(0, 80); });
            """;
}
