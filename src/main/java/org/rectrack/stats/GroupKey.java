package org.rectrack.stats;

import java.util.List;

/** What statistics can be grouped by: the HQL expression of the key and the join it needs. */
enum GroupKey {
    STATUS("status", null, null),
    THEME("theme", "gt.code", "join r.themes gt"),
    ADDRESSEE("addressee", "ga.code", "join r.addressees ga"),
    COUNTRY("country", "rep.country", null),
    REPORT("report", "rep.reference", null),
    PRIORITY("priority", "r.priority", null),
    RESPONSE("response", "r.response", null);

    static final List<String> NAMES = List.of("status", "theme", "addressee", "country", "report", "priority", "response");

    final String name;
    private final String expression;
    final String join;

    GroupKey(String name, String expression, String join) {
        this.name = name;
        this.expression = expression;
        this.join = join;
    }

    /** The key's expression; grouping by status means grouping by the (possibly historical) status. */
    String expression(String status) {
        return this == STATUS ? status : expression;
    }

    static GroupKey named(String name) {
        return valueOf(name.toUpperCase());
    }
}
