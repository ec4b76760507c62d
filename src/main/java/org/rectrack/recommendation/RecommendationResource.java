package org.rectrack.recommendation;

import java.util.List;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.rectrack.changes.FeedTagged;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.common.MergePatch;
import org.rectrack.common.PageRequest;
import org.rectrack.common.ProblemException;
import org.rectrack.common.QueryValues;
import org.rectrack.common.Responses;
import org.rectrack.recommendation.RecommendationFilter.Criteria;

import com.fasterxml.jackson.databind.JsonNode;

@Path("/api/v1/recommendations")
@Tag(name = "Recommendations", description = "Recommendations with their derived implementation status")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    private final RecommendationService recommendations;

    RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @FeedTagged
    @Operation(operationId = "listRecommendations", summary = "List recommendations, filtered and sorted, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of recommendations", content = @Content(schema = @Schema(implementation = RecommendationPage.class)))
    public Response list(@BeanParam RecommendationFilter filter, @BeanParam PageRequest page, @Context UriInfo uri) {
        QueryValues values = new QueryValues();
        Criteria criteria = filter.criteria(values);
        values.check();
        int limit = page.limit();
        return Responses.page(recommendations.list(criteria, limit, page.cursor(criteria.sortKey())), uri);
    }

    @GET
    @Path("{reference}")
    @Operation(operationId = "getRecommendation", summary = "Read one recommendation with its status, latest assessments and latest progress")
    @APIResponse(responseCode = "200", description = "The recommendation", content = @Content(schema = @Schema(implementation = RecommendationView.class)))
    public Response get(@PathParam("reference") String reference) {
        return Responses.item(recommendations.find(reference)
                .orElseThrow(() -> ProblemException.notFound("recommendation", reference)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createRecommendation", summary = "Add a recommendation to a report")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = RecommendationView.class)))
    public Response create(@Valid @NotNull RecommendationInput input, @Context UriInfo uri) {
        return Responses.created(uri, input.reference(), recommendations.create(input));
    }

    @PATCH
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
    public record RecommendationPage(List<RecommendationView> items, String next) {
    }
}
