#!/usr/bin/env python3
"""Search relevance: sipur against Xapian on queries built from the 17,758
Hebrew headlines of ../shared/data/hebrew-headlines-2014 (docs/SEARCH.md).

How the query set is built (deterministic: seeded, from the data alone):
  * Headlines are split into Hebrew words (letters, with inner " ' for
    acronyms); a word's *family* is the word itself, its plural when the
    corpus has one (stem + ים or ות, a final ה dropped, a final letter made
    ordinary), and each of those behind one of the prefix sequences in
    PREFIXES (ו, ה, ב, ל, מ, ש, כ and their usual combinations).
  * Base words: three letters or more, not in STOP, seen alone (no prefix)
    in at least three headlines, with a family found in 3 to 300 headlines.
  * Three kinds of query, QUERIES_PER_KIND each, drawn with random.Random(SEED):
      plain      the base word as it stands (פוטין)
      prefixed   a prefixed form of it that the corpus holds (לפוטין)
      inflected  its plural, seen alone in at least two headlines (הפגנות)
How it is judged: a headline is relevant to a query when it holds a word of
the query's family. The rule is string matching, independent of both
engines' analysis (neither sipur's analyzer nor Hspell is used); it errs
where a prefix letter is really the word's own (a family can take in a
word that only looks prefixed). Scores: recall@10 = relevant found in the
top 10 / min(10, relevant), and nDCG@10 with binary gains, averaged per kind.

Usage: eval/search_eval.py --sipur-eval BIN --xapian-eval BIN --db STORE
         [--data ../shared/data] [--out DIR] [--sipur-scored N]
(the store holds the headlines, ingested by sipur; scripts/eval-search
builds everything and runs this)."""
import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
from collections import defaultdict

SEED = 20261207
QUERIES_PER_KIND = 150
PREFIXES = ["ו", "ה", "ב", "ל", "מ", "ש", "כ", "וה", "וב", "ול", "ומ", "וש", "וכ", "שה", "שב", "של", "שמ",
            "מה", "כש", "כשה", "וכש", "ושה", "ושב", "ושל", "ומה"]
STOP = set("""של על את עם לא זה זו גם כי אם אחרי מול נגד בין כל יותר עוד אבל רק הוא היא הם הן אני אתה
אנחנו יש אין כך כמו מה מי לפני תחת אל או היה היו להיות אחד אחת שני שתי כבר איך למה
אותו אותה אותם אותן איזה איזו לאן לכיוון כיוון לפנינו אלינו עלינו אצל בלי ללא אולי כאן שם עכשיו היום אתמול
מחר הזה הזאת האלה אלה זאת כדי בגלל למרות דרך אפילו מאוד הכי כמה שלא עדיין""".split())
FINALS = {"ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ"}
WORD = re.compile(r"[\u05d0-\u05ea]+(?:[\"'\u05f3\u05f4][\u05d0-\u05ea]+)*")


def words_of(title):
    return WORD.findall(title)


def unfinal(word):
    return word[:-1] + FINALS.get(word[-1], word[-1])


def plurals(word):
    stem = word[:-1] if word.endswith("ה") else unfinal(word)
    return [stem + "ים", stem + "ות"]


