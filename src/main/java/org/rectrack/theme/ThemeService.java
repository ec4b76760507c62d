package org.rectrack.theme;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.rectrack.changes.ChangeType;
import org.rectrack.changes.Changed;
import org.rectrack.changes.FeedItems;
import org.rectrack.common.Cursor;
import org.rectrack.common.ETags;
import org.rectrack.common.MergePatch;
import org.rectrack.common.Page;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ServiceClock;

import com.fasterxml.jackson.databind.JsonNode;

@ApplicationScoped
public class ThemeService implements FeedItems {

    private static final Set<String> READ_ONLY = MergePatch.readOnly(ThemeView.class, ThemeInput.class, "code");

    private final MergePatch mergePatch;
    private final Event<Changed> changed;
    private final ServiceClock clock;

    ThemeService(MergePatch mergePatch, Event<Changed> changed, ServiceClock clock) {
        this.mergePatch = mergePatch;
        this.changed = changed;
        this.clock = clock;
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
        theme.created(clock.now());
        theme.persist();
        changed.fire(Changed.created(ChangeType.THEME, theme.code));
        return ThemeView.of(theme);
    }

    @Transactional
    public ThemeView patch(String code, String ifMatch, JsonNode patch) {
        Theme theme = Theme.<Theme>find("code", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("theme", code));
        ETags.requireMatch(ifMatch, theme.etag());
        ThemeInput current = new ThemeInput(theme.code, theme.label, theme.description);
        ThemeInput edited = mergePatch.apply(current, patch, READ_ONLY);
        if (!edited.equals(current)) {
            apply(theme, edited);
            theme.changed(clock.now());
            changed.fire(Changed.updated(ChangeType.THEME, theme.code));
        }
        return ThemeView.of(theme);
    }

    @Override
    public ChangeType type() {
        return ChangeType.THEME;
    }

    @Override
    public Map<String, Object> current(List<String> codes) {
        return Theme.findByCodes(codes).stream().collect(Collectors.toMap(t -> t.code, ThemeView::of));
    }

    private static void apply(Theme theme, ThemeInput input) {
        theme.label = input.label();
        theme.description = input.description();
    }
}
