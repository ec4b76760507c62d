/*
 * Fills an empty, migrated rectrack database with N recommendations of realistic shape, over JDBC,
 * in batches: reports, institutions, recommendations with their themes and addressees,
 * assessments, progress updates, the change feed and the sequences, written as the service
 * would have written them had every item been posted through the API.
 *
 *   java -cp "target/quarkus-app/lib/main/*" bench/GenerateData.java \
 *       --url jdbc:postgresql://127.0.0.1:5432/rectrack_bench_read --user postgres --recommendations 1000000
 *   java -cp "target/quarkus-app/lib/main/*" bench/GenerateData.java \
 *       --url jdbc:h2:file:/tmp/rectrack-bench-read/h2/rectrack --user sa --recommendations 100000
 *
 * Options: --password P, --per-report 50, --seed 42, --batch 1000, --no-check.
 * With --cursor-at F instead of --recommendations it only prints the list cursor at fraction F of
 * the recommendations sorted by reference (see printCursor).
 *
 * The database must have been migrated by the service (start it once on the empty database) and must
 * hold no data yet but the seeded themes. With H2 the service must be stopped: the file is locked.
 *
 * What the rows look like (deterministic for a seed):
 *  - 120 institutions: 8 bodies in each of 15 countries;
 *  - one report per 50 recommendations (ODIHR final reports, 15 countries, 2005-2024), published
 *    about 100 days after the election;
 *  - recommendations: numbered 1..50 in their report, 1-8 priority, 1-3 themes, 1-2 addressees of
 *    the report's country, a target date for 80 %, a state response, 5 % repeat the recommendation
 *    with the same number in the previous report on the same country, 1 % were imported archived;
 *  - per recommendation 0-3 assessments (mean 1.2; 70 % ISSUER, 20 % GOVERNMENT, 8 % CIVIL_SOCIETY,
 *    2 % OTHER) and 0-2 progress updates (mean 0.5) by one of its addressees, dated 1-7 years after
 *    the election;
 *  - history: the institutions, reports and recommendations were created first (as an import would),
 *    then every assessment and progress update was posted on its own, in date order, over the last
 *    six days (so nothing falls out of the 30-day feed retention). Every created item has its
 *    "created" change event, and every history entry the "updated" event of its recommendation, the
 *    pair sharing one timestamp as in one transaction. A recommendation's version is the number of
 *    its history entries, its derived columns (status, status_assessed_on, latest_*_id) are the
 *    latest entries by (date, recorded_at, id), updated_at is the time of its last entry.
 *
 * The latest_*_id columns of recommendation and assessment.recommendation_id reference each other,
 * so rows cannot be inserted in an order that satisfies both foreign keys without updating every
 * recommendation afterwards. Instead the foreign-key checks are switched off for this session
 * (PostgreSQL: session_replication_role = replica, needs a superuser; H2: SET REFERENTIAL_INTEGRITY
 * FALSE, needs an admin) and every foreign key is checked with a query at the end (unless --no-check).
 */

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

public class GenerateData {

