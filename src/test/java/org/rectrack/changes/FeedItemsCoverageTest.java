package org.rectrack.changes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The feed serves every type it carries: a type with no renderer, or two, stops it being built. */
class FeedItemsCoverageTest {

    private static FeedItems renders(ChangeType type) {
        return new FeedItems() {
            @Override
            public ChangeType type() {
                return type;
            }

            @Override
            public Map<String, Object> current(List<String> keys) {
                return Map.of();
            }
        };
    }

    private static List<FeedItems> everyType() {
        return new ArrayList<>(Arrays.stream(ChangeType.values()).map(FeedItemsCoverageTest::renders).toList());
    }

    @Test
    void shouldBuildWithOneRendererPerType() {
        new ChangeFeed(null, null, null, null, null, everyType());
    }

    @Test
    void shouldRefuseATypeWithoutRenderer() {
        List<FeedItems> items = everyType();
        items.remove(0);
        var refused = assertThrows(IllegalStateException.class, () -> new ChangeFeed(null, null, null, null, null, items));
        assertTrue(refused.getMessage().contains(ChangeType.values()[0].wire), refused.getMessage());
    }

    @Test
    void shouldRefuseTwoRenderersForOneType() {
        List<FeedItems> items = everyType();
        items.add(renders(ChangeType.THEME));
        assertThrows(IllegalStateException.class, () -> new ChangeFeed(null, null, null, null, null, items));
    }
}
