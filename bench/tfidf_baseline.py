#!/usr/bin/env python3
"""The reference clusterer sipur must beat: naive single-pass TF-IDF.

Tokens are lowercase regex words (\\w+), no stemming, no stop words. Each
article is title + text as a TF-IDF vector (raw counts times the textbook IDF
log(N / df) over the whole input, L2-normalised; a word in every article
weighs nothing). --online-idf weighs each article by the frequencies of the
articles up to it instead, as a streaming clusterer must. Articles are taken
in publication-time order (stable, so ties keep input order; an article
without a time takes the time of the article before it in the input, so it
keeps its place); each joins the cluster whose centroid (mean of its
members' vectors) is most cosine-similar if that cosine is >= --threshold,
or starts a new cluster. Output: JSONL {"id", "event", "story"}, story = event.

Input: an articles JSONL file or a directory of .txt files (first line the
title, id = file name without .txt). The time of the clustering pass
(vectors + clustering, not file reading) goes to stderr.

--sweep tries thresholds 0.05 .. 0.95 (step 0.05) against --gold, picks the
best by the F1 of --metric at --level, prints every threshold's scores and
the best, and writes the best threshold's clusters to --out if given."""
import argparse
import json
import math
import os
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "eval"))
import cluster_metrics  # noqa: E402

WORD = re.compile(r"\w+")


def read_articles(path):
    if os.path.isdir(path):
        articles = []
        for name in sorted(os.listdir(path)):
            if name.endswith(".txt"):
                with open(os.path.join(path, name), encoding="utf-8") as f:
                    title, _, text = f.read().partition("\n")
                articles.append({"id": name[:-4], "title": title, "text": text})
        return articles
    return cluster_metrics.read_jsonl(path)


def timestamp(value):
    """Seconds since the epoch; a time without a zone is taken as UTC."""
    try:
        t = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return (t if t.tzinfo else t.replace(tzinfo=timezone.utc)).timestamp()


def time_order(articles):
    keys, last = [], float("-inf")
    for a in articles:
        t = timestamp(a.get("published"))
        last = last if t is None else t
        keys.append(last)
    return [articles[i] for i in sorted(range(len(articles)), key=lambda i: keys[i])]


def normalised(v):
    norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
    return {t: w / norm for t, w in v.items()}


def vectors(articles, online_idf=False):
    """L2-normalised TF-IDF dicts. IDF over all the articles by default: the
    reference sees the whole input before it clusters, which no streaming
    clusterer can. With online_idf each article is weighed by what has
    arrived up to it (itself included), log((n + 1) / df), as sipur is."""
    counts = [Counter(WORD.findall((a.get("title", "") + "\n" + a.get("text", "")).lower())) for a in articles]
    if online_idf:
        df, out = Counter(), []
        for n, c in enumerate(counts, start=1):
            df.update(c.keys())
            out.append(normalised({t: k * math.log((n + 1) / df[t]) for t, k in c.items()}))
        return out
    df = Counter(t for c in counts for t in c)
    idf = {t: math.log(len(counts) / n) for t, n in df.items()}
    return [normalised({t: n * idf[t] for t, n in c.items() if idf[t] > 0}) for c in counts]


def single_pass(vecs, threshold):
    """Cluster index per vector. A centroid is compared through its members'
    sum S: cos(v, mean) = v.S / |S|; postings hold term -> {cluster: S[term]}."""
    postings = defaultdict(dict)
    norm2 = []  # |S|^2 per cluster
    labels = []
    for v in vecs:
        dots = defaultdict(float)
        for t, w in v.items():
            for c, s in postings[t].items():
                dots[c] += w * s
        best, best_cos = -1, -1.0
        for c, d in dots.items():
            cos = d / math.sqrt(norm2[c]) if norm2[c] > 0 else 0.0
            if cos > best_cos or (cos == best_cos and c < best):
                best, best_cos = c, cos
        vv = sum(w * w for w in v.values())
        if best >= 0 and best_cos >= threshold:
            norm2[best] += 2 * dots[best] + vv
        else:
            best = len(norm2)
            norm2.append(vv)
        for t, w in v.items():
            postings[t][best] = postings[t].get(best, 0.0) + w
        labels.append(best)
    return labels


