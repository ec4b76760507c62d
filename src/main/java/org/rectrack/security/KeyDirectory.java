package org.rectrack.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rectrack.changes.Broadcast;
import org.rectrack.changes.BroadcastCopy;
import org.rectrack.changes.FeedPosition;
import org.rectrack.common.KeyRefused;
import org.rectrack.common.Role;
import org.rectrack.common.Secrets;
import org.rectrack.common.ServiceClock;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Every key this service accepts, in memory by the hash of its secret, so that checking a key costs
 * no SQL statement (and a 304 stays free). The copy is read again after every key change made here,
 * when another instance broadcasts one (PostgreSQL {@code NOTIFY}, heard within a second), and every
 * second while the broadcasts cannot be trusted (listener down): a revoked key is refused everywhere
 * within 5 seconds. Last-used times are collected here and written in the background, at most once a
 * minute per key. Both run on scheduler threads in plain JDBC, never on a request's path.
 */
@ApplicationScoped
public class KeyDirectory {

    static final String TOPIC = "api-keys";
    /** The bootstrap key's name, and the name it writes as. */
    static final String ADMIN = "admin";
    static final String PREFIX = "rtk_";
    private static final int MIN_ADMIN_KEY_LENGTH = 32;
    /** Last-used times are kept to this precision, so a busy key costs one write a minute. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    /** One accepted key as a request needs it; {@code id} is null for the bootstrap key. */
    public record Entry(Long id, String name, Role role, Set<String> institutions, Integer rateLimitPerMinute,
                        Instant expiresAt, Instant revokedAt) {
    }

    private final ServiceClock clock;
    private final AgroalDataSource dataSource;
    private final BroadcastCopy copy;
    private final Optional<Entry> bootstrap;
    private final Optional<String> bootstrapHash;

    private volatile Map<String, Entry> byHash = Map.of();
    /** Last-used times not yet written, by key id; and the latest this instance wrote or read. */
    private final Map<Long, Instant> pendingUse = new ConcurrentHashMap<>();
    private final Map<Long, Instant> knownUse = new ConcurrentHashMap<>();

