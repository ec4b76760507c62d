package org.rectrack.idempotency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.rectrack.common.Role;

/**
 * Test-only endpoints whose timing and failures the tests control, hidden from the contract: the
 * real API has no honest way to fail with a 5xx or to stay busy on demand. Calls are counted per
 * {@code name} in the body, so each test uses names of its own.
 */
@Path("/api/test/idempotency")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.EDIT)
public class FlakyAndSlowResource {

    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    static int calls(String name) {
        return CALLS.getOrDefault(name, new AtomicInteger()).get();
    }

    /** Fails with a 500 on the first call for a name, answers 201 after that. */
    @POST
    @Path("flaky")
    @Operation(hidden = true)
    public Response flaky(Map<String, String> body) {
        int call = CALLS.computeIfAbsent(body.get("name"), n -> new AtomicInteger()).incrementAndGet();
        if (call == 1) {
            throw new IllegalStateException("the first call fails, as the test wants");
        }
        return Response.status(201).entity(Map.of("name", body.get("name"), "call", call)).build();
    }

    /** Answers 201 once the test opens the gate for the name. */
    @POST
    @Path("slow")
    @Operation(hidden = true)
    public Response slow(Map<String, String> body) throws InterruptedException {
        // the gate exists before the call is counted, so a test that sees the call can open it
        CountDownLatch gate = GATES.computeIfAbsent(body.get("name"), n -> new CountDownLatch(1));
        int call = CALLS.computeIfAbsent(body.get("name"), n -> new AtomicInteger()).incrementAndGet();
        gate.await(30, TimeUnit.SECONDS);
        return Response.status(201).entity(Map.of("name", body.get("name"), "call", call)).build();
    }
}
