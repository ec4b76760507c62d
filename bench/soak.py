#!/usr/bin/env python3
"""Helper of bench/soak.sh (standard library only).

    soak.py BASE PID MINUTES ADMIN_KEY

Runs the mixed load of bench/soak.sh for MINUTES against BASE, samples the server's RSS every 5 s,
then stops the load, lets a follower page the whole change feed from the start and compares what it
rebuilt (the events, the recommendations and assessments created) with the database and with the
streams. Prints Markdown; exits 1 if anything went wrong.
"""
import collections
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BASE, PID, MINUTES, KEY = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
URL = urllib.parse.urlsplit(BASE)
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
END = time.monotonic() + MINUTES * 60
counts = collections.Counter()
problems = []
lock = threading.Lock()


def note(kind, problem=None):
    with lock:
        counts[kind] += 1
        if problem and len(problems) < 50:
            problems.append(f"{kind}: {problem}")


def call(method, path, body=None, headers=None, timeout=60):
    """(status, headers, body bytes); a connection error is status 0."""
    request = urllib.request.Request(BASE + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()
    except OSError as e:
        return 0, {}, str(e).encode()


def admin(extra=None):
    return {"Authorization": "Bearer " + KEY, "Content-Type": "application/json", **(extra or {})}


def post_json(path, item, key=None):
    headers = admin({"Idempotency-Key": key} if key else None)
    return call("POST", path, json.dumps(item).encode(), headers)


def setup():
    for code in ("cec-soak", "parl-soak"):
        status, _, body = post_json("/api/v1/institutions", {"code": code, "name": code, "kind": "ELECTION_ADMINISTRATION", "country": "KZ"})
        if status != 201:
            raise SystemExit(f"setup: institution {status} {body[:300]!r}")
    status, _, body = post_json("/api/v1/reports", {"reference": "SOAK-0", "title": "Soak", "issuer": "OSCE/ODIHR", "country": "KZ"})
    if status != 201:
        raise SystemExit(f"setup: report {status} {body[:300]!r}")
    for n in range(1, 51):
        status, _, body = post_json("/api/v1/recommendations", {"reference": f"SOAK-0-R{n}", "report": "SOAK-0", "number": n,
                                                               "text": f"Recommendation {n}", "addressees": ["cec-soak"]})
        if status != 201:
            raise SystemExit(f"setup: recommendation {status} {body[:300]!r}")


def poller(index):
    paths = ["/api/v1/recommendations?limit=50", "/api/v1/stats?groupBy=status", f"/api/v1/recommendations/SOAK-0-R{index % 50 + 1}"]
    tags = {}
    while time.monotonic() < END:
        for path in paths:
            headers = {"Accept": "application/json"}
            if path in tags:
                headers["If-None-Match"] = tags[path]
            status, answer, _ = call("GET", path, headers=headers)
            if status == 200:
                tags[path] = answer.get("ETag")
                note("poll 200")
            elif status == 304:
                note("poll 304")
            else:
                note("poll error", f"{status} {path}")
        time.sleep(0.2)


def writer(index):
    n = 0
    while time.monotonic() < END:
        n += 1
        key = f"soak-{index}-{n}"
        item = {"status": "PARTIALLY_IMPLEMENTED", "assessorType": "CIVIL_SOCIETY", "assessedOn": "2024-01-01",
                "rationale": key}
        path = f"/api/v1/recommendations/SOAK-0-R{(index * 7 + n) % 50 + 1}/assessments"
        status, _, body = post_json(path, item, key)
        if status != 201:
            note("write error", f"{status} {body[:200]!r}")
            continue
        note("write 201")
        if n % 10 == 0:
            again, headers, replay = post_json(path, item, key)
            if again != 201 or headers.get("Idempotency-Replayed") != "true" or replay != body:
                note("replay error", f"{again} {headers.get('Idempotency-Replayed')}")
            else:
                note("replay same")
        time.sleep(0.5)


def importer():
    n = 0
    while time.monotonic() < END:
        n += 1
        report = f"SOAK-{n}"
        status, _, body = post_json("/api/v1/reports", {"reference": report, "title": f"Soak {n}", "issuer": "OSCE/ODIHR", "country": "KZ"})
        if status != 201:
            note("import error", f"report {status} {body[:200]!r}")
        rows = "".join(f"{report}-R{i},{report},{i},Imported recommendation {i}\n" for i in range(1, 501))
        status, _, body = call("POST", "/api/v1/imports", ("reference,report,number,text\n" + rows).encode(),
                               {"Authorization": "Bearer " + KEY, "Content-Type": "text/csv; charset=UTF-8",
                                "Idempotency-Key": f"soak-import-{n}"}, timeout=300)
        if status != 200:
            note("import error", f"{status} {body[:200]!r}")
        else:
            note("import 500 rows")
        for _ in range(60):
            if time.monotonic() >= END:
                break
            time.sleep(1)


streamed = collections.defaultdict(set)
streams_stop = threading.Event()  # set once the load has stopped and the last events had time to arrive


def stream(index):
    last = None
    while not streams_stop.is_set():
        connection = http.client.HTTPConnection(URL.hostname, URL.port, timeout=30)
        try:
            headers = {"Accept": "text/event-stream"}
            if last is not None:
                headers["Last-Event-ID"] = str(last)
            path = "/api/v1/changes/stream" + ("" if last is not None else "?after=0")
            connection.request("GET", path, headers=headers)
            answer = connection.getresponse()
            if answer.status != 200:
                note("stream error", f"{answer.status}")
                time.sleep(1)
                continue
            note("stream opened")
            while not streams_stop.is_set():
                line = answer.fp.readline()
                if not line:
                    break
                if line.startswith(b"id:"):
                    last = int(line[3:].strip())
                    streamed[index].add(last)
            connection.close()
        except (OSError, http.client.HTTPException):
            if not streams_stop.is_set():
                note("stream reconnect")
        finally:
            connection.close()


rss = []


def sampler():
    started = time.monotonic()
    while time.monotonic() < END:
        pages = int(open(f"/proc/{PID}/statm").read().split()[1])
        rss.append(((time.monotonic() - started) / 60, pages * PAGE_KIB / 1024))
        time.sleep(5)


def follow():
    """Every event from the start, paged as a follower pages them."""
    events, after = [], 0
    while True:
        status, _, body = call("GET", f"/api/v1/changes?after={after}&limit=500", headers={"Accept": "application/json"})
        if status != 200:
            raise SystemExit(f"follower: {status} {body[:200]!r}")
        page = json.loads(body)["items"]
        if not page:
            return events
        events.extend(page)
        after = page[-1]["seq"]


def slope(points):
    """MiB per hour, least squares over the points (minutes, MiB)."""
    n = len(points)
    mx, my = sum(p[0] for p in points) / n, sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    return 60 * sum((p[0] - mx) * (p[1] - my) for p in points) / sxx if sxx else 0.0


setup()
threads = [threading.Thread(target=poller, args=(i,)) for i in range(8)]
threads += [threading.Thread(target=writer, args=(i,)) for i in range(2)]
threads += [threading.Thread(target=importer)]
threads += [threading.Thread(target=stream, args=(i,), daemon=True) for i in range(20)]
threads += [threading.Thread(target=sampler)]
for t in threads:
    t.start()
for t in threads:
    if not t.daemon:
        t.join()
events = follow()
time.sleep(5)  # the streams' last polls (rectrack.changes.stream-poll, 1 s)
streams_stop.set()
seqs = [e["seq"] for e in events]
created = collections.Counter(e["type"] for e in events if e["action"] == "created")
gap_free = seqs == list(range(1, len(seqs) + 1))
state = subprocess.run(["bash", "-c", "db_state"], capture_output=True, text=True, check=True).stdout.split()
if state == ["api"]:
    stats = json.loads(call("GET", "/api/v1/stats?archived=any", headers={"Accept": "application/json"})[2])
    database = {"last event": seqs[-1] if seqs else 0, "events": len(seqs), "recommendations": stats["total"]["total"],
                "assessments": None, "source": "the API (H2 is locked by the server)"}
else:
    database = {"last event": int(state[0]), "events": int(state[1]), "recommendations": int(state[2]),
                "assessments": int(state[3]), "source": "SQL on the database"}
rebuilt = {"last event": seqs[-1] if seqs else 0, "events": len(seqs), "recommendations": created["recommendation"],
           "assessments": created["assessment"]}
matches = all(database[k] is None or database[k] == rebuilt[k] for k in rebuilt)
all_seqs = set(seqs)
streams_complete = sum(1 for s in streamed.values() if s == all_seqs)

half = [p for p in rss if p[0] >= MINUTES / 2]
print(f"| | count |\n|---|---:|")
for kind in sorted(counts):
    print(f"| {kind} | {counts[kind]:,} |")
print()
print(f"Change feed at the end: {len(seqs):,} events, gap-free: {'yes' if gap_free else 'NO'}. What a follower rebuilt from it, "
      f"against {database['source']}:")
print()
print("| | follower | database |\n|---|---:|---:|")
for k in rebuilt:
    print(f"| {k} | {rebuilt[k]:,} | {'–' if database[k] is None else format(database[k], ',')} |")
print()
print(f"Streams that received every event of the feed: {streams_complete} of {len(streamed)}.")
if rss:
    print(f"RSS: {rss[0][1]:.0f} MiB after {rss[0][0]:.1f} min, {rss[-1][1]:.0f} MiB at the end, largest {max(p[1] for p in rss):.0f} MiB; "
          f"slope over the second half {slope(half) if len(half) > 2 else 0:+.1f} MiB per hour ({len(rss)} samples, every 5 s).")
errors = sum(v for k, v in counts.items() if "error" in k)
ok = errors == 0 and gap_free and matches and streams_complete == len(streamed)
print()
print(f"Result: {'no error' if ok else 'FAILED'}; {errors} errors.")
for p in problems:
    print(f"- {p}")
sys.exit(0 if ok else 1)