def load(data):
    path = os.path.join(data, "hebrew-headlines-2014", "articles.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def build_queries(articles):
    doc_words = [set(words_of(a["title"])) for a in articles]
    alone = defaultdict(int)  # word -> headlines holding it as a word
    for ws in doc_words:
        for w in ws:
            alone[w] += 1
    docs_with = defaultdict(set)
    for i, ws in enumerate(doc_words):
        for w in ws:
            docs_with[w].add(i)

    def family(base):
        forms = [base] + [p for p in plurals(base) if alone.get(p, 0) > 0]
        return {pre + f for f in forms for pre in [""] + PREFIXES}

    def relevant(base):
        out = set()
        for form in family(base):
            out |= docs_with.get(form, set())
        return out

    bases = sorted(w for w, n in alone.items()
                   if n >= 3 and len(w) >= 3 and w not in STOP and '"' not in w)
    rng = random.Random(SEED)
    queries = {"plain": [], "prefixed": [], "inflected": []}
    candidates = {"plain": [], "prefixed": [], "inflected": []}
    for base in bases:
        rel = relevant(base)
        if not 3 <= len(rel) <= 300:
            continue
        candidates["plain"].append((base, base))
        prefixed = sorted(p + base for p in PREFIXES if alone.get(p + base, 0) > 0)
        if prefixed:
            candidates["prefixed"].append((rng.choice(prefixed), base))
        plural = [p for p in plurals(base) if alone.get(p, 0) >= 2]
        if plural:
            candidates["inflected"].append((plural[0], base))
    for kind, pool in candidates.items():
        rng.shuffle(pool)
        for query, base in pool[:QUERIES_PER_KIND]:
            queries[kind].append({"q": query, "base": base, "relevant": sorted(articles[i]["id"] for i in relevant(base))})
    return queries


def run_engine(cmd, queries_file, out_file):
    result = subprocess.run(cmd + ["--queries", queries_file, "--out", out_file], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {result.stderr}")
    timing = json.loads(result.stdout.strip().splitlines()[-1])
    ranked = {}
    with open(out_file, encoding="utf-8") as f:
        for line in f:
            j = json.loads(line)
            ranked[j["q"]] = j.get("ids", [])
    return ranked, timing


def scores(ranked, relevant):
    top = ranked[:10]
    hits = [1 if d in relevant else 0 for d in top]
    ideal = min(10, len(relevant))
    recall = sum(hits) / ideal if ideal else 0.0
    dcg = sum(h / math.log2(i + 2) for i, h in enumerate(hits))
    idcg = sum(1 / math.log2(i + 2) for i in range(ideal))
    return recall, (dcg / idcg if idcg else 0.0)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--db", required=True)
    ap.add_argument("--sipur-eval", required=True)
    ap.add_argument("--xapian-eval", required=True)
    ap.add_argument("--out", default="build/search-eval")
    ap.add_argument("--sipur-scored", type=int, default=None,
                    help="matches sipur scores per query (SearchOptions::scored; 0: all): forced low, it shows "
                         "what ranking only part of a frequent word's matches costs")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    articles = load(args.data)
    queries = build_queries(articles)
    all_queries = [q for kind in queries.values() for q in kind]
    qfile = os.path.join(args.out, "queries.txt")
    with open(qfile, "w", encoding="utf-8") as f:
        for q in sorted({q["q"] for q in all_queries}):
            f.write(q)
            f.write("\n")
    headlines = os.path.join(args.data, "hebrew-headlines-2014", "articles.jsonl")
    scored = [] if args.sipur_scored is None else ["--scored", str(args.sipur_scored)]
    sipur, sipur_time = run_engine([args.sipur_eval, "query", "--db", args.db, "--flat", "--limit", "10"] + scored,
                                   qfile, os.path.join(args.out, "sipur.jsonl"))
    xapian, xapian_time = run_engine([args.xapian_eval, "--articles", headlines, "--limit", "10"], qfile,
                                     os.path.join(args.out, "xapian.jsonl"))
    report = {"queries": {k: len(v) for k, v in queries.items()}, "seed": SEED, "engines": {}}
    print(f"{'kind':<10} {'n':>4}  {'sipur R@10':>10} {'nDCG@10':>8}  {'xapian R@10':>11} {'nDCG@10':>8}")
    for kind, qs in queries.items():
        row = {}
        for name, ranked in (("sipur", sipur), ("xapian", xapian)):
            r = [scores(ranked.get(q["q"], []), set(q["relevant"])) for q in qs]
            row[name] = {"recall_at_10": sum(x for x, _ in r) / len(r), "ndcg_at_10": sum(y for _, y in r) / len(r)}
        report["engines"][kind] = row
        print(f"{kind:<10} {len(qs):>4}  {row['sipur']['recall_at_10']:>10.3f} {row['sipur']['ndcg_at_10']:>8.3f}  "
              f"{row['xapian']['recall_at_10']:>11.3f} {row['xapian']['ndcg_at_10']:>8.3f}")
    report["latency_ms"] = {"sipur_flat": sipur_time, "xapian": xapian_time}
    print(f"latency (ms, flat ranking, {sipur_time['queries']} queries): sipur p50 {sipur_time['p50_ms']:.3f} "
          f"p99 {sipur_time['p99_ms']:.3f}; xapian p50 {xapian_time['p50_ms']:.3f} p99 {xapian_time['p99_ms']:.3f}")
    with open(os.path.join(args.out, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    with open(os.path.join(args.out, "queries.jsonl"), "w", encoding="utf-8") as f:
        for kind, qs in queries.items():
            for q in qs:
                f.write(json.dumps({"kind": kind, "q": q["q"], "base": q["base"], "relevant": len(q["relevant"])},
                                   ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
