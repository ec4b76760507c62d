#!/usr/bin/env python3
"""Webhook delivery latency and throughput against a running rectrack (see webhook-bench.sh).

Starts a receiver on loopback, registers a webhook for one new report, makes N writes (recommendations:
one event each) and records when each event arrives. Mode "steady": N single POSTs from C client
threads, so events come as fast as the service takes writes. Mode "burst": one import of N rows, so
N events commit at once and the deliveries show how fast a backlog drains. Latency is the
receipt time minus the event's `at` (stamped in the writer's transaction, just before its commit);
throughput is events delivered per second from the first write to the last receipt, and (for a burst,
whose events all commit at the end of the import) from the end of the writes to the last receipt. Every signature
is verified (Standard Webhooks, with the secret of the 201). Prints one Markdown row.
"""
import base64, hashlib, hmac, json, os, sys, threading, time, urllib.request
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

base, flavour, mode, n, clients = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
auth = {"Authorization": "Bearer " + os.environ["BENCH_ADMIN_KEY"], "Content-Type": "application/json"}
received, lock, done = {}, threading.Lock(), threading.Event()
secret = {"value": None}
bad_signatures = [0]


class Hook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver would: no connection per event

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        now = time.time()
        key = base64.b64decode(secret["value"][len("whsec_"):])
        signed = f'{self.headers["webhook-id"]}.{self.headers["webhook-timestamp"]}.'.encode() + body
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        event = json.loads(body)
        with lock:
            if not any(s.split(",", 1)[1] == expected for s in self.headers["webhook-signature"].split(" ")):
                bad_signatures[0] += 1
            received.setdefault(event["seq"], []).append((now, event["at"]))
            if len(received) >= n:
                done.set()
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=server.serve_forever, daemon=True).start()


def call(method, path, body=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method=method, headers=auth)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


report = f"WHB-{int(time.time())}"
call("POST", "/api/v1/reports", {"reference": report, "title": "Webhook bench", "issuer": "OSCE/ODIHR", "country": "KZ"})
hook = call("POST", "/api/v1/webhooks", {"url": f"http://127.0.0.1:{server.server_port}/bench", "events": ["recommendation"],
                                         "filter": {"report": [report]}})
secret["value"] = hook["secret"]


def writer(c):
    for i in range(c, n, clients):
        call("POST", "/api/v1/recommendations", {"reference": f"{report}-R{i}", "report": report, "number": i + 1,
                                                 "text": f"Benchmark recommendation {i}"})


started = time.time()
if mode == "burst":
    call("POST", "/api/v1/imports", [{"reference": f"{report}-R{i}", "report": report, "number": i + 1,
                                      "text": f"Benchmark recommendation {i}"} for i in range(n)])
    clients = 1
else:
    threads = [threading.Thread(target=writer, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
written = time.time()
if not done.wait(300):
    sys.exit(f"only {len(received)} of {n} events arrived within 300 s")
finished = max(t for arrivals in received.values() for t, _ in arrivals)
server.shutdown()
call("DELETE", f"/api/v1/webhooks/{hook['id']}")

latencies = sorted((arrivals[0][0] - datetime.fromisoformat(arrivals[0][1].replace("Z", "+00:00")).timestamp()) * 1000
                   for arrivals in received.values())
repeats = sum(len(a) - 1 for a in received.values())
seqs = sorted(received)
order_ok = all(received[a][0][0] <= received[b][0][0] for a, b in zip(seqs, seqs[1:]))


def pct(p):
    return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))]


print(f"| {flavour} | {mode} | {n} | {clients} | {n / (written - started):.0f}/s | {n / (finished - started):.0f}/s "
      f"| {f'{n / max(0.001, finished - written):.0f}/s' if mode == 'burst' else '—'} "
      f"| {pct(50):.0f} ms | {pct(99):.0f} ms | {latencies[-1]:.0f} ms | {repeats} | {'yes' if order_ok else 'NO'} "
      f"| {bad_signatures[0]} |")
