package org.rectrack.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.rectrack.changes.FeedPosition;
import org.rectrack.common.Caller;
import org.rectrack.common.Cursor;
import org.rectrack.common.Page;
import org.rectrack.common.Problem.FieldError;
import org.rectrack.common.ProblemException;
import org.rectrack.common.Role;
import org.rectrack.common.Secrets;
import org.rectrack.common.ServiceClock;
import org.rectrack.institution.Institution;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creates, lists and revokes keys. Each change commits, then this instance reads its keys again
 * (so the change holds here before the answer leaves) and the others hear of it by broadcast.
 */
@ApplicationScoped
public class ApiKeyService {

    /** 32 random bytes: 43 base64url characters after the prefix. */
    private static final int SECRET_BYTES = 32;

    private final KeyDirectory directory;
    private final FeedPosition position;
    private final ServiceClock clock;
    private final Caller caller;

    ApiKeyService(KeyDirectory directory, FeedPosition position, ServiceClock clock, Caller caller) {
        this.directory = directory;
        this.position = position;
        this.clock = clock;
        this.caller = caller;
    }

    public NewApiKey create(ApiKeyInput input) {
        String secret = Secrets.generate(KeyDirectory.PREFIX, SECRET_BYTES);
        ApiKeyView created = QuarkusTransaction.requiringNew().call(() -> {
            ApiKey key = new ApiKey();
            key.name = input.name().strip();
            key.role = input.role();
            key.institutions.addAll(institutions(input));
            key.rateLimitPerMinute = input.rateLimitPerMinute();
            key.expiresAt = input.expiresAt();
            key.secretHash = Secrets.sha256Hex(secret);
            key.createdBy = caller.name();
            key.createdAt = clock.now();
            key.persist();
            position.broadcast(directory.topic());
            return ApiKeyView.of(key);
        });
        directory.reload();
        return new NewApiKey(created, secret);
    }

    public Page<ApiKeyView> list(int limit, Cursor after) {
        return QuarkusTransaction.requiringNew().call(() -> Page.of(ApiKey.pageAfter(after == null ? 0 : after.id(), limit + 1),
                limit, ApiKeyView::of, k -> new Cursor("id", null, k.id)));
    }

    public Optional<ApiKeyView> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> ApiKey.<ApiKey>findByIdOptional(id).map(ApiKeyView::of));
    }

    /** Revokes a key for good; revoking it again changes nothing. */
    public void revoke(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            ApiKey key = ApiKey.<ApiKey>findByIdOptional(id)
                    .orElseThrow(() -> ProblemException.notFound("API key", Long.toString(id)));
            if (key.revokedAt == null) {
                key.revokedAt = clock.now();
                position.broadcast(directory.topic());
            }
        });
        directory.reload();
    }

    /** The institutions a reporter's key names, all of which must exist; other roles name none. */
    private static List<Institution> institutions(ApiKeyInput input) {
        List<String> codes = input.institutionCodes();
        if (input.role() == Role.REPORTER && codes.isEmpty()) {
            throw ProblemException.invalid("institutions", "a reporter's key must name at least one institution");
        }
        if (input.role() != Role.REPORTER && !codes.isEmpty()) {
            throw ProblemException.invalid("institutions", "only a reporter's key names institutions; a "
                    + input.role().wireName() + " may write about every recommendation its role allows");
        }
        Map<String, Institution> found = Institution.findByCodes(codes).stream()
                .collect(Collectors.toMap(i -> i.code, Function.identity()));
        List<FieldError> missing = codes.stream().filter(c -> !found.containsKey(c))
                .map(c -> new FieldError("institutions", "no institution '" + c + "'")).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.invalid(missing);
        }
        return codes.stream().map(found::get).toList();
    }
}
