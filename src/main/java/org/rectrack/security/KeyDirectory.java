package org.rectrack.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rectrack.changes.Broadcast;
import org.rectrack.changes.FeedPosition;
import org.rectrack.common.KeyRefused;
import org.rectrack.common.Role;
import org.rectrack.common.Secrets;
import org.rectrack.common.ServiceClock;

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
 * minute per key.
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
                        Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    }

    private final FeedPosition position;
    private final ServiceClock clock;
    private final Optional<Entry> bootstrap;
    private final Optional<String> bootstrapHash;

    private volatile Map<String, Entry> byHash = Map.of();
    private final AtomicBoolean stale = new AtomicBoolean(true);
    /** Last-used times not yet written, by key id; and the latest this instance wrote or read. */
    private final Map<Long, Instant> pendingUse = new ConcurrentHashMap<>();
    private final Map<Long, Instant> knownUse = new ConcurrentHashMap<>();

    KeyDirectory(FeedPosition position, ServiceClock clock,
                 @ConfigProperty(name = "rectrack.admin-key") Optional<String> adminKey) {
        this.position = position;
        this.clock = clock;
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
        this.bootstrap = bootstrapHash.map(h -> new Entry(null, ADMIN, Role.ADMIN, Set.of(), null, null, null, null));
        // the bootstrap key works from the start, even while the database cannot be read
        bootstrapHash.ifPresent(hash -> byHash = Map.of(hash, bootstrap.get()));
    }

    /** Reads the keys at start; if the database is not there yet, {@link #refresh} keeps trying. */
    void start(@Observes StartupEvent started) {
        refresh();
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

    /** Reads every key again. Called after this instance changes one, and when {@link #refresh} says so. */
    @Transactional
    void reload() {
        stale.set(false);
        Map<String, Entry> read = new HashMap<>();
        for (ApiKey key : ApiKey.allWithInstitutions()) {
            read.put(key.secretHash, new Entry(key.id, key.name, key.role,
                    key.institutions.stream().map(i -> i.code).collect(Collectors.toUnmodifiableSet()),
                    key.rateLimitPerMinute, key.expiresAt, key.revokedAt, key.lastUsedAt));
            if (key.lastUsedAt != null) {
                knownUse.merge(key.id, key.lastUsedAt, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        bootstrapHash.ifPresent(hash -> read.put(hash, bootstrap.get()));
        byHash = Map.copyOf(read);
    }

    void heard(@Observes Broadcast broadcast) {
        if (broadcast.concerns(TOPIC)) {
            stale.set(true);
        }
    }

    /** Reads the keys again when another instance said they changed, or when nobody can say. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (stale.get() || !position.hearsEveryCommit()) {
            try {
                reload();
            } catch (RuntimeException e) {
                stale.set(true);
                Log.warnf("Could not read the API keys again (%s); the previous copy stays in use", e.getClass().getSimpleName());
            }
        }
    }

    /** Writes the last-used times collected since the previous call. */
    @Scheduled(every = "${rectrack.api-keys.last-used-flush:30s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void flushLastUsed() {
        for (Long id : Set.copyOf(pendingUse.keySet())) {
            Instant at = pendingUse.remove(id);
            if (at != null) {
                ApiKey.markUsed(id, at);
            }
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