    static final String[] COUNTRIES = {"KZ", "AM", "GE", "MD", "UA", "KG", "UZ", "TJ", "AZ", "RS", "MK", "AL", "BA", "ME", "MN"};
    static final String[] COUNTRY_NAMES = {"Kazakhstan", "Armenia", "Georgia", "Moldova", "Ukraine", "Kyrgyzstan",
            "Uzbekistan", "Tajikistan", "Azerbaijan", "Serbia", "North Macedonia", "Albania", "Bosnia and Herzegovina",
            "Montenegro", "Mongolia"};
    static final String[] BODIES = {"cec", "parliament", "moj", "mfa", "supreme-court", "ombudsperson", "media-regulator", "police"};
    static final String[] BODY_NAMES = {"Central Election Commission", "Parliament", "Ministry of Justice",
            "Ministry of Foreign Affairs", "Supreme Court", "Human Rights Commissioner", "Media regulator",
            "Ministry of Internal Affairs"};
    static final String[] BODY_KINDS = {"ELECTION_ADMINISTRATION", "LEGISLATURE", "EXECUTIVE", "EXECUTIVE", "JUDICIARY",
            "OMBUDSPERSON", "OTHER", "EXECUTIVE"};
    static final String[] ELECTIONS = {"Parliamentary Elections", "Presidential Election", "Early Parliamentary Elections",
            "Local Elections", "Constitutional Referendum"};
    static final String[] RESPONSES = {"SUPPORTED", "SUPPORTED_IN_PART", "NOTED", "REJECTED", "NO_RESPONSE"};
    static final String[] STATUSES = {"NOT_IMPLEMENTED", "PARTIALLY_IMPLEMENTED", "MOSTLY_IMPLEMENTED", "FULLY_IMPLEMENTED",
            "NO_LONGER_APPLICABLE"};
    static final double[] STATUS_WEIGHTS = {0.25, 0.35, 0.15, 0.20, 0.05};
    static final String[] RAW_ISSUER = {"Not implemented", "Partially implemented", "Mostly implemented", "Fully implemented",
            "No longer applicable"};
    static final String[] RAW_GOVERNMENT = {"Not started", "In progress", "Largely done", "Implemented", "Obsolete"};
    static final String[] TYPES = {"ISSUER", "GOVERNMENT", "CIVIL_SOCIETY", "OTHER"};
    static final double[] TYPE_WEIGHTS = {0.70, 0.20, 0.08, 0.02};
    static final String[] STAGES = {"PLANNED", "IN_PROGRESS", "COMPLETED", "STALLED"};
    static final String[] VERBS = {"should review", "should amend", "should ensure", "should consider revising",
            "should strengthen", "should clarify", "should guarantee", "should bring in line with OSCE commitments"};
    static final String[] SUBJECTS = {"the legal framework for elections", "the procedures for registering candidates",
            "the accuracy and transparency of voter lists", "the independence of election commissions at all levels",
            "the rules on campaign finance and their oversight", "the access of citizen and international observers",
            "the timely and effective handling of complaints and appeals", "the secrecy of the vote",
            "the publication of results by polling station", "the accessibility of polling stations for voters with disabilities",
            "the representation of women in elected office", "the use of minority languages in voter information"};
    static final String[] MANNERS = {"in consultation with political parties and civil society",
            "through an inclusive and public process", "with sufficient resources for its implementation",
            "in line with prior ODIHR and Venice Commission recommendations"};
    static final String[] SUMMARIES = {"Draft amendments were discussed with stakeholders.",
            "A working group was set up and met three times.", "Amendments were adopted in first reading.",
            "Training was held for members of lower-level commissions.", "The instruction was revised and published.",
            "Work has stalled pending the new parliament."};
    static final String[] RATIONALES = {"The amendments address the recommendation in part; the registration requirements remain burdensome.",
            "No steps were taken since the previous election.", "The new law fully addresses the concern raised.",
            "The practice improved, but the legal basis has not changed.", "The matter is no longer relevant after the constitutional reform."};

    // --- options
    String url, user, password = "";
    int n, perReport = 50, batch = 1000;
    double cursorAt = -1;
    long seed = 42;
    boolean check = true;

    // --- state
    Connection c;
    boolean postgres;
    long[] themeIds;
    String[] themeCodes;
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant base;
    long stepMicros;
    long eventSlot; // the clock: one slot per change event
    long seq;       // change_event.seq
    long rows;
    long pendingRows;
    long started = System.nanoTime();
    final Map<String, PreparedStatement> statements = new LinkedHashMap<>();
    final Map<String, Integer> batched = new HashMap<>();

