#!/usr/bin/env python3
"""Scores `sipur analyze --conllu` on the raw text of the Hebrew UD dev
treebanks in ../shared, by k-fold cross-validation: for each fold, a model is
trained (`sipur train-analyzer --folds K --holdout k`) on the other folds of
the treebanks that share the scheme, and the held-out sentences are analyzed
from raw text and scored with eval/ud_score.py (CoNLL 2018 method). Counts
are summed over folds. Prints a table beside the published anchors."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TREEBANKS = {
    "IAHLTwiki": ("iahlt", "IAHLTwiki/he_iahltwiki-ud-dev.conllu"),
    "IAHLTknesset": ("iahlt", "IAHLTknesset/he_iahltknesset-ud-dev.conllu"),
    "HTB": ("htb", "HTB/he_htb-ud-dev.conllu"),
}
ANCHORS = {  # published raw-text lemma F1 (../shared/data/README.md)
    "IAHLTwiki": "UDPipe 2: words 88.56, lemmas 87.24",
    "IAHLTknesset": "UDPipe 2: words 88.01, lemmas 86.84",
    "HTB": "UDPipe 2: 85.09 / 82.96; Stanza 93.19 / 90.27; Trankit 96.31 / 93.48",
}


def sentences(path):
    with open(path, encoding="utf-8") as f:
        blocks = [b for b in f.read().split("\n\n") if b.strip()]
    return blocks


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sipur", default="build/release/sipur")
    parser.add_argument("--ud", default="../shared/data/ud-hebrew")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-lemma-f1", type=float, default=0.0, help="fail below this lemma F1 on any treebank")
    args = parser.parse_args()
    if not os.path.isdir(args.ud):
        print(f"analysis_eval: {args.ud} is absent; skipped")
        return 0
    totals = {name: {} for name in TREEBANKS}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.folds):
            for scheme in ("iahlt", "htb"):
                files = [os.path.join(args.ud, rel) for s, rel in TREEBANKS.values() if s == scheme]
                model = os.path.join(tmp, f"{scheme}-{k}.model")
                subprocess.run([args.sipur, "train-analyzer", "--scheme", scheme, "--folds", str(args.folds),
                                "--holdout", str(k), "--out", model] + files, check=True, capture_output=True)
                for name, (s, rel) in TREEBANKS.items():
                    if s != scheme:
                        continue
                    held = [b for i, b in enumerate(sentences(os.path.join(args.ud, rel))) if i % args.folds == k]
                    gold = os.path.join(tmp, f"{name}-{k}.gold.conllu")
                    with open(gold, "w", encoding="utf-8") as f:
                        f.write("\n\n".join(held) + "\n\n")
                    text = subprocess.run([sys.executable, os.path.join(HERE, "ud_score.py"), "--text", gold],
                                          check=True, capture_output=True, text=True).stdout
                    system = os.path.join(tmp, f"{name}-{k}.system.conllu")
                    with open(system, "w", encoding="utf-8") as f:
                        run = subprocess.run([args.sipur, "analyze", "--conllu", "--lang", "he", "--model", model],
                                             input=text, capture_output=True, text=True)
                        if run.returncode != 0:
                            raise SystemExit(f"analyze failed: {run.stderr}")
                        f.write(run.stdout)
                    score = subprocess.run([sys.executable, os.path.join(HERE, "ud_score.py"), gold, system, "--json"],
                                           capture_output=True, text=True)
                    if score.returncode != 0:
                        raise SystemExit(f"scoring {name} fold {k} failed: {score.stdout}{score.stderr}")
                    for metric, v in json.loads(score.stdout).items():
                        t = totals[name].setdefault(metric, {"gold": 0, "system": 0, "correct": 0})
                        for key in t:
                            t[key] += v[key]
    print(f"Hebrew analysis, {args.folds}-fold cross-validation on the UD dev treebanks (raw text)\n")
    print("| treebank | tokens F1 | words F1 | lemmas F1 | published anchors (words / lemmas) |")
    print("|---|---|---|---|---|")
    failed = False
    for name in TREEBANKS:
        f1 = {}
        for metric, t in totals[name].items():
            f1[metric] = 200.0 * t["correct"] / max(1, t["gold"] + t["system"])
        print(f"| {name} | {f1.get('Tokens', 0):.2f} | {f1.get('Words', 0):.2f} | {f1.get('Lemmas', 0):.2f} | "
              f"{ANCHORS[name]} |")
        failed = failed or f1.get("Lemmas", 0) < args.min_lemma_f1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
