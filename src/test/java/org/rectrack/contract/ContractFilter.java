package org.rectrack.contract;

import java.util.List;
import java.util.stream.Collectors;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks every answer a REST Assured test receives against openapi.yaml and fails the test that sent the
 * request when the two differ. Installed for every @QuarkusTest by {@link ContractCallbacks}; switched off
 * with {@code -Drectrack.contract.validate=false}, made to count without failing with {@code =report}.
 */
public final class ContractFilter implements Filter {

    public static final ContractFilter INSTANCE = new ContractFilter();

    private ContractFilter() {
    }

    public static boolean enabled() {
        return !"false".equalsIgnoreCase(mode());
    }

    /** {@code report}: check and count every answer, but fail no test, so one run lists every mismatch. */
    static boolean failing() {
        return !"report".equalsIgnoreCase(mode());
    }

    private static String mode() {
        return System.getProperty("rectrack.contract.validate", "true");
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        if (!enabled()) {
            return response;
        }
        ResponseCheck.Answer answer = new ResponseCheck.Answer(request.getMethod(), request.getURI(),
                response.statusCode(), response.contentType(), response::header, response.asString());
        List<ResponseCheck.Mismatch> mismatches = record("suite", answer);
        if (!mismatches.isEmpty() && failing()) {
            throw new AssertionError("The answer to " + request.getMethod() + " " + ResponseCheck.rawPath(request.getURI())
                    + " differs from openapi.yaml:\n  " + mismatches.stream().map(Object::toString)
                            .collect(Collectors.joining("\n  ")));
        }
        return response;
    }

    /** Checks one answer and counts it; the fuzz uses this too. Gives the mismatches found. */
    public static List<ResponseCheck.Mismatch> record(String source, ResponseCheck.Answer answer) {
        ResponseCheck.Outcome outcome = ResponseCheck.check(answer);
        if (outcome.operation().isEmpty()) {
            ContractReport.count("skipped");
            ContractReport.count("skip " + outcome.skipReason() + ": " + answer.method() + " "
                    + ResponseCheck.rawPath(answer.uri()).replaceAll("/[^/]*[0-9a-f]{8}[^/]*", "/{…}"));
            return List.of();
        }
        ContractReport.count("validated");
        if (!source.equals("suite")) {
            ContractReport.count("validated by " + source);
        }
        ContractReport.count("operation " + outcome.operation().get().id() + " " + answer.status());
        if (!outcome.mismatches().isEmpty()) {
            ContractReport.count("failed");
            String example = answer.method() + " " + abbreviate(answer.uri(), 200) + " -> " + answer.status() + " "
                    + answer.contentType() + " " + abbreviate(answer.body(), 300);
            outcome.mismatches().forEach(m -> ContractReport.mismatch(source, m, example));
        }
        return outcome.mismatches();
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
