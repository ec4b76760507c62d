package org.rectrack.recommendation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.rectrack.common.QueryValues;

/** The query parameters that select recommendations, as the client wrote them. */
public class RecommendationFilter {

    @QueryParam("report")
    @Parameter(description = "Reference of the report")
    public String report;

    @QueryParam("country")
    @Parameter(description = "ISO 3166-1 alpha-2 code of the report's country")
    public String country;

    @QueryParam("status")
    @Parameter(description = "Implementation status; repeat the parameter (or separate with commas) for several",
            schema = @Schema(type = SchemaType.ARRAY, implementation = ImplementationStatus.class))
    public List<String> status;

    @QueryParam("priority")
    @Parameter(schema = @Schema(type = SchemaType.BOOLEAN))
    public String priority;

    @QueryParam("theme")
    @Parameter(description = "Theme code")
    public String theme;

    @QueryParam("addressee")
    @Parameter(description = "Institution code")
    public String addressee;

    @QueryParam("response")
    @Parameter(schema = @Schema(implementation = StateResponse.class))
    public String response;

    @QueryParam("overdue")
    @Parameter(schema = @Schema(type = SchemaType.BOOLEAN))
    public String overdue;

    @QueryParam("q")
    @Parameter(description = "Case-insensitive text to find in the reference or text (at most 200 characters)")
    public String q;

    @QueryParam("updatedSince")
    @Parameter(description = "Only those changed at or after this UTC timestamp or date", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    public String updatedSince;

    @QueryParam("archived")
    @Parameter(description = "false (default): current ones; true: archived ones; any: both",
            schema = @Schema(enumeration = {"false", "true", "any"}))
    public String archived;

    @QueryParam("sort")
    @Parameter(description = "reference (default), number, targetDate or updatedAt; prefix with - for descending",
            schema = @Schema(enumeration = {"reference", "-reference", "number", "-number", "targetDate", "-targetDate", "updatedAt", "-updatedAt"}))
    public String sort;

    /** Validated criteria as seen on {@code today}, or a 400 naming every bad parameter. */
    public Criteria criteria(QueryValues values, LocalDate today) {
        String sortName = values.choice("sort", sort, RecommendationSort.NAMES, "reference", s -> s);
        return new Criteria(
                values.text("report", report, 64),
                values.country("country", country),
                values.enumValues("status", status, ImplementationStatus.class),
                values.bool("priority", priority),
                values.text("theme", theme, 64),
                values.text("addressee", addressee, 64),
                values.enumValue("response", response, StateResponse.class),
                values.bool("overdue", overdue),
                values.text("q", q, 200),
                values.instant("updatedSince", updatedSince),
                values.choice("archived", archived, List.of("false", "true", "any"), Boolean.FALSE,
                        v -> v.equals("any") ? null : Boolean.valueOf(v)),
                RecommendationSort.named(sortName.replace("-", "")),
                sortName.startsWith("-"),
                today);
    }

    /** What to select and in which order; {@code archived} null means archived or not. */
    public record Criteria(String report, String country, List<ImplementationStatus> statuses, Boolean priority,
                           String theme, String addressee, StateResponse response, Boolean overdue, String q,
                           Instant updatedSince, Boolean archived, RecommendationSort sort, boolean descending,
                           LocalDate today) {

        String sortKey() {
            return (descending ? "-" : "") + sort.name;
        }
    }
}
