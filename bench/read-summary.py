#!/usr/bin/env python3
"""Folds the results.md of bench/read-bench.sh runs into the summary tables of docs/benchmarks.md.

    bench/read-summary.py [BENCH_WORK=/tmp/rectrack-bench-read]

reads BENCH_WORK/read-<flavour>-<N>/results.md for every flavour and size found and prints, per
database, one table of throughput and latency under load, one of the single-request times, one of
the statistics when writes invalidate them, and one of issue 12's read targets beside the plain Panache
peer's ratios (the rows named "peer: ..."), each judged on its own run's ceiling.
"""
import os
import re
import sys

work = sys.argv[1] if len(sys.argv) > 1 else "/tmp/rectrack-bench-read"
runs = {}
for name in os.listdir(work):
    m = re.fullmatch(r"read-(h2|postgresql)-(\d+)", name)
    path = os.path.join(work, name, "results.md")
    if m and os.path.exists(path):
        runs.setdefault(m.group(1), {})[int(m.group(2))] = open(path, encoding="utf-8").read()


def rows(text, width=9):
    out = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == width and cells[0] not in ("endpoint", "---") and not cells[0].startswith("---"):
            out[cells[0]] = cells
    return out


def size(n):
    return f"{n // 1000000}M" if n >= 1000000 else f"{n // 1000}k"


def secs(cell):
    """1234.5 ms -> 1.2 s, for reading at a glance."""
    return re.sub(r"(\d+(?:\.\d+)?) ms", lambda m: f"{float(m.group(1)) / 1000:.1f} s" if float(m.group(1)) >= 1000
                  else m.group(0), cell)


def short(name):
    return re.sub(r"\?asOf=\S+", "?asOf", name)


def find(table, name):
    """The row of an endpoint, matched by its name with the asOf date left out."""
    return table.get(name) or next((v for k, v in table.items() if short(k) == short(name)), None)


def rate(rps):
    return f"{rps:,.0f}" if rps >= 10 else f"{rps:.1f}"


def table(title, names, sizes, cell):
    print(title + "\n")
    print("| endpoint | " + " | ".join(size(n) for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for name in names:
        print(f"| {short(name)} | " + " | ".join(secs(cell(n, name)) for n in sizes) + " |")
    print()


for flavour in ("postgresql", "h2"):
    if flavour not in runs:
        continue
    database = "PostgreSQL" if flavour == "postgresql" else "H2"
    sizes = sorted(runs[flavour])
    loaded = {n: rows(runs[flavour][n]) for n in sizes}
    written = {n: rows(runs[flavour][n], 7) for n in sizes}
    # every endpoint of any size, in the order of the runs (an older run may lack the peer's rows)
    names = list(dict.fromkeys(k for n in sizes for k in loaded[n]))

    def under_load(n, name):
        c = find(loaded[n], name)
        if c is None or c[1] == "not loaded":
            return "" if c is None else "not loaded"
        ratio = float(c[6])
        share = "" if name == names[0] else f" (×{ratio:.2f})" if ratio >= 0.01 else f" (×{ratio:.4f})"
        return f"{rate(float(c[1]))}{share}, {c[2]} / {c[3]}"

    def alone(n, name):
        c = find(loaded[n], name)
        return "" if c is None else f"{c[4]}, {c[5]}"

    def after_writes(n, name):
        c = find(written[n], name)
        return "" if c is None else f"{c[1]} alone; {rate(float(c[2]))} req/s, {c[3]} / {c[4]}"

    table(f"**{'PostgreSQL' if flavour == 'postgresql' else 'H2 (embedded default)'}** under load"
          " (req/s, × the ceiling of the same run, p50 / p99):", names, sizes, under_load)
    table(f"**{database}**, one request at a time (the first call after start, then the median of 3):",
          names, sizes, alone)
    def ratio(n, name, minimum=None):
        c = find(loaded[n], name)
        if c is None or c[1] == "not loaded":
            return "" if c is None else "not loaded"
        value = float(c[6])
        judged = "" if minimum is None else " met" if value >= minimum else " missed"
        # three decimals: 0.0585 must not read as the 0.06 it misses
        return f"×{value:.3f}{judged}" if value >= 0.01 else f"×{value:.4f}{judged}"

    targets = [("one recommendation", 0.4), ("first page of 50", 0.06), ("peer: one row", None),
               ("peer: list of 50", None)]
    if any(find(loaded[n], "peer: one row") for n in sizes):
        print(f"**{database}**, read targets (× the ceiling of the same run; the peer is a plain Panache service"
              " of the same Quarkus on a database of the same kind):\n")
        print("| | " + " | ".join(size(n) for n in sizes) + " |")
        print("|---|" + "---:|" * len(sizes))
        for name, minimum in targets:
            label = name if minimum is None else f"{name} (target ≥ {minimum})"
            print(f"| {label} | " + " | ".join(ratio(n, name, minimum) for n in sizes) + " |")
        print()
    stats = [name for name in names if any(find(written[n], name) for n in sizes)]
    if stats:
        table(f"**{database}**, statistics when writes invalidate them: alone right after a write (median of 3),"
              " and under load with one write per second (req/s, p50 / p99):", stats, sizes, after_writes)
