#!/usr/bin/env python3
"""Checks the foundation on the real data in ../shared (issue: foundation):
the seeds, every articles.jsonl ingesting with nothing rejected or lost, and
language identification with the lang field removed. Prints a table; exits 1
if any check fails."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

SEED_LANGS = {"000_bd57e58d4203ffec": "he", "001_3ae03d09336d0e0f": "he", "002_74b9b5746a9a3ff8": "he",
              "003_5335f6f5bd0a83e0": "en", "004_50c6ccf612b949c3": "he"}
FORBIDDEN = ["עוד בוואלה", "עוד כתבות שיעניינו אותך", "קובי פינקלר", "פנחס בן זיו", "נתי שולמן"]
LANGID_SETS = [("hebrew-headlines-2014/articles.jsonl", "he"), ("uci-headlines/articles.jsonl", "en")]
LANGID_TARGET = 0.995

failures = []


def run(sipur, args, stdin=None):
    proc = subprocess.run([sipur] + args, input=stdin, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def ingest_and_export(sipur, inputs, stdin=None):
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "e.db")
        code, out, err = run(sipur, ["ingest", "--json", "--db", db] + inputs, stdin)
        if code not in (0, 3):
            raise SystemExit(f"ingest failed ({code}): {err}")
        summary = json.loads(out)
        code, out, err = run(sipur, ["export", "--db", db, "articles"])
        if code != 0:
            raise SystemExit(f"export failed ({code}): {err}")
        return summary, [json.loads(line) for line in out.splitlines()], err


def check(name, ok, detail):
    print(f"| {name} | {'ok' if ok else 'FAIL'} | {detail} |")
    if not ok:
        failures.append(name)


def seeds(sipur, shared):
    summary, articles, _ = ingest_and_export(sipur, [os.path.join(shared, "seeds")])
    by_id = {a["id"]: a for a in articles}
    check("seeds: 5 articles, ids = file names", set(by_id) == set(SEED_LANGS), f"{sorted(by_id)}")
    langs = {i: by_id.get(i, {}).get("lang") for i in SEED_LANGS}
    check("seeds: languages he he he en he", langs == SEED_LANGS, " ".join(str(langs[i]) for i in sorted(langs)))
    leaks = [(i, f) for i, a in by_id.items() for f in FORBIDDEN if f in a["text"]]
    check("seeds: promos, related list, bylines removed", not leaks, f"{len(leaks)} leaks")
    tails = [i for i in ("000_bd57e58d4203ffec", "002_74b9b5746a9a3ff8")
             if i in by_id and by_id[i]["text"].rstrip().endswith(by_id[i]["title"])]
    check("seeds: 000 and 002 no longer end with their headline", not tails, f"still ending: {tails}")


def datasets(sipur, data):
    for name in sorted(os.listdir(data)):
        path = os.path.join(data, name, "articles.jsonl")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            lines = sum(1 for line in f if line.strip())
        summary, articles, _ = ingest_and_export(sipur, [path])
        check(f"{name}: ingest", summary["rejected"] == 0 and len(articles) == lines,
              f"lines {lines}, stored {summary['stored']}, rejected {summary['rejected']}, exported {len(articles)}")


def langid(sipur, data):
    for rel, lang in LANGID_SETS:
        with open(os.path.join(data, rel), encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
        stripped = "".join(json.dumps({k: v for k, v in r.items() if k != "lang"}, ensure_ascii=False) + "\n"
                           for r in records)
        _, articles, _ = ingest_and_export(sipur, ["-"], stdin=stripped)
        right = sum(1 for a in articles if a["lang"] == lang)
        share = right / max(1, len(records))
        wrong = {}
        for a in articles:
            if a["lang"] != lang:
                wrong[a["lang"]] = wrong.get(a["lang"], 0) + 1
        check(f"langid without lang field: {rel}", share >= LANGID_TARGET,
              f"{right}/{len(records)} = {share:.4f} identified {lang} (target {LANGID_TARGET}); others {wrong}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sipur", default="build/release/sipur")
    parser.add_argument("--shared", default="../shared")
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "data")):
        print(f"ingest_eval: {args.shared}/data is absent; skipped")
        return 0
    print("| check | result | detail |\n|---|---|---|")
    seeds(args.sipur, args.shared)
    datasets(args.sipur, os.path.join(args.shared, "data"))
    langid(args.sipur, os.path.join(args.shared, "data"))
    if failures:
        print(f"\n{len(failures)} check(s) failed: {failures}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