def cluster(articles, threshold, online_idf=False):
    """(id -> cluster label, seconds) for articles already in time order."""
    start = time.perf_counter()
    labels = single_pass(vectors(articles, online_idf), threshold)
    seconds = time.perf_counter() - start
    return {a["id"]: f"c{n}" for a, n in zip(articles, labels)}, seconds


def write(assignments, f):
    for i, c in assignments.items():
        f.write(json.dumps({"id": i, "event": c, "story": c}, ensure_ascii=False) + "\n")


def scores(pred, gold_path):
    """{level: (BCubed F1, pairwise F1)} for the levels of a gold file."""
    out = {}
    for level in ("event", "story"):
        gold = cluster_metrics.read_labels(gold_path, level)
        out[level] = (cluster_metrics.bcubed(pred, gold)[2], cluster_metrics.pairwise(pred, gold)[2])
    return out


def sweep(articles, args):
    print("| threshold | clusters | event BCubed F1 | event pairwise F1 | story BCubed F1 | story pairwise F1 | seconds |")
    print("|---|---|---|---|---|---|---|")
    best = None
    grid = [round(0.05 * step, 2) for step in range(1, 20)]
    for threshold in grid:
        pred, seconds = cluster(articles, threshold, args.online_idf)
        s = scores(pred, args.gold)
        key = s[args.level][0 if args.metric == "bcubed" else 1]
        print(f"| {threshold:.2f} | {len(set(pred.values()))} | {s['event'][0]:.3f} | {s['event'][1]:.3f} | "
              f"{s['story'][0]:.3f} | {s['story'][1]:.3f} | {seconds:.3f} |")
        if best is None or key > best[0]:
            best = (key, threshold, pred, s, seconds)
    key, threshold, pred, s, seconds = best
    print(f"best threshold {threshold:.2f} by {args.level} {args.metric} F1 = {key:.3f}: "
          f"event BCubed F1 {s['event'][0]:.3f}, pairwise F1 {s['event'][1]:.3f}; "
          f"story BCubed F1 {s['story'][0]:.3f}, pairwise F1 {s['story'][1]:.3f}; "
          f"{len(set(pred.values()))} clusters; clustering {seconds:.3f} s")
    if threshold in (grid[0], grid[-1]):
        print("(the best threshold is at the edge of the range tried)")
    return pred, threshold, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="articles JSONL or a directory of .txt files")
    ap.add_argument("--out", help="output JSONL (default: stdout; with --sweep: the best threshold's clusters)")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--sweep", action="store_true", help="try thresholds 0.05 .. 0.95 against --gold")
    ap.add_argument("--gold", help="gold JSONL for --sweep")
    ap.add_argument("--level", choices=["event", "story"], default="event", help="level --sweep optimises")
    ap.add_argument("--metric", choices=["bcubed", "pairwise"], default="bcubed", help="F1 --sweep optimises")
    ap.add_argument("--online-idf", action="store_true",
                    help="weigh each article by the document frequencies of the articles up to it (streaming)")
    args = ap.parse_args()
    articles = time_order(read_articles(args.input))
    if args.sweep:
        if not args.gold:
            ap.error("--sweep needs --gold")
        pred, threshold, seconds = sweep(articles, args)
    else:
        threshold = args.threshold
        pred, seconds = cluster(articles, threshold, args.online_idf)
    print(f"tfidf_baseline: {len(articles)} articles, {len(set(pred.values()))} clusters at threshold "
          f"{threshold:.2f}, clustering pass {seconds:.3f} s", file=sys.stderr)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            write(pred, f)
    elif not args.sweep:
        write(pred, sys.stdout)


if __name__ == "__main__":
    main()
