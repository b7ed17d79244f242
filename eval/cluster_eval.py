#!/usr/bin/env python3
"""Event and story clustering quality of sipur on the labeled sets in
../shared/data.

For each set: ingest fresh into a temporary store (`sipur ingest -q --db DB
INPUT`, plus --extra-ingest-args), read `sipur export --db DB assignments`
(JSONL {"id", "event", "story"}) and score it against gold at event and story
level: BCubed and pairwise P/R/F1, predicted clusters (over the gold ids
present) vs gold clusters, and gold ids missing from the assignments (scored
as singletons). media-2026 also gets pairwise scores over
same-language and over cross-language pairs only.

--pred SET=FILE scores a prepared assignments file instead of running sipur;
--reference SET=FILE also scores a reference (e.g. bench/tfidf_baseline.py)
and prints it next to sipur. --min SET.LEVEL.METRIC=VALUE (e.g.
ecbplus.event.bcubed=0.90) makes the exit status 1 when sipur misses it.
--bootstrap N adds, for sipur's F1 figures, the 90% interval over N block
resamples of the gold set (cluster_bootstrap.py: how far a figure could move
on other data of the same kind, such as a held-out part) and, for each
--min or --aim (a target reported but not enforced), the share of
resamples that meet it.
Exit 2: sipur could not ingest or export."""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
import cluster_bootstrap as cb  # noqa: E402
import cluster_metrics as cm  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# name -> (input, gold), relative to the shared folder
SETS = {
    "seeds": ("seeds", "data/seeds/gold.jsonl"),
    "ecbplus": ("data/ecbplus/articles.jsonl", "data/ecbplus/gold.jsonl"),
    "uci-headlines": ("data/uci-headlines/articles.jsonl", "data/uci-headlines/gold.jsonl"),
    "itn-events": ("data/itn-events/articles.jsonl", "data/itn-events/gold.jsonl"),
    "he-window-A": ("data/hebrew-headlines-2014/articles-windowA.jsonl",
                     "data/hebrew-headlines-2014/gold-windowA.jsonl"),
    "he-window-C": ("data/hebrew-headlines-2014/articles-windowC.jsonl",
                     "data/hebrew-headlines-2014/gold-windowC.jsonl"),
    "he-window-E": ("data/hebrew-headlines-2014/articles-windowE.jsonl",
                     "data/hebrew-headlines-2014/gold-windowE.jsonl"),
    "he-window-F": ("data/hebrew-headlines-2014/articles-windowF.jsonl",
                     "data/hebrew-headlines-2014/gold-windowF.jsonl"),
    "media-2026": ("data/media-2026/articles.jsonl", "data/media-2026/gold.jsonl"),
}
LANG_SPLIT = {"media-2026"}
# The bootstrap's blocks: a gold story, but for ECB+, whose gold story is the
# subtopic, the topic (ecb-27_1ecb, ecb-27_1ecbplus: topic ecb-27), so that
# both subtopics, which a clustering may merge, are drawn together.
BLOCKS = {"ecbplus": lambda i, story: i.split("_")[0]}
BOOTSTRAP_METRICS = ["bcubed", "pairwise", "same_lang_pairwise"]
METRICS = ["bcubed_p", "bcubed_r", "bcubed", "pairwise_p", "pairwise_r", "pairwise",
           "same_lang_pairwise", "cross_lang_pairwise"]


def fail(message):
    print(f"cluster_eval: {message}", file=sys.stderr)
    sys.exit(2)


def run_sipur(sipur, input_path, extra_args):
    """Assignments (list of dicts) and ingest seconds for one fresh store."""
    if not os.access(sipur, os.X_OK):
        fail(f"{sipur} is not an executable; build it (cmake --preset release) or pass --sipur")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "eval.db")
        start = time.perf_counter()
        proc = subprocess.run([sipur, "ingest", "-q", "--db", db] + extra_args + [input_path],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if proc.returncode not in (0, 3):  # 3: finished, some inputs rejected (they show as missing)
            fail(f"`sipur ingest` failed on {input_path} (exit {proc.returncode}): {proc.stderr.strip()[:2000]}")
        proc = subprocess.run([sipur, "export", "--db", db, "assignments"], capture_output=True, text=True)
        if proc.returncode != 0:
            fail(f"`sipur export --db DB assignments` failed (exit {proc.returncode}); this build of sipur "
                 f"may not have it yet. sipur said: {proc.stderr.strip()[:2000]}")
        try:
            return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()], seconds
        except json.JSONDecodeError as e:
            fail(f"`sipur export assignments` printed something that is not JSONL: {e}")