    KeyDirectory(FeedPosition position, ServiceClock clock, AgroalDataSource dataSource,
                 @ConfigProperty(name = "rectrack.admin-key") Optional<String> adminKey) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.copy = new BroadcastCopy(TOPIC, "API keys", position, this::read);
        String key = adminKey.map(String::strip).filter(k -> !k.isEmpty()).orElse(null);
        if (key == null && LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            key = Secrets.generate(PREFIX, 32);
            // the one place a key is ever written out: a developer's own console, once
            Log.infof("Dev mode: no rectrack.admin-key set, so this admin key works until the service stops: %s", key);
        }
        if (key != null && key.length() < MIN_ADMIN_KEY_LENGTH) {
            throw new IllegalStateException("rectrack.admin-key (RECTRACK_ADMIN_KEY) must be at least "
                    + MIN_ADMIN_KEY_LENGTH + " characters long; generate one, e.g. with: openssl rand -base64 32");
        }
        this.bootstrapHash = Optional.ofNullable(key).map(Secrets::sha256Hex);
        this.bootstrap = bootstrapHash.map(h -> new Entry(null, ADMIN, Role.ADMIN, Set.of(), null, null, null));
        // the bootstrap key works from the start, even while the database cannot be read
        bootstrapHash.ifPresent(hash -> byHash = Map.of(hash, bootstrap.get()));
    }

    /** Reads the keys at start; if the database is not there yet, {@link #refresh} keeps trying. */
    void start(@Observes StartupEvent started) {
        copy.refresh();
    }

    /**
     * The key a request presented, or the reason it is refused. Never the key itself in the reason:
     * it may be a real key pasted into the wrong place.
     */
    Entry accept(String presented) {
        Entry entry = byHash.get(Secrets.sha256Hex(presented));
        Instant now = clock.now();
        if (entry == null) {
            throw KeyRefused.because("The API key is not known here; check that it was copied whole");
        }
        if (entry.revokedAt() != null) {
            throw KeyRefused.because("The API key was revoked; ask an admin for a new one");
        }
        if (expired(entry, now)) {
            throw KeyRefused.because("The API key expired; ask an admin for a new one");
        }
        noteUse(entry, now);
        return entry;
    }

    /** The key a request presented if it is one that {@link #accept} takes, without noting its use. */
    Optional<Entry> valid(String presented) {
        Entry entry = byHash.get(Secrets.sha256Hex(presented));
        return entry == null || entry.revokedAt() != null || expired(entry, clock.now()) ? Optional.empty() : Optional.of(entry);
    }

    private static boolean expired(Entry entry, Instant now) {
        return entry.expiresAt() != null && !now.isBefore(entry.expiresAt());
    }

    /**
     * Reads every key again. Called after this instance changes one, and when {@link #refresh} says so.
     * Plain JDBC, like the idempotency store: bookkeeping off the request path, outside the Hibernate
     * statement counts that prove what a request costs.
     */
    void reload() {
        copy.readNow();
    }

    private void read() {
        Map<Long, Set<String>> institutions = new HashMap<>();
        Map<String, Entry> read = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select k.api_key_id, i.code from api_key_institution k"
                    + " join institution i on i.id = k.institution_id")) {
                while (rows.next()) {
                    institutions.computeIfAbsent(rows.getLong(1), id -> new HashSet<>()).add(rows.getString(2));
                }
            }
            try (ResultSet rows = sql.executeQuery("select id, name, role, secret_hash, rate_limit_per_minute,"
                    + " expires_at, revoked_at, last_used_at from api_key")) {
                while (rows.next()) {
                    long id = rows.getLong("id");
                    Instant lastUsed = instant(rows, "last_used_at");
                    read.put(rows.getString("secret_hash"), new Entry(id, rows.getString("name"), Role.valueOf(rows.getString("role")),
                            Set.copyOf(institutions.getOrDefault(id, Set.of())), (Integer) rows.getObject("rate_limit_per_minute"),
                            instant(rows, "expires_at"), instant(rows, "revoked_at")));
                    if (lastUsed != null) {
                        knownUse.merge(id, lastUsed, (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the API keys", e);
        }
        bootstrapHash.ifPresent(hash -> read.put(hash, bootstrap.get()));
        byHash = Map.copyOf(read);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    void heard(@Observes Broadcast broadcast) {
        copy.heard(broadcast);
    }

    /** The topic this instance broadcasts its key changes under. */
    String topic() {
        return copy.ownTopic();
    }

    /** Reads the keys again when another instance said they changed, or when nobody can say. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        copy.refresh();
    }

    /** Writes the last-used times collected since the previous call (never moving one back). */
    @Scheduled(every = "${rectrack.api-keys.last-used-flush:30s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flushLastUsed() {
        if (pendingUse.isEmpty()) {
            return;
        }
        String update = "update api_key set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)";
        try (Connection connection = dataSource.getConnection(); PreparedStatement sql = connection.prepareStatement(update)) {
            for (Long id : Set.copyOf(pendingUse.keySet())) {
                Instant at = pendingUse.remove(id);
                if (at != null) {
                    OffsetDateTime utc = at.atOffset(ZoneOffset.UTC);
                    sql.setObject(1, utc);
                    sql.setLong(2, id);
                    sql.setObject(3, utc);
                    sql.executeUpdate();
                }
            }
        } catch (SQLException e) {
            Log.warnf("Could not write when API keys were last used (%s); it is written with their next use",
                    e.getClass().getSimpleName());
        }
    }

    private void noteUse(Entry entry, Instant now) {
        if (entry.id() == null) {
            return;
        }
        Instant known = knownUse.get(entry.id());
        if (known == null || known.plus(LAST_USED_PRECISION).isBefore(now)) {
            knownUse.put(entry.id(), now);
            pendingUse.put(entry.id(), now);
        }
    }
}
