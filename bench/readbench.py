#!/usr/bin/env python3
"""Helpers of bench/read-bench.sh (standard library only).

    readbench.py verify BASE N LAST_SEQ    checks generated data through the API; prints a summary
    readbench.py walk BASE FRACTION        follows `next` with limit=500 through the unfiltered list
                                           sorted by reference until FRACTION of it; prints JSON with
                                           the cursor there, the requests it took and how long
    readbench.py feed-end BASE AFTER       prints the position of the feed's last event (pages on from AFTER)
    readbench.py wrk FILE                  prints "rps p50_ms p99_ms errors" of a `wrk --latency` output
"""
import http.client
import json
import re
import sys
import time
import urllib.parse

HEADERS = {"Accept": "application/json"}


class Api:
    def __init__(self, base):
        u = urllib.parse.urlparse(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)

    def get(self, path, expect=200):
        self.conn.request("GET", path, headers=HEADERS)
        r = self.conn.getresponse()
        body = r.read()
        if r.status != expect:
            raise SystemExit(f"GET {path}: {r.status} (expected {expect}): {body[:300]!r}")
        return json.loads(body) if body else None, r


def fail(message):
    raise SystemExit("verify: " + message)


def verify(base, n, last_seq):
    api = Api(base)
    every = api.get("/api/v1/stats?archived=any")[0]["total"]["total"]
    current = api.get("/api/v1/stats")[0]["total"]["total"]
    archived = api.get("/api/v1/stats?archived=true")[0]["total"]["total"]
    if every != n or current + archived != n:
        fail(f"stats: {every} in all, {current} current + {archived} archived; expected {n}")
    by_theme = api.get("/api/v1/stats?groupBy=theme")[0]
    if len(by_theme["groups"]) != 13:
        fail(f"stats by theme has {len(by_theme['groups'])} groups, expected 13")

    # a few recommendations spread over the list: their derived fields agree with their histories
    samples = [api.get("/api/v1/recommendations?limit=1")[0]["items"][0],
               api.get("/api/v1/recommendations?limit=1&sort=-reference")[0]["items"][0],
               api.get("/api/v1/recommendations?limit=1&status=PARTIALLY_IMPLEMENTED&sort=-updatedAt")[0]["items"][0]]
    for item in samples:
        ref = item["reference"]
        one, response = api.get("/api/v1/recommendations/" + urllib.parse.quote(ref))
        if one != item:
            fail(f"{ref} reads differently alone and in a list")
        if response.getheader("ETag") is None:
            fail(f"{ref} has no ETag")
        assessments = api.get(f"/api/v1/recommendations/{urllib.parse.quote(ref)}/assessments?limit=500")[0]["items"]
        progress = api.get(f"/api/v1/recommendations/{urllib.parse.quote(ref)}/progress-updates?limit=500")[0]["items"]
        if one["version"] != len(assessments) + len(progress):
            fail(f"{ref}: version {one['version']} but {len(assessments)} assessments and {len(progress)} progress updates")
        issuer = [a for a in assessments if a["assessorType"] == "ISSUER"]
        latest = max(issuer, key=lambda a: (a["assessedOn"], a["recordedAt"], a["id"])) if issuer else None
        expected = latest["status"] if latest else "NOT_ASSESSED"
        if one["status"] != expected or one["statusAssessedOn"] != (latest["assessedOn"] if latest else None):
            fail(f"{ref}: status {one['status']} / {one['statusAssessedOn']}, its history says {expected}")
        for a in one["latestAssessments"]:
            same = [x for x in assessments if x["assessorType"] == a["assessorType"]]
            if a != max(same, key=lambda x: (x["assessedOn"], x["recordedAt"], x["id"])):
                fail(f"{ref}: latest {a['assessorType']} assessment is not the latest of its history")
        if progress and one["latestProgress"] != max(progress, key=lambda p: (p["reportedOn"], p["recordedAt"], p["id"])):
            fail(f"{ref}: latestProgress is not the latest of its history")

    # the feed pages from the start, gap-free, and ends at the counter the generator set
    after, seen = 0, 0
    for _ in range(3):
        page = api.get(f"/api/v1/changes?after={after}&limit=500")[0]
        seqs = [e["seq"] for e in page["items"]]
        if seqs != list(range(after + 1, after + 1 + len(seqs))) or any(e["data"] is None for e in page["items"]):
            fail(f"feed after {after} is not gap-free with every item")
        seen += len(seqs)
        after = int(page["next"])
    # (a run on re-used data finds the assessments the earlier run posted after the generated events)
    tail = api.get(f"/api/v1/changes?after={last_seq - 3}&limit=3")[0]
    if [e["seq"] for e in tail["items"]] != [last_seq - 2, last_seq - 1, last_seq]:
        fail(f"feed does not reach {last_seq}")
    print(f"verified: stats {current} current + {archived} archived = {n}; {len(samples)} recommendations agree with"
          f" their histories; feed paged {seen} events from 0 and reaches {last_seq}")


def feed_end(base, after):
    """The position of the last event: pages on from `after` until a page is empty."""
    api = Api(base)
    while True:
        page = api.get(f"/api/v1/changes?after={after}&limit=500")[0]
        if not page["items"]:
            print(after)
            return
        after = int(page["next"])


def walk(base, fraction):
    api = Api(base)
    total = api.get("/api/v1/stats")[0]["total"]["total"]
    target = int(total * fraction) // 500 * 500
    started = time.monotonic()
    cursor, seen, requests, slowest = None, 0, 0, 0.0
    while seen < target:
        t = time.monotonic()
        page = api.get("/api/v1/recommendations?limit=500" + (f"&cursor={cursor}" if cursor else ""))[0]
        slowest = max(slowest, time.monotonic() - t)
        requests += 1
        seen += len(page["items"])
        cursor = page["next"]
        if cursor is None:
            raise SystemExit(f"walk: the list ended after {seen} of {total}")
    first = api.get(f"/api/v1/recommendations?limit=1&cursor={cursor}")[0]["items"][0]["reference"]
    print(json.dumps({"cursor": cursor, "position": seen, "total": total, "requests": requests,
                      "seconds": round(time.monotonic() - started, 1), "slowest_s": round(slowest, 3),
                      "first_reference": first}))


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(path):
    text = open(path, encoding="utf-8").read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    done = re.search(r"(\d+) requests in", text)
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(x) for x in m.groups())
    ms = lambda x: float(x.group(1)) * UNITS[x.group(2)] if x else float("nan")
    print(f"{float(rps.group(1)) if rps else 0.0} {ms(p50)} {ms(p99)} {errors} {done.group(1) if done else 0}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "verify":
        verify(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif command == "feed-end":
        feed_end(sys.argv[2], int(sys.argv[3]))
    elif command == "walk":
        walk(sys.argv[2], float(sys.argv[3]))
    elif command == "wrk":
        wrk(sys.argv[2])
    else:
        raise SystemExit(__doc__)