    public static void main(String[] args) throws Exception {
        GenerateData g = new GenerateData();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> g.url = args[++i];
                case "--user" -> g.user = args[++i];
                case "--password" -> g.password = args[++i];
                case "--recommendations" -> g.n = Integer.parseInt(args[++i]);
                case "--per-report" -> g.perReport = Integer.parseInt(args[++i]);
                case "--seed" -> g.seed = Long.parseLong(args[++i]);
                case "--batch" -> g.batch = Integer.parseInt(args[++i]);
                case "--no-check" -> g.check = false;
                case "--cursor-at" -> g.cursorAt = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (g.url != null && g.user != null && g.cursorAt >= 0) {
            g.printCursor();
            return;
        }
        if (g.url == null || g.user == null || g.n <= 0) {
            System.err.println("usage: GenerateData --url JDBC_URL --user USER [--password P] --recommendations N"
                    + " [--per-report 50] [--seed 42] [--batch 1000] [--no-check]");
            System.exit(2);
        }
        g.run();
    }

    void run() throws SQLException {
        postgres = url.startsWith("jdbc:postgresql:");
        if (postgres && !url.contains("reWriteBatchedInserts")) {
            url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        }
        c = DriverManager.getConnection(url, user, password);
        c.setAutoCommit(false);
        requireEmpty();
        loadThemes();
        try (Statement s = c.createStatement()) {
            s.execute(postgres ? "set session_replication_role = replica" : "set referential_integrity false");
        }
        c.commit();

        int reports = (n + perReport - 1) / perReport;
        // the clock: every change event gets a slot; all of them fit between 6 days and 1 day ago
        long expectedEvents = BODIES.length * COUNTRIES.length + reports + n + Math.round(2 * 1.7 * n * 1.3) + 100;
        stepMicros = Math.max(1, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.EPOCH.plus(5, ChronoUnit.DAYS)) / expectedEvents);
        base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(6, ChronoUnit.DAYS);

