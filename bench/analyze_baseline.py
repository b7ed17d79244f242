#!/usr/bin/env python3
"""The reference for analysis speed: what a naive analyzer does per line
(regex word split, lowercase, strip one leading prefix letter when the rest
was seen), printing one line per token. sipur's MB/s is reported as a ratio
to this, measured in the same run."""
import re
import sys

WORD = re.compile(r"\w+|[^\w\s]")
PREFIXES = set("והבלמשכ")
seen = set()
out = sys.stdout
for line in sys.stdin:
    for token in WORD.findall(line):
        word = token.lower()
        seen.add(word)
        lemma = word[1:] if len(word) > 2 and word[0] in PREFIXES and word[1:] in seen else word
        out.write(f"{token}\t{lemma}\n")
