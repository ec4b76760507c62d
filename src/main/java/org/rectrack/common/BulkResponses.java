package org.rectrack.common;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.rectrack.common.Bulk.Outcome;
import org.rectrack.common.Bulk.Result;

/** Turns the outcomes of a bulk request into its 207 Multi-Status answer. */
public final class BulkResponses {

    public static final int MULTI_STATUS = 207;

    private BulkResponses() {
    }

    public static <T> Response multiStatus(List<Outcome<T>> outcomes, UriInfo uri) {
        String instance = uri.getRequestUri().getRawPath();
        List<Result<T>> results = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            results.add(outcomes.get(i).toResult(i, instance));
        }
        return Response.status(MULTI_STATUS).entity(Bulk.Answer.of(results)).build();
    }
}