        prepare("institution", "insert into institution (id, code, name, country, kind, version, created_at, updated_at) values (?, ?, ?, ?, ?, 0, ?, ?)");
        prepare("report", "insert into report (id, reference, title, issuer, country, kind, election_date, published_on, url, archived, version, created_at, updated_at)"
                + " values (?, ?, ?, 'OSCE/ODIHR', ?, 'final report', ?, ?, ?, false, 0, ?, ?)");
        prepare("recommendation", "insert into recommendation (id, reference, report_id, number, text, priority, target_date, response, repeats_id, archived,"
                + " status, status_assessed_on, latest_issuer_id, latest_government_id, latest_civil_society_id, latest_other_id, latest_progress_id,"
                + " version, created_at, updated_at, country) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        prepare("recommendation_theme", "insert into recommendation_theme (recommendation_id, theme_id) values (?, ?)");
        prepare("recommendation_addressee", "insert into recommendation_addressee (recommendation_id, institution_id) values (?, ?)");
        prepare("assessment", "insert into assessment (id, recommendation_id, status, raw_status, assessor_type, assessor_name, assessed_on, source,"
                + " rationale, evidence, recorded_at, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'anonymous')");
        prepare("progress_update", "insert into progress_update (id, recommendation_id, institution_id, stage, percent_complete, summary, reported_on,"
                + " evidence, recorded_at, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'anonymous')");
        prepare("change_event", "insert into change_event (seq, type, action, item_key, at) values (?, ?, ?, ?, ?)");

        // 1. institutions
        for (int ci = 0; ci < COUNTRIES.length; ci++) {
            for (int b = 0; b < BODIES.length; b++) {
                Instant at = nextSlot();
                PreparedStatement p = statements.get("institution");
                p.setLong(1, institutionId(ci, b));
                p.setString(2, COUNTRIES[ci].toLowerCase() + "-" + BODIES[b]);
                p.setString(3, BODY_NAMES[b] + " (" + COUNTRIES[ci] + ")");
                p.setString(4, COUNTRIES[ci]);
                p.setString(5, BODY_KINDS[b]);
                p.setObject(6, ts(at));
                p.setObject(7, ts(at));
                add("institution");
                event("institution", "created", COUNTRIES[ci].toLowerCase() + "-" + BODIES[b], at.plusNanos(300_000));
            }
        }

        // 2. reports and recommendations, as imported; their history comes later on the clock
        long phase3Slot = eventSlot + reports + n;
        long entryIndex = 0, assessmentId = 0, progressId = 0;
        for (int r = 0; r < reports; r++) {
            ReportData rep = report(r);
            Instant at = nextSlot();
            PreparedStatement p = statements.get("report");
            p.setLong(1, r + 1);
            p.setString(2, rep.reference);
            p.setString(3, rep.title);
            p.setString(4, rep.country);
            p.setObject(5, rep.electionDate);
            p.setObject(6, rep.publishedOn);
            p.setString(7, rep.url);
            p.setObject(8, ts(at));
            p.setObject(9, ts(at));
            add("report");
            event("report", "created", rep.reference, at.plusNanos(300_000));
            for (int i = r * perReport; i < Math.min(n, (r + 1) * perReport); i++) {
                Rec rec = recommendation(i, rep);
                Instant created = nextSlot();
                // ids and times of the history entries, as phase 3 will assign them
                for (Entry e : rec.entries) {
                    e.id = e.assessment ? ++assessmentId : ++progressId;
                    e.recordedAt = slotTime(phase3Slot + 2 * entryIndex++);
                }
                insertRecommendation(rec, created);
                event("recommendation", "created", rec.reference, created.plusNanos(300_000));
            }
            progress("recommendations", r, reports);
        }

        // 3. the history, entry by entry, each in "its own transaction"
        for (int r = 0; r < reports; r++) {
            ReportData rep = report(r);
            for (int i = r * perReport; i < Math.min(n, (r + 1) * perReport); i++) {
                Rec rec = recommendation(i, rep);
                for (Entry e : rec.entries) {
                    e.id = e.assessment ? nextId("assessment") : nextId("progress_update");
                    Instant at = nextSlot();
                    nextSlot(); // the second event of the pair
                    e.recordedAt = at;
                    insertEntry(rec, e);
                    Instant eventAt = at.plusNanos(500_000);
                    event(e.assessment ? "assessment" : "progress-update", "created", Long.toString(e.id), eventAt);
                    event("recommendation", "updated", rec.reference, eventAt);
                }
            }
            progress("history", r, reports);
        }
        flushAll();
        if (counters.get("assessment") != assessmentId || counters.get("progress_update") != progressId) {
            throw new IllegalStateException("history ids differ between the passes");
        }

        // 4. the feed position and the sequences, past the generated ids (pooled allocation of 50:
        // a sequence value v hands out ids v-49..v, so restart well past the largest id)
        try (Statement s = c.createStatement()) {
            s.executeUpdate("update change_counter set last_seq = " + seq + " where id = 1");
            restart(s, "institution_seq", (long) COUNTRIES.length * BODIES.length);
            restart(s, "report_seq", reports);
            restart(s, "recommendation_seq", n);
            restart(s, "assessment_seq", assessmentId);
            restart(s, "progress_update_seq", progressId);
            s.execute(postgres ? "set session_replication_role = origin" : "set referential_integrity true");
        }
        c.commit();
        log(String.format("wrote %,d rows (%,d recommendations, %,d assessments, %,d progress updates, %,d change events)",
                rows, n, assessmentId, progressId, seq));

        if (check) {
            checkForeignKeys();
        }
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            // what autovacuum / a DBA would have done by the time such a table is read: fresh
            // planner statistics and, on PostgreSQL, a visibility map for index-only scans
            s.execute(postgres ? "vacuum analyze" : "analyze");
        }
        log("analyzed; done");
        c.close();
    }

    /**
     * --cursor-at F: prints (as JSON) the list cursor the service would hand out after the page
     * ending at fraction F of the current recommendations sorted by reference, in the service's
     * format (org.rectrack.common.Cursor), for when following `next` page by page is too slow
     * (H2 at a million rows). Reads the database directly: with H2 the service must be stopped.
     */
    void printCursor() throws SQLException {
        try (Connection conn = DriverManager.getConnection(url, user, password); Statement s = conn.createStatement()) {
            long total;
            try (ResultSet rs = s.executeQuery("select count(*) from recommendation where archived = false")) {
                rs.next();
                total = rs.getLong(1);
            }
            long position = (long) (total * cursorAt) / 500 * 500;
            try (PreparedStatement p = conn.prepareStatement("select id, reference from recommendation where archived = false"
                    + " order by reference, id offset ? rows fetch next 2 rows only")) {
                p.setLong(1, position - 1);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    long id = rs.getLong(1);
                    String reference = rs.getString(2);
                    rs.next();
                    String next = rs.getString(2);
                    String raw = "c1\nreference\n" + id + "\n" + reference;
                    String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    System.out.printf("{\"cursor\": \"%s\", \"position\": %d, \"total\": %d, \"requests\": 0, \"seconds\": 0,"
                            + " \"slowest_s\": 0, \"first_reference\": \"%s\", \"built\": true}%n", cursor, position, total, next);
                }
            }
        }
    }

    // ------------------------------------------------------------------ data

    record ReportData(String reference, String title, String country, int countryIndex, LocalDate electionDate,
                      LocalDate publishedOn, String url) {
    }

    static final class Rec {
        long id;
        String reference;
        long reportId;
        int number;
        String text;
        boolean priority;
        LocalDate targetDate;
        String response;
        Long repeatsId;
        boolean archived;
        String country; // the report's, copied as the service copies it
        List<Integer> themes = new ArrayList<>();
        List<Long> addressees = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
    }

    static final class Entry {
        boolean assessment;
        LocalDate date;
        long id;
        Instant recordedAt;
        // assessment
        String status, rawStatus, type, assessorName, source, rationale, evidence;
        // progress update
        long institutionId;
        String stage, summary;
        Integer percent;
    }

    static final Comparator<Entry> CHRONOLOGICAL = Comparator.comparing((Entry e) -> e.date)
            .thenComparing(e -> e.recordedAt).thenComparingLong(e -> e.id);

    ReportData report(int r) {
        int ci = r % COUNTRIES.length;
        int year = 2005 + (r / COUNTRIES.length) % 20;
        SplittableRandom rnd = new SplittableRandom(seed * 7_919 + r);
        LocalDate election = LocalDate.of(year, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        String kind = ELECTIONS[rnd.nextInt(ELECTIONS.length)];
        String reference = String.format("B-%s-%d-%06d", COUNTRIES[ci], year, r);
        return new ReportData(reference, COUNTRY_NAMES[ci] + ", " + kind + ", " + election + ": ODIHR Election Observation Mission Final Report",
                COUNTRIES[ci], ci, election, election.plusDays(80 + rnd.nextInt(60)),
                "https://www.osce.org/odihr/elections/" + COUNTRIES[ci].toLowerCase() + "/" + (100000 + r));
    }

    static long institutionId(int countryIndex, int body) {
        return (long) countryIndex * BODIES.length + body + 1;
    }

    /** Everything about recommendation i, from its own random stream: both passes see the same. */
    Rec recommendation(int i, ReportData rep) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
        Rec rec = new Rec();
        rec.id = i + 1;
        rec.reportId = i / perReport + 1;
        rec.country = rep.country;
        rec.number = i % perReport + 1;
        rec.reference = String.format("%s-R%03d", rep.reference, rec.number);
        rec.text = "The authorities " + pick(rnd, VERBS) + " " + pick(rnd, SUBJECTS) + ", " + pick(rnd, MANNERS)
                + ", well ahead of the next elections."
                + (rnd.nextDouble() < 0.5 ? " Consideration could be given to " + pick(rnd, SUBJECTS) + " as well." : "");
        rec.priority = rec.number <= 8;
        rec.targetDate = rnd.nextDouble() < 0.8 ? LocalDate.of(rep.electionDate.getYear() + 1 + rnd.nextInt(4), 12, 31) : null;
        rec.response = pick(rnd, RESPONSES);
        int previous = i - perReport * COUNTRIES.length; // same number, previous report on the same country
        rec.repeatsId = previous >= 0 && rnd.nextDouble() < 0.05 ? (long) previous + 1 : null;
        rec.archived = rnd.nextDouble() < 0.01;
        int themes = 1 + rnd.nextInt(3);
        while (rec.themes.size() < themes) {
            int t = rnd.nextInt(themeIds.length);
            if (!rec.themes.contains(t)) {
                rec.themes.add(t);
            }
        }
        int addressees = 1 + rnd.nextInt(2);
        while (rec.addressees.size() < addressees) {
            long a = institutionId(rep.countryIndex, rnd.nextInt(BODIES.length));
            if (!rec.addressees.contains(a)) {
                rec.addressees.add(a);
            }
        }
        double u = rnd.nextDouble();
        int assessments = u < 0.25 ? 0 : u < 0.65 ? 1 : u < 0.90 ? 2 : 3;
        for (int k = 0; k < assessments; k++) {
            Entry e = new Entry();
            e.assessment = true;
            e.date = historyDate(rnd, rep.electionDate);
            int s = weighted(rnd, STATUS_WEIGHTS);
            e.status = STATUSES[s];
            e.type = TYPES[weighted(rnd, TYPE_WEIGHTS)];
            e.rawStatus = e.type.equals("ISSUER") ? RAW_ISSUER[s] : RAW_GOVERNMENT[s];
            e.assessorName = switch (e.type) {
                case "ISSUER" -> "OSCE/ODIHR";
                case "GOVERNMENT" -> "Government of " + COUNTRY_NAMES[rep.countryIndex];
                case "CIVIL_SOCIETY" -> "Citizen observer coalition (" + rep.country + ")";
                default -> "Venice Commission";
            };
            e.source = (e.type.equals("ISSUER") ? "ODIHR follow-up report " : "Follow-up submission ") + e.date.getYear();
            e.rationale = pick(rnd, RATIONALES);
            e.evidence = evidence(rnd, rep.country);
            rec.entries.add(e);
        }
        u = rnd.nextDouble();
        int updates = u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
        for (int k = 0; k < updates; k++) {
            Entry e = new Entry();
            e.assessment = false;
            e.date = historyDate(rnd, rep.electionDate);
            e.institutionId = rec.addressees.get(rnd.nextInt(rec.addressees.size()));
            e.stage = pick(rnd, STAGES);
            e.percent = rnd.nextDouble() < 0.8 ? rnd.nextInt(101) : null;
            e.summary = pick(rnd, SUMMARIES);
            e.evidence = evidence(rnd, rep.country);
            rec.entries.add(e);
        }
        // posted in date order (stable for equal dates)
        rec.entries.sort(Comparator.comparing(e -> e.date));
        return rec;
    }

    LocalDate historyDate(SplittableRandom rnd, LocalDate election) {
        LocalDate d = election.plusDays(200 + rnd.nextInt(6 * 365));
        LocalDate latest = today.minusDays(30);
        return d.isAfter(latest) ? latest.minusDays(rnd.nextInt(365)) : d;
    }

    static String evidence(SplittableRandom rnd, String country) {
        int k = rnd.nextInt(3);
        if (k == 0) {
            return null; // as UrlListConverter stores an empty list
        }
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < k; j++) {
            if (j > 0) {
                b.append('\n');
            }
            b.append("https://legislation.example.org/").append(country.toLowerCase()).append('/').append(rnd.nextInt(1_000_000));
        }
        return b.toString();
    }

    static String pick(SplittableRandom rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    static int weighted(SplittableRandom rnd, double[] weights) {
        double u = rnd.nextDouble();
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    // ------------------------------------------------------------------ rows

    void insertRecommendation(Rec rec, Instant created) throws SQLException {
        Entry issuer = null, government = null, civil = null, other = null, progress = null;
        for (Entry e : rec.entries) {
            if (e.assessment) {
                switch (e.type) {
                    case "ISSUER" -> issuer = later(issuer, e);
                    case "GOVERNMENT" -> government = later(government, e);
                    case "CIVIL_SOCIETY" -> civil = later(civil, e);
                    default -> other = later(other, e);
                }
            } else {
                progress = later(progress, e);
            }
        }
        Instant updated = rec.entries.isEmpty() ? created
                : rec.entries.get(rec.entries.size() - 1).recordedAt.plusNanos(200_000);
        PreparedStatement p = statements.get("recommendation");
        p.setLong(1, rec.id);
        p.setString(2, rec.reference);
        p.setLong(3, rec.reportId);
        p.setInt(4, rec.number);
        p.setString(5, rec.text);
        p.setBoolean(6, rec.priority);
        p.setObject(7, rec.targetDate, Types.DATE);
        p.setString(8, rec.response);
        setLong(p, 9, rec.repeatsId);
        p.setBoolean(10, rec.archived);
        p.setString(11, issuer == null ? "NOT_ASSESSED" : issuer.status);
        p.setObject(12, issuer == null ? null : issuer.date, Types.DATE);
        setLong(p, 13, issuer == null ? null : issuer.id);
        setLong(p, 14, government == null ? null : government.id);
        setLong(p, 15, civil == null ? null : civil.id);
        setLong(p, 16, other == null ? null : other.id);
        setLong(p, 17, progress == null ? null : progress.id);
        p.setLong(18, rec.entries.size()); // one version per history entry posted
        p.setObject(19, ts(created));
        p.setObject(20, ts(updated));
        p.setString(21, rec.country);
        add("recommendation");
        for (int t : rec.themes) {
            PreparedStatement pt = statements.get("recommendation_theme");
            pt.setLong(1, rec.id);
            pt.setLong(2, themeIds[t]);
            add("recommendation_theme");
        }
        for (long a : rec.addressees) {
            PreparedStatement pa = statements.get("recommendation_addressee");
            pa.setLong(1, rec.id);
            pa.setLong(2, a);
            add("recommendation_addressee");
        }
    }

    static Entry later(Entry current, Entry e) {
        return current == null || CHRONOLOGICAL.compare(e, current) > 0 ? e : current;
    }

    void insertEntry(Rec rec, Entry e) throws SQLException {
        if (e.assessment) {
            PreparedStatement p = statements.get("assessment");
            p.setLong(1, e.id);
            p.setLong(2, rec.id);
            p.setString(3, e.status);
            p.setString(4, e.rawStatus);
            p.setString(5, e.type);
            p.setString(6, e.assessorName);
            p.setObject(7, e.date);
            p.setString(8, e.source);
            p.setString(9, e.rationale);
            p.setString(10, e.evidence);
            p.setObject(11, ts(e.recordedAt));
            add("assessment");
        } else {
            PreparedStatement p = statements.get("progress_update");
            p.setLong(1, e.id);
            p.setLong(2, rec.id);
            p.setLong(3, e.institutionId);
            p.setString(4, e.stage);
            if (e.percent == null) {
                p.setNull(5, Types.INTEGER);
            } else {
                p.setInt(5, e.percent);
            }
            p.setString(6, e.summary);
            p.setObject(7, e.date);
            p.setString(8, e.evidence);
            p.setObject(9, ts(e.recordedAt));
            add("progress_update");
        }
    }

    final Map<String, Long> counters = new HashMap<>(Map.of("assessment", 0L, "progress_update", 0L));

    long nextId(String table) {
        return counters.merge(table, 1L, Long::sum);
    }

    void event(String type, String action, String key, Instant at) throws SQLException {
        PreparedStatement p = statements.get("change_event");
        p.setLong(1, ++seq);
        p.setString(2, type);
        p.setString(3, action);
        p.setString(4, key);
        p.setObject(5, ts(at));
        add("change_event");
    }

    Instant nextSlot() {
        return slotTime(eventSlot++);
    }

    Instant slotTime(long slot) {
        return base.plus(slot * stepMicros, ChronoUnit.MICROS);
    }

    static OffsetDateTime ts(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    static void setLong(PreparedStatement p, int index, Long value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, value);
        }
    }

    // ------------------------------------------------------------------ JDBC

    void prepare(String table, String sql) throws SQLException {
        statements.put(table, c.prepareStatement(sql));
        batched.put(table, 0);
    }

    void add(String table) throws SQLException {
        PreparedStatement p = statements.get(table);
        p.addBatch();
        rows++;
        int k = batched.merge(table, 1, Integer::sum);
        if (k >= batch) {
            p.executeBatch();
            batched.put(table, 0);
        }
        if (++pendingRows >= 50_000) {
            flushAll();
        }
    }

    void flushAll() throws SQLException {
        for (Map.Entry<String, PreparedStatement> e : statements.entrySet()) {
            if (batched.get(e.getKey()) > 0) {
                e.getValue().executeBatch();
                batched.put(e.getKey(), 0);
            }
        }
        c.commit();
        pendingRows = 0;
    }

    void requireEmpty() throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : List.of("institution", "report", "recommendation", "assessment", "progress_update", "change_event")) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    if (rs.getLong(1) != 0) {
                        throw new IllegalStateException("table " + table + " is not empty: generate into a freshly migrated database");
                    }
                }
            }
        }
    }

    void loadThemes() throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, code from theme order by id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                codes.add(rs.getString(2));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no themes: start the service once on this database so that Flyway migrates it");
        }
        themeIds = ids.stream().mapToLong(Long::longValue).toArray();
        themeCodes = codes.toArray(String[]::new);
    }

    static void restart(Statement s, String sequence, long maxId) throws SQLException {
        long value = (maxId / 100 + 2) * 100 + 1; // at least maxId + 100, so ids value-49..value are all new
        s.execute("alter sequence " + sequence + " restart with " + value);
    }

    /** Every foreign key of the tables written, checked by a query, since the loading session skipped them. */
    void checkForeignKeys() throws SQLException {
        String[][] keys = {
                {"recommendation", "report_id", "report"}, {"recommendation", "repeats_id", "recommendation"},
                {"recommendation", "latest_issuer_id", "assessment"}, {"recommendation", "latest_government_id", "assessment"},
                {"recommendation", "latest_civil_society_id", "assessment"}, {"recommendation", "latest_other_id", "assessment"},
                {"recommendation", "latest_progress_id", "progress_update"},
                {"recommendation_theme", "recommendation_id", "recommendation"}, {"recommendation_theme", "theme_id", "theme"},
                {"recommendation_addressee", "recommendation_id", "recommendation"},
                {"recommendation_addressee", "institution_id", "institution"},
                {"assessment", "recommendation_id", "recommendation"}, {"progress_update", "recommendation_id", "recommendation"},
                {"progress_update", "institution_id", "institution"}};
        try (Statement s = c.createStatement()) {
            for (String[] k : keys) {
                String sql = "select count(*) from " + k[0] + " c where c." + k[1] + " is not null and not exists (select 1 from "
                        + k[2] + " p where p.id = c." + k[1] + ")";
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    if (rs.getLong(1) != 0) {
                        throw new IllegalStateException(rs.getLong(1) + " rows of " + k[0] + "." + k[1] + " name no " + k[2]);
                    }
                }
            }
            // the derived status is the latest ISSUER assessment's, and the feed matches its counter
            try (ResultSet rs = s.executeQuery("select count(*) from recommendation r join assessment a on a.id = r.latest_issuer_id"
                    + " where a.recommendation_id <> r.id or a.status <> r.status or a.assessor_type <> 'ISSUER'")) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    throw new IllegalStateException(rs.getLong(1) + " recommendations disagree with their latest ISSUER assessment");
                }
            }
            try (ResultSet rs = s.executeQuery("select (select max(seq) from change_event), (select last_seq from change_counter where id = 1)")) {
                rs.next();
                if (rs.getLong(1) != rs.getLong(2)) {
                    throw new IllegalStateException("change_counter.last_seq " + rs.getLong(2) + " but events up to " + rs.getLong(1));
                }
            }
        }
        c.commit();
        log("foreign keys, derived status and feed position checked");
    }

    void progress(String what, int r, int reports) {
        if ((r + 1) % Math.max(1, reports / 10) == 0 || r + 1 == reports) {
            log(String.format("%s: %d %%", what, (r + 1) * 100L / reports));
        }
    }

    void log(String message) {
        double s = (System.nanoTime() - started) / 1e9;
        System.err.printf("[%6.1f s, %,d rows] %s%n", s, rows, message);
    }
}
