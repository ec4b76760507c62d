#!/usr/bin/env python3
"""Helper of bench/sse-idle.sh (standard library only).

    sse-idle.py BASE PID CLIENTS SECONDS

Samples the server's CPU time and RSS for SECONDS with no stream open (the baseline), opens CLIENTS
change streams and waits until the server counts them all open, samples again for SECONDS while they
idle, then writes one institution and checks that every client receives its event. Prints Markdown.
Every wait is bounded; the clients are closed when it ends.
"""
import http.client
import json
import os
import re
import sys
import threading
import time
import urllib.parse
import urllib.request

TICK = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def cpu_seconds(pid):
    # fields after the command's closing parenthesis: utime and stime are the 12th and 13th
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_mib(pid):
    return int(open(f"/proc/{pid}/statm").read().split()[1]) * PAGE_KIB / 1024


def sample(pid, seconds):
    """CPU used over `seconds`, as % of one core, and the RSS at the end."""
    started, cpu = time.monotonic(), cpu_seconds(pid)
    time.sleep(seconds)
    used, elapsed = cpu_seconds(pid) - cpu, time.monotonic() - started
    return 100 * used / elapsed, rss_mib(pid)


def open_streams(base):
    text = urllib.request.urlopen(base + "/q/metrics", timeout=10).read().decode()
    m = re.search(r"^rectrack_change_streams_open\S*\s+([\d.E+]+)$", text, re.M)
    return int(float(m.group(1))) if m else -1


class Client(threading.Thread):
    """One change stream; records the status, the heartbeats and when the first event came."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url = url
        self.status = None
        self.heartbeats = 0
        self.event_at = None
        self.event_name = None
        self.error = None
        self.conn = None

    def run(self):
        try:
            self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=600)
            self.conn.request("GET", self.url.path, headers={"Accept": "text/event-stream"})
            response = self.conn.getresponse()
            self.status = response.status
            if response.status != 200:
                return
            while self.event_at is None:
                line = response.readline()
                if not line:
                    self.error = "stream ended"
                    return
                if line.startswith(b":"):
                    self.heartbeats += 1
                elif line.startswith(b"event:"):
                    self.event_name = line[6:].strip().decode()
                    self.event_at = time.monotonic()
        except OSError as e:
            self.error = str(e)

    def close(self):
        try:
            self.conn.sock.close()
        except (AttributeError, OSError):
            pass


def main(base, pid, clients, seconds):
    idle_cpu, idle_rss = sample(pid, seconds)

    url = urllib.parse.urlparse(base + "/api/v1/changes/stream")
    streams = [Client(url) for _ in range(clients)]
    connect_started = time.monotonic()
    for c in streams:
        c.start()
    deadline = time.monotonic() + 60
    while open_streams(base) < clients and time.monotonic() < deadline:
        if any(c.status not in (None, 200) for c in streams):
            break
        time.sleep(0.2)
    counted = open_streams(base)
    refused = sum(1 for c in streams if c.status not in (None, 200))
    if counted != clients:
        raise SystemExit(f"the server counts {counted} open streams of {clients} ({refused} refused)")
    connect_s = time.monotonic() - connect_started
    time.sleep(2)  # the connections' own setup work is over before the idle sample starts
    streams_cpu, streams_rss = sample(pid, seconds)

    key = os.environ["BENCH_ADMIN_KEY"]
    body = json.dumps({"code": f"bench-sse-{int(time.time())}", "name": "Change stream benchmark",
                       "country": "AM", "kind": "OTHER"}).encode()
    write = urllib.request.Request(base + "/api/v1/institutions", data=body, method="POST", headers={
        "Content-Type": "application/json", "Accept": "application/json", "Authorization": "Bearer " + key})
    written_at = time.monotonic()
    status = urllib.request.urlopen(write, timeout=30).status
    if status != 201:
        raise SystemExit(f"the write answered {status}")
    for c in streams:
        c.join(max(0.0, written_at + 15 - time.monotonic()))
    received = [c for c in streams if c.event_at is not None and c.event_name == "institution"]
    delays = sorted(c.event_at - written_at for c in received)
    heartbeats = sorted(c.heartbeats for c in streams)
    for c in streams:
        c.close()

    print(f"| | streams open | CPU, % of one core | RSS |")
    print(f"|---|---:|---:|---:|")
    print(f"| idle, no stream | 0 | {idle_cpu:.2f} | {idle_rss:.0f} MiB |")
    print(f"| idle, {clients} streams | {counted} | {streams_cpu:.2f} | {streams_rss:.0f} MiB |")
    print()
    print(f"Each sample lasted {seconds:g} s. The server counted all {clients} streams open {connect_s:.1f} s after the"
          f" clients started;\nheartbeats received per stream over the whole run: {heartbeats[0]} to {heartbeats[-1]}."
          f" One write afterwards (POST /api/v1/institutions):\n{len(received)} of {clients} streams received its event"
          + (f", {delays[0] * 1000:.0f} to {delays[-1] * 1000:.0f} ms after the write was sent." if delays else "."))
    if len(received) != clients:
        errors = sorted({c.error for c in streams if c.error})
        raise SystemExit(f"{clients - len(received)} streams did not receive the event; errors: {errors}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
