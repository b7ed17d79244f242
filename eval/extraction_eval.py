#!/usr/bin/env python3
"""Scores sipur's main-text extraction on the dev half of trafilatura's
benchmark (../shared/data/web-extraction, issue 22) by the benchmark's own rule:
whitespace runs collapse to one space in the extracted text and in the
snippets; each "with" snippet found is a true positive (missing: a false
negative), each "without" snippet found a false positive (missing: a true
negative); precision, recall and F1 over all snippets of all pages, a page
that yields nothing counting all its "with" snippets as missed.

Snippets are compared with the text as sipur stores it, which keeps the
writer's characters (typographic quotes, geresh, dashes); --folded compares
both after the folding sipur's matching applies (text::fold_punctuation: “ ”
’ ״ ־ as " ' -), and NFC with invisible marks dropped, for reference.

Prints the figure overall and per language (the language sipur gives the
page), the pages rejected and the pages with replaced bytes, the throughput of
`sipur extract`, and, unless --no-cv, a held-out check by site: the pages are
split into folds by web site; for each fold the extraction settings of a small
grid that score best on the other folds are chosen and scored on that fold
alone. The figure over the held-out folds predicts how the tuned settings do on
sites never seen; the shipped defaults are the grid's first entry.

Exits 1 if a --min target is missed or a page is rejected; skips (exit 0)
when ../shared is absent."""
import argparse
import collections
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import time
import unicodedata

SPACES = re.compile(r"\s+")

# What --folded does to both texts: NFC, invisible marks dropped (as sipur's cleaning does), and typographic
# quotes and hyphens read as ASCII (as sipur's matching does, src/text/normalize.cpp, fold_punctuation;
# the stored text keeps them).
FOLD = {0x2018: "'", 0x2019: "'", 0x201B: "'", 0x2032: "'", 0x00B4: "'", 0x02BC: "'", 0x05F3: "'", 0x60: "'",
        0x201C: '"', 0x201D: '"', 0x201E: '"', 0x201F: '"', 0x2033: '"', 0x02BA: '"', 0x05F4: '"',
        0x05BE: "-", 0x2010: "-", 0x2011: "-", 0x2212: "-", 0x05C3: ":", 0x05C0: "|"}
for cp in [0x00AD, 0x200B, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
           0x061C, 0xFEFF, 0x2060] + list(range(0x0591, 0x05BE)) + [0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7]:
    FOLD[cp] = ""
FOLDED = False


def fold(text):
    return unicodedata.normalize("NFC", text).translate(FOLD) if FOLDED else text

# The tuning grid: sipur extract --tuning values (see src/ingest/html_extract.h), each setting moved
# one step either side of the shipped default.
# The first entry is the shipped default, so "default" and the grid share runs.
GRID = [
    {},
    {"other_weight": 0.25},
    {"other_weight": 1.0},
    {"link_weight": 0.25},
    {"link_weight": 1.0},
    {"furniture_weight": 0.05},
    {"furniture_weight": 0.4},
    {"name_share": 0.0},
    {"name_share": 0.25},
    {"named_prose": 400},
    {"named_prose": 1000000},
    {"microdata": 0},
    {"microdata": 1},
    {"byline_chars": 0},
    {"byline_chars": 150},
    {"leads": 0},
]


def collapse(text):
    return SPACES.sub(" ", fold(text)).strip()


def site_of(url):
    """The site a page belongs to: the URL's host without www, or for the
    benchmark's "hard::host-name.html" entries the host part of the name."""
    if url.startswith("hard::"):
        name = url[len("hard::"):]
        name = re.sub(r"\.html?$", "", name)
        host = re.split(r"[-]", name)[0]
        parts = host.split(".")
        # "dw.com.colonial" -> "dw.com"; keep the first two labels of a dotted name
        return ".".join(parts[:2]) if len(parts) > 2 else host
    host = re.sub(r"^[a-z]+://", "", url).split("/")[0].split(":")[0].lower()
    return host[4:] if host.startswith("www.") else host


def fold_of(site, folds):
    return int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % folds


def score_page(text, item):
    """(tp, fn, fp, tn) of one page."""
    if text is None or not text.strip():
        return 0, len(item["with"]), 0, len(item["without"])
    text = collapse(text)
    tp = sum(1 for s in item["with"] if collapse(s) in text)
    fp = sum(1 for s in item["without"] if collapse(s) in text)
    return tp, len(item["with"]) - tp, fp, len(item["without"]) - fp


def prf(counts):
    tp, fn, fp, _ = counts
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def add(a, b):
    return tuple(x + y for x, y in zip(a, b))


def tuning_arg(settings):
    return ",".join(f"{k}={v}" for k, v in sorted(settings.items()))


