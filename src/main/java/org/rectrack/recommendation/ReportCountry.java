package org.rectrack.recommendation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.rectrack.changes.ChangeType;
import org.rectrack.changes.Changed;

/**
 * Keeps each recommendation's copy of its report's country equal to it: when a report changes, in
 * the same transaction, the recommendations whose copy differs take the report's country.
 */
@ApplicationScoped
class ReportCountry {

    void follow(@Observes Changed changed) {
        List<String> reports = changed.changes().stream()
                .filter(c -> c.type() == ChangeType.REPORT && Changed.UPDATED.equals(c.action()))
                .map(Changed.Change::key).toList();
        if (reports.isEmpty()) {
            return;
        }
        Recommendation.update("""
                update Recommendation r set r.country = (select rep.country from Report rep where rep = r.report)
                where r.report in (select rep from Report rep where rep.reference in ?1)
                  and r.country <> (select rep.country from Report rep where rep = r.report)""", reports);
    }
}
