#!/usr/bin/env python3
"""Clustering scores against gold labels: BCubed and pairwise precision,
recall and F1.

Both take `pred` and `gold` as dicts id -> cluster label and score over the
gold ids only: predicted ids that are not in gold are ignored, and a gold id
missing from `pred` counts as a singleton of its own in the prediction (see
`missing` for how many there are).

Convention for empty denominators: with no predicted pairs, pairwise precision
is 1.0 (nothing wrong was claimed); with no gold pairs, recall is 1.0; F1 is 0
when P + R is 0.

`python3 eval/cluster_metrics.py --selftest` checks hand-computed cases."""
import json
import math
import sys
from collections import Counter, defaultdict


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_labels(path, level):
    """id -> label at `level` ("event" or "story") from a gold or assignments JSONL."""
    return {r["id"]: r[level] for r in read_jsonl(path)}


def _complete(pred, gold):
    """pred restricted to the gold ids, a missing id as its own singleton."""
    return {i: pred[i] if i in pred else ("\0missing", i) for i in gold}


def missing(pred, gold):
    """Number of gold ids that the prediction does not contain."""
    return sum(1 for i in gold if i not in pred)


def _f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(pred, gold):
    """BCubed (P, R, F1), averaged over gold ids (Bagga & Baldwin 1998)."""
    if not gold:
        return 1.0, 1.0, 1.0
    pred = _complete(pred, gold)
    cell = Counter((pred[i], gold[i]) for i in gold)
    psize = Counter(pred.values())
    gsize = Counter(gold.values())
    p = sum(cell[pred[i], gold[i]] / psize[pred[i]] for i in gold) / len(gold)
    r = sum(cell[pred[i], gold[i]] / gsize[gold[i]] for i in gold) / len(gold)
    return p, r, _f1(p, r)


def _pairs(n):
    return n * (n - 1) // 2


def _filtered_pairs(groups, pair_filter):
    count = 0
    for members in groups.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                count += pair_filter(members[a], members[b])
    return count


def pairwise(pred, gold, pair_filter=None):
    """Pairwise (P, R, F1) over unordered pairs of gold ids; a pair is positive
    when both ids share a cluster. pair_filter(id_a, id_b) -> bool, if given,
    keeps only the pairs it accepts (e.g. same-language pairs)."""
    pred = _complete(pred, gold)
    if pair_filter is None:
        pred_pairs = sum(_pairs(n) for n in Counter(pred.values()).values())
        gold_pairs = sum(_pairs(n) for n in Counter(gold.values()).values())
        both = sum(_pairs(n) for n in Counter((pred[i], gold[i]) for i in gold).values())
    else:
        groups = {"p": defaultdict(list), "g": defaultdict(list), "b": defaultdict(list)}
        for i in gold:
            groups["p"][pred[i]].append(i)
            groups["g"][gold[i]].append(i)
            groups["b"][pred[i], gold[i]].append(i)
        pred_pairs, gold_pairs, both = (_filtered_pairs(groups[k], pair_filter) for k in "pgb")
    p = both / pred_pairs if pred_pairs else 1.0
    r = both / gold_pairs if gold_pairs else 1.0
    return p, r, _f1(p, r)


def selftest():
    def same(got, want):
        assert all(math.isclose(g, w, rel_tol=0, abs_tol=1e-12) for g, w in zip(got, want)) and \
            len(got) == len(want), (got, want)

    # gold: {a, b, c} {d, e}
    gold = {"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
    singletons = {i: i for i in gold}
    one = {i: "X" for i in gold}
    # BCubed P: every item alone is pure; R: (3 * 1/3 + 2 * 1/2) / 5 = 2/5
    same(bcubed(singletons, gold), (1, 2 / 5, 4 / 7))
    same(pairwise(singletons, gold), (1, 0, 0))
    # all in one: P = (3 * 3/5 + 2 * 2/5) / 5 = 13/25; pairs: 4 right of 10
    same(bcubed(one, gold), (13 / 25, 1, 13 / 19))
    same(pairwise(one, gold), (4 / 10, 1, 4 / 7))
    same(bcubed(gold, gold), (1, 1, 1))
    same(pairwise(gold, gold), (1, 1, 1))
    # pred {a, b} {c, d, e}: P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15,
    # R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15; pairs ab de right of ab cd ce de / ab ac bc de
    pred = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2}
    same(bcubed(pred, gold), (11 / 15, 11 / 15, 11 / 15))
    same(pairwise(pred, gold), (1 / 2, 1 / 2, 1 / 2))
    # ids outside gold are ignored
    same(bcubed(dict(pred, x=1, y=2), gold), (11 / 15, 11 / 15, 11 / 15))
    same(pairwise(dict(pred, x=1, y=2), gold), (1 / 2, 1 / 2, 1 / 2))
    # e missing: a singleton of its own. P = (1 + 1 + 1/2 + 1/2 + 1) / 5 = 4/5,
    # R = (2/3 + 2/3 + 1/3 + 1/2 + 1/2) / 5 = 8/15, F1 = 16/25; pairs: ab right of ab cd
    short = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert missing(short, gold) == 1 and missing(pred, gold) == 0
    same(bcubed(short, gold), (4 / 5, 8 / 15, 16 / 25))
    same(pairwise(short, gold), (1 / 2, 1 / 4, 1 / 3))
    # languages a b c en, d e he; same-language pairs: pred ab de, gold ab ac bc de
    lang = {"a": "en", "b": "en", "c": "en", "d": "he", "e": "he"}
    same(pairwise(pred, gold, lambda x, y: lang[x] == lang[y]), (1, 1 / 2, 2 / 3))
    # cross-language pairs: pred cd ce, gold none
    same(pairwise(pred, gold, lambda x, y: lang[x] != lang[y]), (0, 1, 0))
    # the filter path agrees with the counting path
    same(pairwise(pred, gold, lambda x, y: True), pairwise(pred, gold))
    same(pairwise(one, gold, lambda x, y: True), pairwise(one, gold))
    same(bcubed({}, {}), (1, 1, 1))
    print("cluster_metrics selftest: ok")


if __name__ == "__main__":
    if sys.argv[1:] == ["--selftest"]:
        selftest()
    else:
        sys.exit("usage: python3 eval/cluster_metrics.py --selftest")
