package org.rectrack.webhook;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.common.Keys;
import org.rectrack.common.MergePatch;
import org.rectrack.common.PageRequest;
import org.rectrack.common.ProblemException;
import org.rectrack.common.Responses;
import org.rectrack.common.Role;

import com.fasterxml.jackson.databind.JsonNode;

@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed delivery of change-feed events to partner systems (admin)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMINISTER)
public class WebhookResource {

    private final WebhookService webhooks;

    WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List the webhooks, in the order they were registered (without their secrets)")
    @APIResponse(responseCode = "200", description = "A page of webhooks", content = @Content(schema = @Schema(implementation = WebhookPage.class)))
    public Response list(@BeanParam PageRequest page, @Context UriInfo uri) {
        int limit = page.limit();
        return Responses.page(webhooks.list(limit, page.cursor("id")), uri);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Read one webhook, without its secret")
    @APIResponse(responseCode = "200", description = "The webhook", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public Response get(@PathParam("id") String id) {
        return Responses.item(webhooks.find(parse(id)).orElseThrow(() -> notFound(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Register a webhook; its signing secret is in this answer and nowhere else",
            description = "Every change-feed event of the chosen types that passes the filter is POSTed to `url` as JSON "
                    + "(`{seq, type, action, key, at, data}`), signed as Standard Webhooks does (`webhook-id`, `webhook-timestamp`, "
                    + "`webhook-signature`). At least once, in `seq` order; only 2xx counts. The URL must resolve to public addresses "
                    + "(400 naming `url` otherwise). Copy `secret` from this answer: it cannot be shown again.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = NewWebhook.class)))
    public Response create(@Valid @NotNull WebhookInput input, @Context UriInfo uri) {
        NewWebhook created = webhooks.create(input);
        return Responses.created(uri, Long.toString(created.webhook().id()), created);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchWebhook", summary = "Change a webhook (JSON merge patch); `{\"active\": true}` enables a disabled one")
    @RequestBody(content = @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = WebhookInput.class)))
    @APIResponse(responseCode = "200", description = "The changed webhook", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        return Responses.item(webhooks.patch(parse(id), ifMatch, patch));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook: nothing more is sent to it, also not what it is still owed")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(parse(id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Give a webhook a new secret; the old one keeps signing for a grace period",
            description = "Answers 200 with the webhook and its new secret, shown this once. Until `previousSecretValidUntil` "
                    + "(rectrack.webhooks.rotation-grace after the rotation) every delivery carries two signatures, one per "
                    + "secret, separated by a space: a receiver that verifies either can switch secrets at its own pace.")
    @APIResponse(responseCode = "200", description = "The webhook with its new secret", content = @Content(schema = @Schema(implementation = NewWebhook.class)))
    public Response rotateSecret(@PathParam("id") String id) {
        return Responses.item(webhooks.rotateSecret(parse(id)));
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log: each event sent (or owed) to the webhook, newest first, "
            + "with every attempt (time, status code, duration, error)")
    @APIResponse(responseCode = "200", description = "A page of deliveries", content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    public Response deliveries(@PathParam("id") String id, @BeanParam PageRequest page, @Context UriInfo uri) {
        long webhook = parse(id);
        int limit = page.limit();
        return Responses.page(webhooks.deliveries(webhook, limit, page.cursor("delivery")), uri);
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Send one event again",
            description = "Queues the delivery again, due now, with the whole retry schedule ahead; it goes before the webhook's "
                    + "later events. Answers 202 with the delivery as queued; its attempts show in the log. A disabled webhook "
                    + "answers 409: enable it first.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public Response retry(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        long webhook = parse(id);
        long delivery = Keys.idOrNotFound(deliveryId, "delivery");
        return Response.accepted(webhooks.retry(webhook, delivery)).build();
    }

    private static long parse(String id) {
        return Keys.idOrNotFound(id, "webhook");
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("webhook", Keys.shown(id));
    }

    @Schema(name = "WebhookPage")
    public record WebhookPage(List<WebhookView> items,
            @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
    }

    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(List<DeliveryView> items,
            @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
    }
}
