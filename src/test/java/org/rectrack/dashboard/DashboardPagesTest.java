package org.rectrack.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The dashboard's pages over HTTP: headers, language choice, and what a page may not contain. */
@QuarkusTest
class DashboardPagesTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    @Test
    void shouldServeEveryPageWithItsSecurityHeaders() {
        for (String path : new String[] {"/", "/ui/", "/ui", "/ui/recommendations/KZ-2021-PARL-R07"}) {
            Response page = given().get(path);
            page.then().statusCode(200)
                    .contentType(startsWith("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("Content-Security-Policy", not(containsString("unsafe-eval")))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer");
            String html = page.asString();
            assertFalse(INLINE_SCRIPT.matcher(html).find(), path + " has an inline script");
            assertFalse(INLINE_HANDLER.matcher(html).find(), path + " has an inline event handler");
            assertFalse(STYLE_ATTRIBUTE.matcher(html).find(), path + " has a style attribute");
            assertFalse(html.contains("rtk_") || html.toLowerCase().contains("bearer"), path + " mentions a key");
        }
    }

    @Test
    void shouldSpeakTheLanguageAskedForThenTheBrowsersThenEnglish() {
        given().get("/").then().header("Content-Language", "en").body(containsString("<html lang=\"en\">"));
        given().header("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8").get("/").then()
                .header("Content-Language", "ru").body(containsString("<html lang=\"ru\">"))
                .body(containsString(Labels.of("ru").get("overview.heading")));
        given().header("Accept-Language", "de-DE,ru;q=0.5").get("/").then().header("Content-Language", "ru");
        given().header("Accept-Language", "ru;q=0,en").get("/").then().header("Content-Language", "en");
        given().header("Accept-Language", "ru").queryParam("lang", "en").get("/").then()
                .header("Content-Language", "en").body(containsString(Labels.of("en").get("overview.heading")));
        given().queryParam("lang", "RU").get("/ui/recommendations/X-1").then().header("Content-Language", "ru");
        given().queryParam("lang", "xx").get("/").then().header("Content-Language", "en");
    }

    @Test
    void shouldLinkEachLanguageToTheSameView() {
        String html = given().queryParam("report", "KZ-2021-PARL").queryParam("lang", "en").get("/").asString();
        assertTrue(html.contains("href=\"/?report=KZ-2021-PARL&amp;lang=ru\""), "the Russian link keeps the filter");
        assertTrue(html.contains("href=\"/?report=KZ-2021-PARL&amp;lang=en\" hreflang=\"en\" lang=\"en\" data-lang-link=\"en\" aria-current=\"true\""));
    }

    @Test
    void shouldEscapeTheReferenceItShows() {
        // only references the contract allows make a page; anything else is the ordinary 404 problem
        given().urlEncodingEnabled(false).get("/ui/recommendations/%3Cscript%3E").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/ui/recommendations/A.b_c-1").then().statusCode(200)
                .body(containsString("data-reference=\"A.b_c-1\""));
    }

    @Test
    void shouldAnswerHeadLikeGetWithoutABody() {
        given().head("/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
    }

    @Test
    void shouldServeTheScriptsStylesAndChartLibraryAsTheirOwnTypes() {
        given().get("/ui/dashboard.js").then().statusCode(200).contentType(startsWith("text/javascript"))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/ui/dashboard.css").then().statusCode(200).contentType(startsWith("text/css"))
                .header("X-Content-Type-Options", "nosniff");
        // the web dependency locator serves the webjar without its version in the path
        given().get("/webjars/uplot/dist/uPlot.iife.min.js").then().statusCode(200)
                .contentType(startsWith("text/javascript")).header("X-Content-Type-Options", "nosniff");
        given().get("/webjars/uplot/dist/uPlot.min.css").then().statusCode(200);
    }

    @Test
    void shouldLeaveOtherRoutesToTheProblemCatalogue() {
        given().get("/ui/nope").then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
        given().get("/index.html").then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void shouldKeepThePagesOutOfTheOpenApiDocument() {
        String document = given().accept("application/yaml").get("/q/openapi").asString();
        assertFalse(document.contains("/ui/"), "the OpenAPI document describes the JSON API only");
    }
}
