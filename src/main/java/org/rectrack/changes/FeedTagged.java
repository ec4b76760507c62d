package org.rectrack.changes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a GET whose answer depends only on the stored data, the request and the date, never on the
 * caller: the answer is named by the change feed's position ({@link FeedTags}), so a poll whose data
 * has not changed is answered 304, and a question asked again is answered from the rendered answer
 * kept for it, without any query. An answer without an ETag of its own gets that name as its ETag.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FeedTagged {
}
