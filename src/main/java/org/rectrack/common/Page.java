package org.rectrack.common;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: the items and the opaque cursor of the next page, {@code null} on the last. */
public record Page<T>(List<T> items,
                      @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {

    /**
     * Builds a page from up to {@code limit + 1} rows read in keyset order: the extra row only tells
     * that there is a next page, whose cursor is taken from the last row shown.
     */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, T> view, Function<E, Cursor> cursor) {
        boolean more = rows.size() > limit;
        List<E> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursor.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
