package org.rectrack.example;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.rectrack.client.ApiClient;
import org.rectrack.client.ApiException;
import org.rectrack.client.ApiResponse;
import org.rectrack.client.api.AssessmentsApi;
import org.rectrack.client.api.InstitutionsApi;
import org.rectrack.client.api.RecommendationsApi;
import org.rectrack.client.api.ReportsApi;
import org.rectrack.client.api.ThemesApi;
// the whole generated model, so a schema that replaces another needs no new import
import org.rectrack.client.model.*;

/**
 * What a partner system does with the client generated from openapi.yaml: page through a list, create
 * items, change one with a conditional merge patch, revalidate a cached copy, read problems and send a
 * bulk request. Every answer is checked; anything unexpected ends the program with an exception (and
 * so a non-zero exit status).
 *
 * <p>Usage: {@code Example <base-url>}, e.g. {@code http://127.0.0.1:8080}. If the environment has
 * {@code RECTRACK_API_KEY}, it is sent as a bearer token.
 */
public final class Example {

    private static final String INSTITUTION = "example-election-commission";
    private static final String THEME = "election-administration";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper mapper;
    private final RecommendationsApi recommendations;
    private final ReportsApi reports;
    private final InstitutionsApi institutions;
    private final ThemesApi themes;
    private final AssessmentsApi assessments;
    /** Unique per run, so the example can run again against the same database. */
    private final String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);

    private Example(String baseUrl) {
        mapper = ApiClient.createDefaultObjectMapper();
        ApiClient client = new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)), mapper, baseUrl);
        client.setReadTimeout(Duration.ofSeconds(30));
        String apiKey = System.getenv("RECTRACK_API_KEY");
        if (apiKey != null && !apiKey.isBlank()) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + apiKey));
        }
        recommendations = new RecommendationsApi(client);
        reports = new ReportsApi(client);
        institutions = new InstitutionsApi(client);
        themes = new ThemesApi(client);
        assessments = new AssessmentsApi(client);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Example <base-url>, e.g. http://127.0.0.1:8080");
        }
        new Example(args[0]).run();
        System.out.println("OK: every step answered as expected");
    }

    private void run() throws Exception {
        String report = "EX-" + run;
        String reference = report + "-R01";

        step("code lists: create the institution and theme if they are missing");
        ensureInstitution();
        ensureTheme();

        step("create a report and a recommendation in it");
        ApiResponse<Report> createdReport = reports.createReportWithHttpInfo(new ReportInput()
                .reference(report).title("Example report " + run).issuer("rectrack example")
                .country("KZ").kind("final report").electionDate(LocalDate.of(2024, 3, 10)), newIdempotencyKey());
        expect(createdReport.getStatusCode() == 201, "report: 201, got " + createdReport.getStatusCode());
        ApiResponse<Recommendation> created = recommendations.createRecommendationWithHttpInfo(new RecommendationInput()
                .reference(reference).report(report).number(1).priority(true)
                .text("Complaints should be decided in public sessions within clear deadlines.")
                .themes(List.of(THEME)).addressees(List.of(INSTITUTION)).targetDate(LocalDate.of(2027, 12, 31)),
                newIdempotencyKey());
        expect(created.getStatusCode() == 201, "recommendation: 201, got " + created.getStatusCode());
        String etag = header(created, "ETag");
        System.out.printf("created %s (Location %s, ETag %s)%n", reference, header(created, "Location"), etag);

        step("list recommendations, following the cursor to the end");
        listAll(reference);

        step("revalidate with If-None-Match: an unchanged item is 304, not an error");
        expect(revalidate(reference, etag) == null, "the item did not change, so the tag still matches");
        System.out.println("304: not modified, keep the cached copy");

        step("change it with a merge patch and If-Match");
        // RecommendationPatch has no defaults and no required fields: only what is set here is sent.
        var patch = new RecommendationPatch();
        patch.targetDate(LocalDate.of(2027, 6, 30));
        System.out.println("PATCH body: " + mapper.writeValueAsString(patch));
        ApiResponse<Recommendation> patched = recommendations.patchRecommendationWithHttpInfo(reference, etag, patch);
        Recommendation after = patched.getData();
        String newEtag = header(patched, "ETag");
        expect(patched.getStatusCode() == 200, "patch: 200, got " + patched.getStatusCode());
        expect(LocalDate.of(2027, 6, 30).equals(after.getTargetDate()), "the new target date, got " + after.getTargetDate());
        // The fields the patch did not set were not sent, so they kept their values.
        expect(Boolean.TRUE.equals(after.getPriority()), "priority kept");
        expect(List.of(THEME).equals(after.getThemes()), "themes kept, got " + after.getThemes());
        expect(List.of(INSTITUTION).equals(after.getAddressees()), "addressees kept, got " + after.getAddressees());
        expect(!newEtag.equals(etag), "a new ETag after the change");
        System.out.printf("patched targetDate, ETag %s -> %s, priority/themes/addressees kept%n", etag, newEtag);

        step("revalidate the old tag: the item changed, so a fresh copy comes back");
        Recommendation fresh = revalidate(reference, etag);
        expect(fresh != null && LocalDate.of(2027, 6, 30).equals(fresh.getTargetDate()), "200 with the changed item");
        System.out.println("200: modified, targetDate " + fresh.getTargetDate());

        step("problems: read application/problem+json into the generated Problem");
        // the same patch again with the tag read before the change: someone else's write would look the same
        Problem stale = expectProblem(412, () -> recommendations.patchRecommendationWithHttpInfo(reference, etag, patch));
        print(stale);
        Problem missing = expectProblem(404, () -> recommendations.getRecommendationWithHttpInfo("NO-SUCH-" + run, null));
        print(missing);
        Problem invalid = expectProblem(400, () -> reports.createReportWithHttpInfo(new ReportInput()
                .reference(report + "-BAD").title(" ").issuer("rectrack example").country("XX"), null));
        print(invalid);
        expect(invalid.getErrors() != null && invalid.getErrors().stream().map(FieldError::getField).toList()
                .containsAll(List.of("title", "country")), "the errors name title and country");

        step("bulk: two assessments in one request, one deliberately bad; 207 with one result each");
        AssessmentResults results = bulk(reference);
        for (AssessmentResult result : results.getResults()) {
            System.out.printf("item %d: %d %s%n", result.getIndex(), result.getStatus(), result.getCreated() != null
                    ? "created assessment " + result.getCreated().getId()
                    : result.getProblem().getType() + " " + result.getProblem().getDetail());
        }
        Recommendation assessed = recommendations.getRecommendation(reference, null);
        expect(assessed.getStatus() == ImplementationStatus.PARTIALLY_IMPLEMENTED,
                "the issuer's assessment sets the status, got " + assessed.getStatus());
        System.out.println("status now " + assessed.getStatus());
    }

    private void ensureInstitution() throws ApiException {
        if (exists(() -> institutions.getInstitutionWithHttpInfo(INSTITUTION, null))) {
            System.out.println("institution " + INSTITUTION + " exists");
            return;
        }
        institutions.createInstitution(new InstitutionInput().code(INSTITUTION).name("Example election commission")
                .country("KZ").kind(InstitutionKind.ELECTION_ADMINISTRATION), newIdempotencyKey());
        System.out.println("institution " + INSTITUTION + " created");
    }

    private void ensureTheme() throws ApiException {
        if (exists(() -> themes.getThemeWithHttpInfo(THEME, null))) {
            System.out.println("theme " + THEME + " exists");
            return;
        }
        themes.createTheme(new ThemeInput().code(THEME).label("Election administration"), newIdempotencyKey());
        System.out.println("theme " + THEME + " created");
    }

    /** Pages through every current recommendation; the one just created must be seen exactly once. */
    private void listAll(String created) throws ApiException {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            RecommendationPage page = recommendations.listRecommendations(RecommendationsApi.APIListRecommendationsRequest
                    .newBuilder().limit(7).cursor(cursor).build());
            pages++;
            for (Recommendation item : page.getItems()) {
                expect(seen.add(item.getReference()), "no item twice, but " + item.getReference() + " came again");
            }
            cursor = page.getNext();
            expect(pages <= 100_000, "the cursor ends");
        } while (cursor != null);
        expect(seen.contains(created), "the list holds " + created);
        System.out.printf("%d recommendations in %d pages of at most 7%n", seen.size(), pages);
    }

    /**
     * A conditional GET. The generated client reports every status outside 2xx as an ApiException,
     * 304 included; here 304 is the ordinary "not modified" answer (null: keep what you have).
     */
    private Recommendation revalidate(String reference, String etag) throws ApiException {
        try {
            ApiResponse<Recommendation> answer = recommendations.getRecommendationWithHttpInfo(reference, etag);
            expect(answer.getStatusCode() == 200, "200 or 304, got " + answer.getStatusCode());
            return answer.getData();
        } catch (ApiException e) {
            if (e.getCode() == 304) {
                return null;
            }
            throw e;
        }
    }

    private AssessmentResults bulk(String reference) throws ApiException {
        List<BulkAssessment> items = List.of(
                new BulkAssessment().recommendation(reference).status(ImplementationStatus.PARTIALLY_IMPLEMENTED)
                        .rawStatus("partially implemented").assessorType(AssessorType.ISSUER)
                        .assessorName("rectrack example").assessedOn(LocalDate.of(2024, 3, 1)).source("Example follow-up"),
                new BulkAssessment().recommendation("NO-SUCH-" + run).status(ImplementationStatus.FULLY_IMPLEMENTED)
                        .assessorType(AssessorType.ISSUER).assessedOn(LocalDate.of(2024, 3, 1)));
        ApiResponse<AssessmentResults> answer = assessments.addAssessmentsWithHttpInfo(items, newIdempotencyKey());
        AssessmentResults results = answer.getData();
        expect(answer.getStatusCode() == 207, "207, got " + answer.getStatusCode());
        expect(results.getResults().size() == 2, "one result per item");
        AssessmentResult good = results.getResults().get(0);
        AssessmentResult bad = results.getResults().get(1);
        expect(good.getIndex() == 0 && good.getStatus() == 201 && good.getCreated() != null, "item 0 created");
        expect(bad.getIndex() == 1 && bad.getStatus() == 404 && bad.getProblem() != null
                && bad.getProblem().getStatus() == 404, "item 1 is a 404 problem");
        expect(results.getSucceeded() == 1 && results.getFailed() == 1, "1 succeeded, 1 failed");
        return results;
    }

    /** Runs a call that must fail with {@code status}, and reads its problem+json body. */
    private Problem expectProblem(int status, Call call) throws IOException {
        try {
            call.run();
        } catch (ApiException e) {
            expect(e.getCode() == status, "status " + status + ", got " + e.getCode() + ": " + e.getResponseBody());
            String type = e.getResponseHeaders().firstValue("Content-Type").orElse("");
            expect(type.startsWith(PROBLEM_JSON), "a " + PROBLEM_JSON + " body, got '" + type + "'");
            Problem problem = mapper.readValue(e.getResponseBody(), Problem.class);
            expect(Objects.equals(problem.getStatus(), status), "the problem repeats the status");
            return problem;
        }
        throw new IllegalStateException("expected " + status + ", but the call succeeded");
    }

    private static boolean exists(Call get) throws ApiException {
        try {
            get.run();
            return true;
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static void print(Problem problem) {
        System.out.printf("%d %s: %s%n", problem.getStatus(), problem.getType(), problem.getDetail());
        if (problem.getErrors() != null) {
            for (FieldError error : problem.getErrors()) {
                System.out.printf("  %s %s%n", error.getField(), error.getMessage());
            }
        }
    }

    private static String header(ApiResponse<?> response, String name) {
        List<String> values = response.getHeaders().get(name);
        expect(values != null && values.size() == 1, "one " + name + " header");
        return values.get(0);
    }

    private static String newIdempotencyKey() {
        return UUID.randomUUID().toString();
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("unexpected answer: expected " + what);
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws ApiException;
    }
}
