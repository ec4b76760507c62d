package org.rectrack.recommendation;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.changes.FeedTagged;
import org.rectrack.common.MergePatch;
import org.rectrack.common.PageRequest;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemType;
import org.rectrack.common.QueryValues;
import org.rectrack.common.Responses;
import org.rectrack.common.ServiceClock;
import org.rectrack.recommendation.RecommendationFilter.Criteria;
import org.rectrack.common.Role;

import com.fasterxml.jackson.databind.JsonNode;

@Path("/api/v1/recommendations")
@Tag(name = "Recommendations", description = "Recommendations with their derived implementation status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class RecommendationResource {

    private static final MediaType CSV = MediaType.valueOf(RecommendationCsv.MEDIA_TYPE);
    private static final MediaType NDJSON = MediaType.valueOf(RecommendationExport.NDJSON);
    private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON_TYPE, CSV, NDJSON);

    private final RecommendationService recommendations;
    private final RecommendationExport export;
    private final ServiceClock clock;

    RecommendationResource(RecommendationService recommendations, RecommendationExport export, ServiceClock clock) {
        this.recommendations = recommendations;
        this.export = export;
        this.clock = clock;
    }

    // The exports rank below JSON (qs), so a client that accepts anything gets the JSON page.
    @GET
    @FeedTagged
    @Produces({MediaType.APPLICATION_JSON, RecommendationCsv.MEDIA_TYPE + ";qs=0.5", RecommendationExport.NDJSON + ";qs=0.5"})
    @Operation(operationId = "listRecommendations", summary = "List recommendations, filtered and sorted, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of recommendations. With `Accept: text/csv` or "
            + "`Accept: application/x-ndjson`: every matching recommendation, unpaged and streamed (`limit` and `cursor` "
            + "are ignored), as an attachment", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecommendationPage.class)),
            @Content(mediaType = RecommendationCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                    description = "RFC 4180 CSV in UTF-8 with a header row: the columns POST /api/v1/imports reads "
                            + "(reference, report, number, text, priority, themes, addressees, targetDate, response, "
                            + "repeats, archived; themes and addressees separated by ';'), then the read-only "
                            + "status, statusAssessedOn, overdue, version, updatedAt"),
                    example = "reference,report,number,text,priority,themes,addressees,targetDate,response,repeats,archived,"
                            + "status,statusAssessedOn,overdue,version,updatedAt\r\n"
                            + "KZ-2021-PARL-R07,KZ-2021-PARL,7,\"Review the law, in consultation\",true,legal-framework;media,kz-cec,"
                            + "2023-12-31,SUPPORTED,,false,PARTIALLY_IMPLEMENTED,2023-06-20,true,4,2024-01-15T09:30:00Z\r\n"),
            @Content(mediaType = RecommendationExport.NDJSON, schema = @Schema(implementation = RecommendationView.class,
                    description = "One recommendation per line, each as an item of the JSON list"))})
    public Response list(@BeanParam RecommendationFilter filter, @BeanParam PageRequest page, @Context UriInfo uri,
                         @Context HttpHeaders headers) {
        QueryValues values = new QueryValues();
        Criteria criteria = filter.criteria(values, clock.today());
        values.check();
        MediaType type = negotiated(headers);
        if (!type.equals(MediaType.APPLICATION_JSON_TYPE)) {
            return export(criteria, type);
        }
        int limit = page.limit();
        // named, because for a wildcard such as application/* Quarkus REST would pick an export's type
        return Response.fromResponse(Responses.page(recommendations.list(criteria, limit,
                page.cursor(criteria.sortKey())), uri)).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    /** The whole selection, unpaged and streamed, as an attachment. */
    private Response export(Criteria criteria, MediaType type) {
        boolean csv = type.equals(CSV);
        return Response.ok(csv ? export.csv(criteria) : export.ndjson(criteria),
                        csv ? RecommendationCsv.MEDIA_TYPE + "; charset=UTF-8" : RecommendationExport.NDJSON)
                .header("Content-Disposition", "attachment; filename=\"recommendations." + (csv ? "csv" : "ndjson") + "\"")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .build();
    }

    /**
     * The first of the list's media types the client accepts, in the client's order of preference;
     * a wildcard means the JSON page. A type whose most specific matching range has {@code q=0} is
     * refused (RFC 9110, 12.5.1): when nothing else is left, that is a 406.
     */
    private static MediaType negotiated(HttpHeaders headers) {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        for (MediaType range : accepted) {
            for (MediaType offered : OFFERED) {
                if (range.isCompatible(offered) && quality(offered, accepted) > 0) {
                    return offered;
                }
            }
        }
        throw ProblemType.ofStatus(Response.Status.NOT_ACCEPTABLE.getStatusCode())
                .problem("None of the accepted media types can be produced");
    }

    /** The q value the most specific range that matches {@code offered} gives it; 0 when none matches. */
    private static double quality(MediaType offered, List<MediaType> accepted) {
        MediaType best = null;
        for (MediaType range : accepted) {
            if (range.isCompatible(offered) && (best == null || specificity(range) > specificity(best))) {
                best = range;
            }
        }
        if (best == null) {
            return 0;
        }
        String q = best.getParameters().get("q");
        try {
            return q == null ? 1 : Double.parseDouble(q.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }

    @GET
    @FeedTagged
    @Path("{reference}")
    @Operation(operationId = "getRecommendation", summary = "Read one recommendation with its status, latest assessments and latest progress")
    @APIResponse(responseCode = "200", description = "The recommendation", content = @Content(schema = @Schema(implementation = RecommendationView.class)))
    public Response get(@PathParam("reference") String reference) {
        return Responses.item(recommendations.find(reference)
                .orElseThrow(() -> ProblemException.notFound("recommendation", reference)));
    }

    @POST
    @RolesAllowed(Role.EDIT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createRecommendation", summary = "Add a recommendation to a report")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = RecommendationView.class)))
    public Response create(@Valid @NotNull RecommendationInput input, @Context UriInfo uri) {
        return Responses.created(uri, input.reference(), recommendations.create(input));
    }

    @PATCH
    @RolesAllowed(Role.EDIT)
    @Path("{reference}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchRecommendation", summary = "Change or archive a recommendation (JSON merge patch)")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = RecommendationInput.class)))
    @APIResponse(responseCode = "200", description = "The changed recommendation", content = @Content(schema = @Schema(implementation = RecommendationView.class)))
    public Response patch(@PathParam("reference") String reference, @HeaderParam("If-Match") String ifMatch,
                          JsonNode patch) {
        return Responses.item(recommendations.patch(reference, ifMatch, patch));
    }

    @Schema(name = "RecommendationPage")
    public record RecommendationPage(List<RecommendationView> items,
            @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
    }
}
