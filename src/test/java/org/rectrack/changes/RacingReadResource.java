package org.rectrack.changes;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.rectrack.common.Role;
import org.rectrack.theme.ThemeInput;
import org.rectrack.theme.ThemeService;

/**
 * A test-only read, hidden from the contract, during which a write commits: what a read that races a
 * write looks like, made certain. Calls are counted.
 */
@Path("/api/test/answers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMINISTER)
public class RacingReadResource {

    static final AtomicInteger CALLS = new AtomicInteger();

    public record Answer(int call) {
    }

    private final ThemeService themes;

    RacingReadResource(ThemeService themes) {
        this.themes = themes;
    }

    @GET
    @Path("racing")
    @FeedTagged
    @Operation(hidden = true)
    public Answer racing() {
        int call = CALLS.incrementAndGet();
        themes.create(new ThemeInput("racing-" + System.nanoTime(), "Written while a read was built", null));
        return new Answer(call);
    }
}
