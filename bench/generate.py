#!/usr/bin/env python3
"""Generates rectrack data of realistic shape for the benchmarks, deterministically (fixed seed).

    bench/generate.py --recommendations 10000 --out /tmp/rectrack-data

writes, under --out:
  institutions.json   an array of institutions (POST each to /api/v1/institutions)
  reports.json        an array of reports (POST each to /api/v1/reports)
  recommendations-NNN.csv   import files of at most --chunk rows (POST to /api/v1/imports)
  assessments-NNN.json      bulk files of at most 1000 items (POST to /api/v1/assessments)
  progress-NNN.json         bulk files of at most 1000 items (POST to /api/v1/progress-updates)
"""
import argparse
import csv
import json
import os
import random

THEMES = ["legal-framework", "election-administration", "voter-registration", "candidate-registration",
          "campaign-environment", "campaign-finance", "media", "complaints-and-appeals", "observers",
          "election-day", "participation-of-women", "national-minorities", "persons-with-disabilities"]
COUNTRIES = ["KZ", "AM", "GE", "MD", "UA", "KG", "UZ", "TJ", "AZ", "RS", "MK", "AL", "BA", "ME", "MN"]
KINDS = ["LEGISLATURE", "ELECTION_ADMINISTRATION", "EXECUTIVE", "JUDICIARY", "OMBUDSPERSON", "OTHER"]
BODIES = ["cec", "parliament", "moj", "mfa", "supreme-court", "ombudsperson", "media-regulator", "police"]
STATUSES = ["NOT_IMPLEMENTED", "PARTIALLY_IMPLEMENTED", "MOSTLY_IMPLEMENTED", "FULLY_IMPLEMENTED",
            "NO_LONGER_APPLICABLE"]
RESPONSES = ["SUPPORTED", "SUPPORTED_IN_PART", "NOTED", "REJECTED", "NO_RESPONSE"]
STAGES = ["PLANNED", "IN_PROGRESS", "COMPLETED", "STALLED"]
VERBS = ["should review", "should amend", "should ensure", "should consider revising", "should strengthen",
         "should clarify", "should guarantee"]
SUBJECTS = ["the legal framework for elections", "the procedures for registering candidates",
            "the accuracy of voter lists", "the independence of election commissions",
            "the rules on campaign finance", "access of citizen observers", "the handling of complaints",
            "the secrecy of the vote", "the publication of results by polling station",
            "the accessibility of polling stations"]


def write_json(path, items):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(items, f, ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--recommendations", type=int, required=True)
    parser.add_argument("--per-report", type=int, default=50)
    parser.add_argument("--assessments", type=int, default=None, help="default: one per recommendation")
    parser.add_argument("--progress", type=int, default=None, help="default: one per two recommendations")
    parser.add_argument("--chunk", type=int, default=20000, help="rows per import file")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    institutions = [{"code": f"{c.lower()}-{b}", "name": f"{b.replace('-', ' ').title()} ({c})", "country": c,
                     "kind": KINDS[i % len(KINDS)]} for c in COUNTRIES for i, b in enumerate(BODIES)]
    write_json(os.path.join(args.out, "institutions.json"), institutions)

    report_count = max(1, -(-args.recommendations // args.per_report))
    reports = []
    for r in range(report_count):
        country = COUNTRIES[r % len(COUNTRIES)]
        year = 2005 + r % 20
        reports.append({"reference": f"B-{country}-{year}-{r:06d}", "title": f"Final report {r}",
                        "issuer": "OSCE/ODIHR", "country": country, "kind": "final report",
                        "electionDate": f"{year}-{1 + r % 12:02d}-15"})
    write_json(os.path.join(args.out, "reports.json"), reports)

    refs = []
    columns = ["reference", "report", "number", "text", "priority", "themes", "addressees", "targetDate",
               "response", "repeats", "archived"]
    writer = None
    f = None
    for i in range(args.recommendations):
        if i % args.chunk == 0:
            if f:
                f.close()
            f = open(os.path.join(args.out, f"recommendations-{i // args.chunk:03d}.csv"), "w", encoding="utf-8",
                     newline="")
            writer = csv.writer(f)
            writer.writerow(columns)
        report = reports[i // args.per_report]
        number = i % args.per_report + 1
        ref = f"{report['reference']}-R{number:03d}"
        refs.append((ref, report["country"]))
        country = report["country"].lower()
        text = (f"The authorities {rnd.choice(VERBS)} {rnd.choice(SUBJECTS)}, in consultation with "
                f"political parties and civil society, well ahead of the next elections ({ref}).")
        themes = ";".join(sorted(rnd.sample(THEMES, rnd.randint(1, 3))))
        addressees = ";".join(sorted(f"{country}-{b}" for b in rnd.sample(BODIES, rnd.randint(1, 2))))
        target = f"{2010 + rnd.randint(0, 20)}-12-31" if rnd.random() < 0.8 else ""
        writer.writerow([ref, report["reference"], number, text, "true" if number <= 8 else "false", themes,
                         addressees, target, rnd.choice(RESPONSES), "", "false"])
    if f:
        f.close()

    assessments = args.recommendations if args.assessments is None else args.assessments
    items = []
    for i in range(assessments):
        ref, _ = refs[i % len(refs)] if i < len(refs) else rnd.choice(refs)
        items.append({"recommendation": ref, "status": rnd.choice(STATUSES),
                      "assessorType": "ISSUER" if rnd.random() < 0.7 else rnd.choice(["GOVERNMENT", "CIVIL_SOCIETY"]),
                      "assessorName": "Benchmark assessor", "assessedOn": f"{2012 + rnd.randint(0, 13)}-06-{rnd.randint(1, 28):02d}",
                      "source": "Follow-up report", "rawStatus": "rated"})
    for n in range(0, len(items), 1000):
        write_json(os.path.join(args.out, f"assessments-{n // 1000:04d}.json"), items[n:n + 1000])

    progress = args.recommendations // 2 if args.progress is None else args.progress
    items = []
    for i in range(progress):
        ref, country = rnd.choice(refs)
        items.append({"recommendation": ref, "institution": f"{country.lower()}-{rnd.choice(BODIES)}",
                      "stage": rnd.choice(STAGES), "percentComplete": rnd.randint(0, 100),
                      "summary": "Draft amendments were discussed with stakeholders.",
                      "reportedOn": f"{2012 + rnd.randint(0, 13)}-03-{rnd.randint(1, 28):02d}"})
    for n in range(0, len(items), 1000):
        write_json(os.path.join(args.out, f"progress-{n // 1000:04d}.json"), items[n:n + 1000])


if __name__ == "__main__":
    main()
