package org.rectrack.changes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Answers that hold until the next committed change: each is computed once per feed position and
 * shared by every caller asking the same question meanwhile, including those who ask while it is
 * being computed. Any write moves the position, so nothing stale is served here longer than the
 * position itself (see {@link FeedPosition}). Only answers for the latest position are kept, at
 * most {@code maxEntries} of them. A computation that fails fails everyone waiting for it (the
 * database is down or busy: asking it again N times would not help); one that takes longer than
 * {@link #WAIT_SECONDS} leaves its waiters to compute for themselves.
 */
public final class PositionCache<K, V> {

    private static final long WAIT_SECONDS = 30;

    private record Key<K>(long position, K question) {
    }

    private final FeedPosition position;
    private final int maxEntries;
    private final ConcurrentHashMap<Key<K>, CompletableFuture<V>> answers = new ConcurrentHashMap<>();

    public PositionCache(FeedPosition position, int maxEntries) {
        this.position = position;
        this.maxEntries = maxEntries;
    }

    /** The answer to {@code question} as of now: a shared one, or {@code compute}'s, which others then share. */
    public V get(K question, Supplier<V> compute) {
        if (QuarkusTransaction.isActive()) {
            // a writing transaction sees its own, uncommitted position: nothing to share
            return compute.get();
        }
        long at = position.get();
        Key<K> key = new Key<>(at, question);
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> shared = answers.putIfAbsent(key, mine);
        if (shared != null) {
            try {
                return shared.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                return compute.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a shared answer", e);
            }
        }
        try {
            V answer = compute.get();
            mine.complete(answer);
            answers.keySet().removeIf(k -> k.position() < at);
            if (answers.size() > maxEntries) {
                answers.keySet().removeIf(k -> !k.equals(key));
            }
            return answer;
        } catch (RuntimeException | Error e) {
            answers.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