def f1_scores(langs):
    """name -> fn(pred, gold) for the F1 figures the bootstrap reports;
    `langs` maps an id to its language (or, for a resample, its (id, k))."""
    out = {"bcubed": lambda p, g: cm.bcubed(p, g)[2], "pairwise": lambda p, g: cm.pairwise(p, g)[2]}
    if langs:
        def lang(i):
            return langs.get(i[0] if isinstance(i, tuple) else i)
        out["same_lang_pairwise"] = lambda p, g: cm.pairwise(p, g, lambda a, b: lang(a) == lang(b))[2]
    return out


def score(assignments, gold_path, langs=None, bootstrap=0, block_of=None):
    """Rows (dicts) of scores per level, plus language-split rows if langs;
    with bootstrap > 0, each row's "bootstrap" holds metric -> sorted F1 values
    over that many block resamples."""
    rows = []
    stories = cm.read_labels(gold_path, "story")
    block_of = block_of or (lambda i, story: story)
    for level in ("event", "story"):
        gold = cm.read_labels(gold_path, level)
        pred = {a["id"]: a[level] for a in assignments}
        row = {"level": level, "clusters_pred": len({pred[i] for i in gold if i in pred}),
               "clusters_gold": len(set(gold.values())), "missing": cm.missing(pred, gold), "gold_ids": len(gold)}
        row["bcubed_p"], row["bcubed_r"], row["bcubed"] = cm.bcubed(pred, gold)
        row["pairwise_p"], row["pairwise_r"], row["pairwise"] = cm.pairwise(pred, gold)
        if langs:
            row["same_lang_pairwise"] = f1_scores(langs)["same_lang_pairwise"](pred, gold)
            row["cross_lang_pairwise"] = cm.pairwise(pred, gold, lambda a, b: langs.get(a) != langs.get(b))[2]
        if bootstrap > 0:
            row["bootstrap"] = cb.redraws(pred, gold, lambda i: block_of(i, stories[i]), f1_scores(langs), bootstrap)
        rows.append(row)
    return rows


def evaluate(name, shared, assignments_file, sipur, extra_args, bootstrap=0):
    input_rel, gold_rel = SETS[name]
    input_path, gold_path = os.path.join(shared, input_rel), os.path.join(shared, gold_rel)
    seconds = None
    if assignments_file:
        assignments = cm.read_jsonl(assignments_file)
    else:
        assignments, seconds = run_sipur(sipur, input_path, extra_args)
    langs = None
    if name in LANG_SPLIT:
        langs = {a["id"]: a.get("lang") for a in cm.read_jsonl(input_path)}
    rows = score(assignments, gold_path, langs, bootstrap, BLOCKS.get(name))
    for row in rows:
        row.update(set=name, ingest_seconds=seconds)
    return rows


