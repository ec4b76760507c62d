package org.rectrack.theme;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.rectrack.changes.ChangeFeed;
import org.rectrack.changes.ChangeType;
import org.rectrack.common.Cursor;
import org.rectrack.common.ETags;
import org.rectrack.common.MergePatch;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

@ApplicationScoped
public class ThemeService {

    private static final Set<String> READ_ONLY = MergePatch.readOnly(ThemeView.class, ThemeInput.class, "code");

    private final MergePatch mergePatch;
    private final ChangeFeed feed;

    ThemeService(MergePatch mergePatch, ChangeFeed feed) {
        this.mergePatch = mergePatch;
        this.feed = feed;
    }

    public Page<ThemeView> list(int limit, Cursor after) {
        return Page.of(Theme.pageAfter(after == null ? null : after.value(), limit + 1), limit, ThemeView::of,
                t -> new Cursor("code", t.code, t.id));
    }

    public Optional<ThemeView> find(String code) {
        return Theme.findByCode(code).map(ThemeView::of);
    }

    @Transactional
    public ThemeView create(ThemeInput input) {
        if (Theme.findByCode(input.code()).isPresent()) {
            throw ProblemException.duplicate("theme", input.code());
        }
        Theme theme = new Theme();
        theme.code = input.code();
        apply(theme, input);
        theme.persist();
        feed.created(ChangeType.THEME, theme.code);
        return ThemeView.of(theme);
    }

    @Transactional
    public ThemeView patch(String code, String ifMatch, JsonNode patch) {
        Theme theme = Theme.<Theme>find("code", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("theme", code));
        ETags.requireMatch(ifMatch, theme.etag());
        ThemeInput current = new ThemeInput(theme.code, theme.label, theme.description);
        ThemeInput changed = mergePatch.apply(current, patch, READ_ONLY);
        if (!changed.equals(current)) {
            apply(theme, changed);
            feed.updated(ChangeType.THEME, theme.code);
        }
        return ThemeView.of(theme);
    }

    private static void apply(Theme theme, ThemeInput input) {
        theme.label = input.label();
        theme.description = input.description();
    }
}
