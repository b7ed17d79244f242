#!/usr/bin/env python3
"""How much does a clustering figure depend on the order the articles come
in? For a labeled set without times (ECB+), which is clustered in input
order, this shuffles the input with fixed seeds and scores, for each order:
sipur with its default configuration (fresh store, `sipur ingest -q`), and
the reference bench/tfidf_baseline.py at its best threshold for that very
order, with whole-input and with online IDF. The file order comes first
(seed "file"). The held-out part of a set may come in another order than
the dev file, so the spread over orders is part of what a dev figure says.

Usage: eval/order_sensitivity.py [--set ecbplus] [--seeds 1,2,3] [--sipur PATH] [--shared PATH]"""
import argparse
import os
import random
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import cluster_eval as ce  # noqa: E402
import tfidf_baseline as ref  # noqa: E402

LEVEL = {"ecbplus": "event", "uci-headlines": "story", "hebrew-headlines-2014": "event", "media-2026": "event"}


def reference_best(articles, gold_path, level, online_idf):
    """The reference's best BCubed F1 over the thresholds its --sweep tries
    (the lowest of equal ones), and that threshold."""
    best = None
    for step in range(1, 20):
        threshold = round(0.05 * step, 2)
        pred, _ = ref.cluster(articles, threshold, online_idf)
        f1 = ref.scores(pred, gold_path)[level][0]
        if best is None or f1 > best[0]:
            best = (f1, threshold)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="ecbplus", choices=sorted(LEVEL))
    ap.add_argument("--seeds", default="1,2,3", help="comma-separated shuffle seeds")
    ap.add_argument("--sipur", default=os.path.join(ce.ROOT, "build", "release", "sipur"))
    ap.add_argument("--shared", default=os.path.join(ce.ROOT, "..", "shared"))
    args = ap.parse_args()
    input_rel, gold_rel = ce.SETS[args.set]
    input_path, gold_path = os.path.join(args.shared, input_rel), os.path.join(args.shared, gold_rel)
    if not os.path.exists(gold_path):
        print(f"order_sensitivity: {gold_path} is absent; skipped")
        return
    level = LEVEL[args.set]
    with open(input_path, encoding="utf-8") as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    print(f"### {args.set}: {level} BCubed F1 by input order (sipur's defaults; the reference at its best "
          f"threshold for each order)\n")
    print("| order | sipur P / R / F1 | reference, whole-input IDF (threshold) | reference, online IDF (threshold) |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in ["file"] + args.seeds.split(","):
            order = list(lines)
            if seed != "file":
                random.Random(int(seed)).shuffle(order)
            path = os.path.join(tmp, f"{seed}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(order) + "\n")
            assignments, _ = ce.run_sipur(args.sipur, path, [])
            row = next(r for r in ce.score(assignments, gold_path) if r["level"] == level)
            articles = ref.time_order(ref.read_articles(path))
            whole = reference_best(articles, gold_path, level, False)
            online = reference_best(articles, gold_path, level, True)
            print(f"| {seed} | {row['bcubed_p']:.3f} / {row['bcubed_r']:.3f} / {row['bcubed']:.3f} | "
                  f"{whole[0]:.3f} ({whole[1]:.2f}) | {online[0]:.3f} ({online[1]:.2f}) |")
    print("\n(seed: Python's random.Random(seed).shuffle of the input lines; file: the order of the file)")


if __name__ == "__main__":
    main()
