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
 */
@ApplicationScoped
public class FeedPosition {

    static final String CHANNEL = "rectrack_changes";
    /** How often the listening connection proves it is alive, and re-reads the position. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    /** A listener silent for longer than this is not trusted: a dead network does not always say so. */
    private static final Duration TRUST_FOR = Duration.ofSeconds(15);

    private final ChangeFeed feed;
    private final TransactionSynchronizationRegistry transactions;
    private final boolean postgres;
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

    FeedPosition(ChangeFeed feed, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.feed = feed;
        this.transactions = transactions;
        this.postgres = "postgresql".equals(dbKind);
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
            return feed.lastSeq();
        }
        if (trusted()) {
            return known.get();
        }
        long read = feed.position();
        known.accumulateAndGet(read, Math::max);
        if (!postgres) {
            // H2 is embedded: every commit goes through this instance, which now knows them all
            confirmedNanos = System.nanoTime();
            exact = true;
        }
        return read;
    }

    private boolean trusted() {
        return exact && (!postgres || System.nanoTime() - confirmedNanos < TRUST_FOR.toNanos());
    }

    /**
     * Called by the writer after numbering its events: once the transaction commits, the position
     * here moves to {@code seq}, and on PostgreSQL every other instance is told.
     */
    void committing(long seq) {
        if (postgres) {
            feed.notify(CHANNEL, seq);
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

    /** Listens until the service stops, reconnecting after a failure; meanwhile polls read the database. */
    private void listen() {
        while (running) {
            try (Connection connection = connect(); Statement sql = connection.createStatement()) {
                listening = connection;
                sql.execute("listen " + CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                long nextCheck = 0;
                while (running) {
                    if (System.nanoTime() - nextCheck >= 0) {
                        // after LISTEN, so a commit is either in this read or in a notification
                        try (ResultSet last = sql.executeQuery("select last_seq from change_counter where id = 1")) {
                            last.next();
                            known.accumulateAndGet(last.getLong(1), Math::max);
                        }
                        confirmedNanos = System.nanoTime();
                        exact = true;
                        nextCheck = confirmedNanos + CHECK_EVERY.toNanos();
                    }
                    PGNotification[] received = pg.getNotifications((int) CHECK_EVERY.toMillis());
                    if (received != null) {
                        for (PGNotification n : received) {
                            known.accumulateAndGet(Long.parseLong(n.getParameter()), Math::max);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                exact = false;
                listening = null;
                if (running) {
                    Log.warnf("Change notifications interrupted (%s); conditional GETs read the database until they resume",
                            e.getClass().getSimpleName());
                    pause();
                }
            }
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

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
