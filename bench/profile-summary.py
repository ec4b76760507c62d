#!/usr/bin/env python3
"""Shares of a Flight Recorder profile, for bench/profile.sh: `jfr print --json --events jdk.ExecutionSample`.

Two views of the same samples. *Within*: the share of samples with a frame of that part anywhere on the
stack (a part's own time and what it calls; the parts overlap). *On CPU*: the part the top frame belongs to,
so the rows add up to 100 %; time in the JDK's own classes (collections, strings, I/O) counts for the
part that called it.
"""
import json
import sys

# (name, class-name prefixes), in the order they are printed; for "on CPU" the first match wins
PARTS = [
    ("gzip", ("java.util.zip.", "io.netty.handler.codec.compression.", "org.rectrack.common.Compression")),
    ("kept answers, ETags, conditional GETs", ("org.rectrack.changes.FeedTags", "org.rectrack.changes.Answers",
                                              "org.rectrack.common.ConditionalGet", "org.rectrack.common.ETags")),
    ("security and rate limits", ("io.quarkus.security.", "io.quarkus.vertx.http.runtime.security.",
                                  "org.rectrack.security.", "io.smallrye.faulttolerance.")),
    ("RecommendationView.of (wire record, with the lazy loads it makes)", ("org.rectrack.recommendation.RecommendationView",)),
    ("Hibernate ORM", ("org.hibernate.",)),
    ("connection pool (Agroal)", ("io.agroal.",)),
    ("transactions (Narayana)", ("com.arjuna.", "io.quarkus.narayana.")),
    ("PostgreSQL JDBC driver", ("org.postgresql.",)),
    ("H2 (the database, in process)", ("org.h2.",)),
    ("Jackson (JSON)", ("com.fasterxml.jackson.",)),
    ("rectrack, other", ("org.rectrack.",)),
    ("Quarkus REST", ("org.jboss.resteasy.reactive.", "io.quarkus.resteasy.reactive.")),
    ("HTTP (Vert.x, Netty)", ("io.vertx.", "io.netty.", "io.quarkus.vertx.")),
    ("Quarkus, CDI, thread pools (ArC, SmallRye, JBoss Threads)", ("io.quarkus.", "io.smallrye.", "org.jboss.")),
    ("JDK (collections, strings, I/O)", ("java.", "jdk.", "sun.")),
]


JDK = ("java.", "jdk.", "sun.")


def part(type_name):
    for name, prefixes in PARTS:
        if type_name.startswith(prefixes):
            return name
    return "other"


def main(path):
    events = json.load(open(path, encoding="utf-8"))["recording"]["events"]
    within = {name: 0 for name, _ in PARTS}
    on_cpu = {}
    total = 0
    for event in events:
        frames = (event["values"].get("stackTrace") or {}).get("frames") or []
        types = [f["method"]["type"]["name"].replace("/", ".") for f in frames]
        if not types:
            continue
        total += 1
        for name in {part(t) for t in types}:
            if name in within:
                within[name] += 1
        own = [t for t in types if not t.startswith(JDK)]
        top = part(own[0]) if own else "JDK (collections, strings, I/O)"
        on_cpu[top] = on_cpu.get(top, 0) + 1
    print(f"{total:,} CPU samples of the server's threads.")
    print()
    print("| part of the stack | within (inclusive) | on CPU (top frame) |")
    print("|---|---:|---:|")
    for name, _ in PARTS + [("other", ())]:
        w, c = within.get(name, 0), on_cpu.get(name, 0)
        if w or c:
            print(f"| {name} | {100 * w / total:.1f} % | {100 * c / total:.1f} % |")


if __name__ == "__main__":
    main(sys.argv[1])
