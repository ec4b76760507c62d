package org.rectrack.changes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The number of the latest committed event, known without a query, for requests that only compare
 * it (conditional GETs) and for the live streams. A commit made here advances it as it completes,
 * so whoever wrote and then polls sees the write. On PostgreSQL the writing transaction also sends
 * a notification, which a connection of every instance listens for: a commit made through another
 * instance arrives as soon as it is delivered. While that connection is down (or has not confirmed
 * itself for a while), the position is read from the database, one read shared by concurrent callers.
 * Embedded H2 needs no listener: every commit goes through this process. H2 reached as a server,
 * which other processes may write to, is always read from the database.
 */
@ApplicationScoped
public class FeedPosition {

    static final String CHANNEL = "rectrack_changes";
    /** How often the listening connection proves it is alive, and re-reads the position. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    /** A listener silent for longer than this is not trusted: a dead network does not always say so. */
    private static final Duration TRUST_FOR = Duration.ofSeconds(15);
    /** The longest wait between two attempts to listen again. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final FeedCounter counter;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<Broadcast> broadcasts;
    private final boolean postgres;
    /** H2 in this process (a file or memory database, not a server): every commit goes through here. */
    private final boolean embedded;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;

    /** The highest position this instance knows to be committed; -1 before the first read. */
    private final AtomicLong known = new AtomicLong(-1);
    /** When the position was last confirmed as complete: the first read on H2, listener checks on PostgreSQL. */
    private volatile long confirmedNanos;
    private volatile boolean exact;
    private volatile boolean running = true;
    private volatile Connection listening;

    FeedPosition(FeedCounter counter, TransactionSynchronizationRegistry transactions, Event<Broadcast> broadcasts,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.counter = counter;
        this.transactions = transactions;
        this.broadcasts = broadcasts;
        this.postgres = "postgresql".equals(dbKind);
        this.embedded = "h2".equals(dbKind) && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
                && !url.toUpperCase().contains("AUTO_SERVER=TRUE");
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent started) {
        if (postgres) {
            Thread listener = new Thread(this::listen, "rectrack-feed-listener");
            listener.setDaemon(true);
            listener.start();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }

    /**
     * The latest committed position: never ahead of the data, and including every write that
     * completed before the call on this instance (and, on PostgreSQL, every notification received).
     * Inside a transaction it is that transaction's own view.
     */
    public long get() {
        if (QuarkusTransaction.isActive()) {
            return counter.last();
        }
        if (trusted()) {
            return known.get();
        }
        long read = counter.shared();
        known.accumulateAndGet(read, Math::max);
        if (embedded) {
            // every later commit goes through this instance, which now knows them all
            exact = true;
        }
        return read;
    }

    /**
     * True while every commit reaches this instance without a query: on embedded H2 (every commit goes
     * through here) or while the PostgreSQL listener is alive. While false, whoever keeps a copy of
     * data that other instances change (API keys) reads it again on a schedule.
     */
    public boolean hearsEveryCommit() {
        return embedded || trusted();
    }

    /**
     * Tells every instance, this one included, that {@code topic} changed, once the current
     * transaction commits (PostgreSQL only: on H2 this process is the only one). They hear it as a
     * {@link Broadcast}.
     */
    public void broadcast(String topic) {
        if (postgres) {
            counter.notify(CHANNEL, topic);
        }
    }

    private boolean trusted() {
        return exact && (embedded || System.nanoTime() - confirmedNanos < TRUST_FOR.toNanos());
    }

    /**
     * Called by the writer after numbering its events: once the transaction commits, the position
     * here moves to {@code seq}, and on PostgreSQL every other instance is told.
     */
    void committing(long seq) {
        if (postgres) {
            counter.notify(CHANNEL, seq);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    known.accumulateAndGet(seq, Math::max);
                }
            }
        });
    }

    /**
     * Listens until the service stops, reconnecting after a failure (waiting longer each time, up to
     * {@link #MAX_BACKOFF}); meanwhile polls read the database. Says so once when it stops and once
     * when it is back.
     */
    private void listen() {
        Duration backoff = Duration.ofSeconds(1);
        boolean down = false;
        while (running) {
            try (Connection connection = connect(); Statement sql = connection.createStatement()) {
                listening = connection;
                sql.execute("listen " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                long nextCheck = System.nanoTime();
                boolean resynced = false;
                while (running) {
                    if (System.nanoTime() - nextCheck >= 0) {
                        // after LISTEN, so a commit is either in this read or in a notification
                        confirm(sql);
                        nextCheck = confirmedNanos + CHECK_EVERY.toNanos();
                        if (down) {
                            Log.info("Change notifications resumed");
                            down = false;
                        }
                        if (!resynced) {
                            // broadcasts sent before this connection listened are lost: re-read
                            broadcasts.fire(new Broadcast(Broadcast.RESYNC));
                            resynced = true;
                        }
                        backoff = Duration.ofSeconds(1);
                    }
                    PGNotification[] received = pg.getNotifications((int) CHECK_EVERY.toMillis());
                    for (PGNotification n : received == null ? new PGNotification[0] : received) {
                        advanceTo(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                exact = false;
                listening = null;
                if (running) {
                    if (!down) {
                        Log.warnf("Change notifications interrupted (%s); conditional GETs read the database until they resume",
                                e.getClass().getSimpleName());
                        down = true;
                    }
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        }
    }

    /**
     * Reads the committed position on the listening connection. It only moves back if nothing
     * advanced it meanwhile: the counter itself went back (a restored database).
     */
    private void confirm(Statement sql) throws SQLException {
        long before = known.get();
        long read;
        try (ResultSet last = sql.executeQuery("select last_seq from change_counter where id = 1")) {
            last.next();
            read = last.getLong(1);
        }
        if (read < before && known.compareAndSet(before, read)) {
            Log.warnf("The change feed's position went back from %d to %d", before, read);
        } else {
            known.accumulateAndGet(read, Math::max);
        }
        confirmedNanos = System.nanoTime();
        exact = true;
    }

    /** A position, or else the topic of a {@link #broadcast}. */
    private void advanceTo(String payload) {
        if (!payload.isEmpty() && payload.chars().allMatch(Character::isDigit)) {
            known.accumulateAndGet(Long.parseLong(payload), Math::max);
        } else {
            broadcasts.fire(new Broadcast(payload));
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "rectrack-feed-listener");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", Long.toString(TRUST_FOR.toSeconds()));
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, properties);
    }

    private void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
