package org.rectrack.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.changes.FeedTagged;
import org.rectrack.common.QueryValues;
import org.rectrack.common.Responses;
import org.rectrack.common.ServiceClock;
import org.rectrack.recommendation.RecommendationFilter;
import org.rectrack.recommendation.RecommendationFilter.Criteria;
import org.rectrack.common.Role;

@Path("/api/v1/stats")
@Tag(name = "Statistics", description = "Aggregates for dashboards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READ)
public class StatsResource {

    private final StatsService stats;
    private final ServiceClock clock;

    StatsResource(StatsService stats, ServiceClock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @GET
    @FeedTagged
    @Operation(operationId = "getStats", summary = "Counts by status, overdue counts and implementation rates, optionally grouped and as of a past day",
            description = "Takes every recommendation filter. With `asOf`, the status of each recommendation is the one of its latest "
                    + "ISSUER assessment dated on or before that day, and only reports published by then count.")
    @APIResponse(responseCode = "200", description = "The figures", content = @Content(schema = @Schema(implementation = StatsView.class)))
    public Response stats(@BeanParam RecommendationFilter filter,
                          @QueryParam("groupBy") @Parameter(description = "One or two of status, theme, addressee, country, report, priority, response (repeat or separate with commas)",
                                  schema = @Schema(type = SchemaType.ARRAY, enumeration = {"status", "theme", "addressee", "country", "report", "priority", "response"})) List<String> groupBy,
                          @QueryParam("asOf") @Parameter(description = "A past day: the figures as they stood at its end", schema = @Schema(type = SchemaType.STRING, format = "date")) String asOf) {
        QueryValues values = new QueryValues();
        Criteria criteria = filter.criteria(values, clock.today());
        List<GroupKey> keys = groupKeys(groupBy, values);
        LocalDate day = values.date("asOf", asOf);
        values.check();
        return Responses.item(stats.stats(criteria, keys, day));
    }

    @GET
    @Path("timeline")
    @FeedTagged
    @Operation(operationId = "getStatsTimeline", summary = "The status distribution at the end of each month, quarter or year")
    @APIResponse(responseCode = "200", description = "One point per period", content = @Content(schema = @Schema(implementation = StatsView.Timeline.class)))
    public Response timeline(@BeanParam RecommendationFilter filter,
                             @QueryParam("interval") @Parameter(schema = @Schema(enumeration = {"month", "quarter", "year"}, defaultValue = "month")) String interval,
                             @QueryParam("from") @Parameter(description = "First day; default one year before `to`", schema = @Schema(type = SchemaType.STRING, format = "date")) String from,
                             @QueryParam("to") @Parameter(description = "Last day; default today", schema = @Schema(type = SchemaType.STRING, format = "date")) String to) {
        QueryValues values = new QueryValues();
        Criteria criteria = filter.criteria(values, clock.today());
        Interval period = values.choice("interval", interval, List.of("month", "quarter", "year"), Interval.MONTH,
                v -> Interval.valueOf(v.toUpperCase()));
        LocalDate last = values.date("to", to);
        last = last == null ? clock.today() : last;
        LocalDate first = values.date("from", from);
        first = first == null ? last.minusYears(1).plusDays(1) : first;
        if (first.isAfter(last)) {
            values.reject("from", "must not be after to");
        } else if (period.periodEnds(first, last.isAfter(first.plusYears(500)) ? first.plusYears(500) : last).size() > Interval.MAX_POINTS) {
            values.reject("from", "gives more than " + Interval.MAX_POINTS + " points; choose a later from or a longer interval");
        }
        values.check();
        return Responses.item(stats.timeline(criteria, period, first, last));
    }

    private static List<GroupKey> groupKeys(List<String> raw, QueryValues values) {
        List<GroupKey> keys = new ArrayList<>();
        if (raw != null) {
            for (String item : raw) {
                for (String part : item.split(",")) {
                    GroupKey key = values.choice("groupBy", part.trim(), GroupKey.NAMES, null, GroupKey::named);
                    if (key != null && !keys.contains(key)) {
                        keys.add(key);
                    }
                }
            }
        }
        if (keys.size() > 2) {
            values.reject("groupBy", "takes at most two keys");
        }
        return keys;
    }
}
