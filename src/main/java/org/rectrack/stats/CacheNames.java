package org.rectrack.stats;

/**
 * The caches of {@link StatsService}, bounded in application.properties. Their keys hold the change
 * feed's position, and every write moves it: an answer is never served once its data has changed,
 * and answers for older positions, no longer asked for, age out.
 */
final class CacheNames {

    static final String STATS = "stats";
    static final String TIMELINES = "stats-timelines";

    private CacheNames() {
    }
}
