package org.rectrack.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The built-in dashboard's two HTML pages, {@code /} (also {@code /ui/}) and
 * {@code /ui/recommendations/{reference}}. They are shells: labels in the caller's language and the
 * script that fills them from the public API ({@code /api/v1}, anonymous GETs). Plain Vert.x routes,
 * not JAX-RS, so they stay out of the OpenAPI document, which describes the JSON API only.
 */
@ApplicationScoped
public class DashboardPages {

    /**
     * Scripts and styles only from this origin and never inline, so an injected tag or attribute runs
     * nothing; the chart library sets styles through the CSSOM, which this policy allows.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** A recommendation reference as the contract allows it; anything else is not a page of ours. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "ru", "Русский");

    /** The chart library, from its webjar through the web dependency locator (no version in the path). */
    private static final String CHART_STYLES = "<link rel=\"stylesheet\" href=\"/webjars/uplot/dist/uPlot.min.css\">";
    private static final String CHART_SCRIPT = "<script src=\"/webjars/uplot/dist/uPlot.iife.min.js\" defer></script>";

    private final PageTemplate layout = PageTemplate.load("dashboard/layout.html");
    private final PageTemplate overview = PageTemplate.load("dashboard/overview.html");
    private final PageTemplate recommendation = PageTemplate.load("dashboard/recommendation.html");
    private final ObjectMapper mapper;

    DashboardPages(ObjectMapper mapper) {
        this.mapper = mapper;
        // every page in every language once, so a label missing from a bundle stops the start
        for (String language : Labels.LANGUAGES) {
            html(overview, "overview", language, "", List.of());
            html(recommendation, "recommendation", language, "X-1", List.of());
        }
    }

    void install(@Observes Router router) {
        router.routeWithRegex("/|/ui/?").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(context -> render(context, overview, "overview", ""));
        router.route("/ui/recommendations/:reference").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(context -> {
                    String reference = context.pathParam("reference");
                    if (reference == null || !REFERENCE.matcher(reference).matches()) {
                        context.next(); // the ordinary 404 problem
                    } else {
                        render(context, recommendation, "recommendation", reference);
                    }
                });
    }

    private void render(RoutingContext context, PageTemplate template, String page, String reference) {
        String language = language(context);
        String html = html(template, page, language, reference, languageLinks(context, language));
        context.response().setStatusCode(200)
                .putHeader("Content-Type", "text/html; charset=UTF-8")
                .putHeader("Content-Language", language)
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Vary", "Accept-Language")
                .end(html);
    }

    String html(PageTemplate template, String page, String language, String reference, List<LanguageLink> links) {
        Map<String, String> labels = Labels.of(language);
        Map<String, String> values = Map.of("lang", language, "page", page, "reference", reference,
                "labelsJson", json(labels),
                "title", reference.isEmpty() ? labels.get("app.title") : reference + " · " + labels.get("app.title"));
        boolean chart = page.equals("overview");
        String main = template.render(labels, values, Map.of());
        return layout.render(labels, values, Map.of("main", main, "languages", languageList(links),
                "styles", chart ? CHART_STYLES : "", "scripts", chart ? CHART_SCRIPT : ""));
    }

    private static String languageList(List<LanguageLink> links) {
        StringBuilder html = new StringBuilder("<ul>");
        for (LanguageLink link : links) {
            html.append("<li><a href=\"").append(PageTemplate.escape(link.href())).append("\" hreflang=\"")
                    .append(link.code()).append("\" lang=\"").append(link.code()).append("\" data-lang-link=\"")
                    .append(link.code()).append('"').append(link.current() ? " aria-current=\"true\"" : "").append('>')
                    .append(PageTemplate.escape(link.name())).append("</a></li>");
        }
        return html.append("</ul>").toString();
    }

    /** {@code ?lang=} when it names a language we speak, else the first such in Accept-Language, else English. */
    static String language(RoutingContext context) {
        String asked = context.queryParams().get("lang");
        if (asked != null && Labels.LANGUAGES.contains(asked.toLowerCase(Locale.ROOT))) {
            return asked.toLowerCase(Locale.ROOT);
        }
        for (LanguageHeader header : context.acceptableLanguages()) {
            String tag = header.tag() == null ? "" : header.tag().toLowerCase(Locale.ROOT);
            if (header.weight() > 0 && Labels.LANGUAGES.contains(tag)) {
                return tag;
            }
        }
        return Labels.LANGUAGES.get(0);
    }

    /** A link to this same view in each language: the query as it came, with {@code lang} replaced. */
    private static List<LanguageLink> languageLinks(RoutingContext context, String current) {
        String query = context.request().query();
        StringBuilder kept = new StringBuilder();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !pair.equals("lang") && !pair.startsWith("lang=")) {
                    kept.append(pair).append('&');
                }
            }
        }
        List<LanguageLink> links = new ArrayList<>();
        for (String language : Labels.LANGUAGES) {
            links.add(new LanguageLink(language, LANGUAGE_NAMES.get(language),
                    context.request().path() + "?" + kept + "lang=" + language, language.equals(current)));
        }
        return links;
    }

    private String json(Map<String, String> labels) {
        try {
            return mapper.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One entry of the language switch. */
    record LanguageLink(String code, String name, String href, boolean current) {
    }
}
