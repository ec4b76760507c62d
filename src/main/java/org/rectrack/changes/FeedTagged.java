package org.rectrack.changes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a GET whose answer depends only on the stored data, the request and the date: its ETag
 * is derived from the change feed's position, so a poll whose data has not changed is answered
 * 304 without any query.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FeedTagged {
}