def table(rows, title):
    def f3(row, keys):
        return " / ".join(f"{row[k]:.3f}" for k in keys)

    lines = [f"\n### {title}\n", "| set | level | BCubed P/R/F1 | pairwise P/R/F1 | clusters (pred/gold) | missing | ingest s |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        secs = "" if r["ingest_seconds"] is None else f"{r['ingest_seconds']:.2f}"
        lines.append(f"| {r['set']} | {r['level']} | {f3(r, ['bcubed_p', 'bcubed_r', 'bcubed'])} | "
                     f"{f3(r, ['pairwise_p', 'pairwise_r', 'pairwise'])} | {r['clusters_pred']}/{r['clusters_gold']} | "
                     f"{r['missing']} | {secs} |")
        if "same_lang_pairwise" in r:
            lines.append(f"| {r['set']} | {r['level']}, pairwise F1 same-language / cross-language pairs | | "
                         f"{r['same_lang_pairwise']:.3f} / {r['cross_lang_pairwise']:.3f} | | | |")
    return "\n".join(lines)


def bootstrap_table(rows, targets, resamples):
    lines = [f"\n### sipur: 90% intervals over {resamples} block resamples of each gold set\n",
             "| set | level | " + " | ".join(f"{m} F1 [5%, 95%]" for m in BOOTSTRAP_METRICS) + " |",
             "|---|---|" + "---|" * len(BOOTSTRAP_METRICS)]
    for r in rows:
        cells = []
        for m in BOOTSTRAP_METRICS:
            values = r["bootstrap"].get(m)
            if not values:
                cells.append("")
                continue
            low, high = cb.interval(values)
            cells.append(f"{r[m]:.3f} [{low:.3f}, {high:.3f}]")
        lines.append(f"| {r['set']} | {r['level']} | " + " | ".join(cells) + " |")
    by_key = {(r["set"], r["level"]): r for r in rows}
    for (name, level, metric), minimum in targets.items():
        values = by_key[name, level]["bootstrap"].get(metric)
        if values:
            lines.append(f"\n{name}.{level}.{metric} >= {minimum}: in {cb.share(values, minimum):.0%} of the resamples")
    return "\n".join(lines)


def side_by_side(rows, ref_rows):
    ours = {(r["set"], r["level"]): r for r in rows}
    lines = ["\n### sipur vs reference (F1)\n",
             "| set | level | BCubed sipur | BCubed reference | pairwise sipur | pairwise reference |", "|---|---|---|---|---|---|"]
    for ref in ref_rows:
        r = ours.get((ref["set"], ref["level"]))
        b, p = (f"{r['bcubed']:.3f}", f"{r['pairwise']:.3f}") if r else ("-", "-")
        lines.append(f"| {ref['set']} | {ref['level']} | {b} | {ref['bcubed']:.3f} | {p} | {ref['pairwise']:.3f} |")
    return "\n".join(lines)


def pairs_option(values, what):
    out = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep:
            fail(f"{what} wants KEY=VALUE, got {item!r}")
        out[key.strip()] = value.strip()
    return out


def parse_targets(values, names, option="--min"):
    """{(set, level, metric): minimum}; a malformed key is an error."""
    targets = {}
    for key, value in pairs_option(values, option).items():
        parts = tuple(key.split("."))
        if len(parts) != 3 or parts[0] not in names or parts[1] not in ("event", "story") or parts[2] not in METRICS:
            fail(f"{option} {key}: want SET.LEVEL.METRIC with SET among --sets, LEVEL event|story, METRIC one of {METRICS}")
        if parts[2].endswith("lang_pairwise") and parts[0] not in LANG_SPLIT:
            fail(f"{option} {key}: {parts[2]} is only computed for {sorted(LANG_SPLIT)}")
        try:
            targets[parts] = float(value)
        except ValueError:
            fail(f"{option} {key}: {value!r} is not a number")
    return targets


def missed_targets(targets, rows):
    by_key = {(r["set"], r["level"]): r for r in rows}
    return [f"{'.'.join(k)} = {by_key[k[:2]][k[2]]:.4f} < {v}" for k, v in targets.items() if by_key[k[:2]][k[2]] < v]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sipur", default=os.path.join(ROOT, "build/release/sipur"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {','.join(SETS)}")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON instead of tables")
    ap.add_argument("--extra-ingest-args", default="", help="passed to sipur ingest (one shell-quoted string)")
    ap.add_argument("--min", action="append", metavar="SET.LEVEL.METRIC=VALUE", help="target for sipur (repeatable)")
    ap.add_argument("--aim", action="append", metavar="SET.LEVEL.METRIC=VALUE",
                    help="a target reported with --bootstrap but not enforced (repeatable)")
    ap.add_argument("--pred", action="append", metavar="SET=FILE", help="score FILE instead of running sipur")
    ap.add_argument("--reference", action="append", metavar="SET=FILE", help="also score a reference file")
    ap.add_argument("--bootstrap", type=int, default=0, metavar="N",
                    help="90%% intervals of sipur's F1 figures over N block resamples (0: none)")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "data")):
        print(f"cluster_eval: {args.shared}/data is absent; skipped")
        return 0
    names = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in names if s not in SETS]
    if unknown:
        fail(f"unknown set(s) {unknown}; known: {list(SETS)}")
    preds, refs = pairs_option(args.pred, "--pred"), pairs_option(args.reference, "--reference")
    unknown = [s for s in list(preds) + list(refs) if s not in SETS]
    if unknown:
        fail(f"unknown set(s) {unknown} in --pred/--reference; known: {list(SETS)}")
    targets = parse_targets(args.min, names)
    aims = parse_targets(args.aim, names, "--aim")
    extra = shlex.split(args.extra_ingest_args)
    rows = [r for n in names for r in evaluate(n, args.shared, preds.get(n), args.sipur, extra, args.bootstrap)]
    ref_rows = [r for n in refs for r in evaluate(n, args.shared, refs[n], None, None)]
    missed = missed_targets(targets, rows)
    if args.json:
        for r in rows:  # the intervals, not every resample's value
            if "bootstrap" in r:
                r["bootstrap"] = {m: list(cb.interval(v)) for m, v in r["bootstrap"].items()}
        print(json.dumps({"sipur": rows, "reference": ref_rows, "missed": missed}, indent=1))
    else:
        print(table(rows, "sipur"))
        if ref_rows:
            print(table(ref_rows, "reference"))
            print(side_by_side(rows, ref_rows))
        if args.bootstrap > 0:
            print(bootstrap_table(rows, {**aims, **targets}, args.bootstrap))
        for m in missed:
            print(f"\nmissed target: {m}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