def extract(sipur, pages, settings):
    """{file name: output record}, stderr lines, CPU seconds (the machine may be shared: not wall time)."""
    args = [sipur, "extract", "--json"]
    if settings:
        args += ["--tuning", tuning_arg(settings)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(args + pages, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 3):
        raise SystemExit(f"sipur extract failed ({proc.returncode}): {proc.stderr[-2000:]}")
    records = {}
    for line in proc.stdout.splitlines():
        record = json.loads(line)
        records[os.path.basename(record["file"])] = record
    return records, proc.stderr.splitlines(), seconds


def page_counts(items, records):
    return {item["file"]: score_page(records.get(item["file"], {}).get("text"), item) for item in items}


def total(counts, files):
    out = (0, 0, 0, 0)
    for f in files:
        out = add(out, counts[f])
    return out


def row(name, counts, pages):
    p, r, f = prf(counts)
    return f"| {name} | {pages} | {counts[0] + counts[1] + counts[2] + counts[3]} | {p:.3f} | {r:.3f} | {f:.3f} |"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sipur", default="build/release/sipur")
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="score the shipped defaults only")
    parser.add_argument("--min", type=float, default=None, help="least dev F1 (exit 1 below it)")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--folded", action="store_true",
                        help="compare snippets and text after sipur's matching fold (quotes, hyphens as ASCII), "
                             "not as written (the benchmark's rule)")
    parser.add_argument("--show", type=int, default=0,
                        help="print the N worst pages (missed and leaked snippets), never those of the sealed fold")
    parser.add_argument("--sealed", type=int, default=0,
                        help="the fold whose pages --show never prints (kept unseen while rules are written)")
    args = parser.parse_args()
    global FOLDED
    FOLDED = args.folded

    data = os.path.join(args.shared, "data", "web-extraction")
    if not os.path.isdir(data):
        print(f"extraction_eval: {data} is absent; skipped")
        return 0
    with open(os.path.join(data, "annotations.jsonl"), encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    page_dir = os.path.join(data, "pages")
    pages = [os.path.join(page_dir, item["file"]) for item in items]
    mb = sum(os.path.getsize(p) for p in pages) / 1e6

    records, stderr, seconds = extract(args.sipur, pages, {})
    counts = page_counts(items, records)
    files = [item["file"] for item in items]
    rejected = [line for line in stderr if line.startswith("rejected:")]
    replaced = sorted({m.group(1) for line in stderr
                       for m in [re.match(r"warning: (.*?)(?: \(byte \d+\))?: .*U\+FFFD", line)] if m})
    dropped_times = [line for line in stderr if line.startswith("warning:") and "time" in line]

    overall = total(counts, files)
    print(f"## Extraction on the dev half ({len(items)} pages, {mb:.1f} MB): sipur extract, shipped defaults\n")
    print("| pages | n | snippets | precision | recall | F1 |\n|---|---|---|---|---|---|")
    print(row("all", overall, len(files)))
    by_lang = collections.defaultdict(list)
    for item in items:
        by_lang[records.get(item["file"], {}).get("lang", "(none)")].append(item["file"])
    for lang in sorted(by_lang, key=lambda k: (-len(by_lang[k]), k)):
        print(row(f"lang {lang}", total(counts, by_lang[lang]), len(by_lang[lang])))
    print(f"\nrejected pages: {len(rejected)}; pages with bytes replaced by U+FFFD: {len(replaced)}; "
          f"implausible times dropped: {len(dropped_times)}")
    for line in rejected:
        print("  " + line)
    print(f"throughput: {mb / seconds:.1f} MB/s of HTML ({seconds:.2f} s of CPU, one process, language id "
          f"and cleaning included)")

    figures = {"dev": dict(zip(("precision", "recall", "f1"), prf(overall))), "rejected": len(rejected),
               "replaced_pages": len(replaced), "mb_per_s": mb / seconds,
               "by_lang": {k: prf(total(counts, v))[2] for k, v in by_lang.items()}}

    if args.show:
        seen = [it for it in items if fold_of(site_of(it["url"]), args.folds) != args.sealed]
        worst = sorted(seen, key=lambda it: -(counts[it["file"]][1] + counts[it["file"]][2]))[:args.show]
        for item in worst:
            text = collapse(records.get(item["file"], {}).get("text", ""))
            missed = [s for s in item["with"] if collapse(s) not in text]
            leaked = [s for s in item["without"] if collapse(s) in text]
            if missed or leaked:
                print(f"\n{item['file']} {item['url']} lang={records.get(item['file'], {}).get('lang')}")
                for s in missed:
                    print(f"  missed: {s[:120]}")
                for s in leaked:
                    print(f"  leaked: {s[:120]}")

    if not args.no_cv:
        sites = {item["file"]: site_of(item["url"]) for item in items}
        fold = {f: fold_of(sites[f], args.folds) for f in files}
        grid_counts = [counts]
        for settings in GRID[1:]:
            r, _, _ = extract(args.sipur, pages, settings)
            grid_counts.append(page_counts(items, r))
        held_out = (0, 0, 0, 0)
        print(f"\n## Held out by site ({args.folds} folds, {len(set(sites.values()))} sites): tune on the other "
              f"folds, score on this one\n")
        print("| fold | pages | chosen settings | tuned-on F1 | held-out F1 | defaults on the fold |\n"
              "|---|---|---|---|---|---|")
        for k in range(args.folds):
            train = [f for f in files if fold[f] != k]
            test = [f for f in files if fold[f] == k]
            best = max(range(len(GRID)), key=lambda g: (prf(total(grid_counts[g], train))[2], -g))
            held = total(grid_counts[best], test)
            held_out = add(held_out, held)
            print(f"| {k} | {len(test)} | {tuning_arg(GRID[best]) or 'defaults'} | "
                  f"{prf(total(grid_counts[best], train))[2]:.3f} | {prf(held)[2]:.3f} | "
                  f"{prf(total(counts, test))[2]:.3f} |")
        p, r, f1 = prf(held_out)
        print(f"\nheld-out by site: precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f} "
              f"(defaults on all: F1 {prf(overall)[2]:.3f})")
        print("\n| settings | dev F1 |\n|---|---|")
        for g, settings in enumerate(GRID):
            print(f"| {tuning_arg(settings) or 'defaults'} | {prf(total(grid_counts[g], files))[2]:.3f} |")
        figures["held_out"] = {"precision": p, "recall": r, "f1": f1}

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=1)
    failed = []
    if rejected:
        failed.append(f"{len(rejected)} page(s) rejected")
    if args.min is not None and prf(overall)[2] < args.min:
        failed.append(f"dev F1 {prf(overall)[2]:.3f} below {args.min}")
    if failed:
        print("\nFAIL: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
