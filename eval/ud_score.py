#!/usr/bin/env python3
"""Score a system CoNLL-U file against a gold one, the way the CoNLL 2018 shared task does.

    python3 eval/ud_score.py GOLD.conllu SYSTEM.conllu [--json]
    python3 eval/ud_score.py --text GOLD.conllu     # raw text, one sentence a line
    python3 eval/ud_score.py --selftest

Method (written from the published description, not from the official script):
  * Each file is read into sentences of tokens. A token is a plain word line, or a
    multi-word token range ("3-4") together with the word lines it covers. Empty nodes
    ("5.1") are ignored. Only ID, FORM and LEMMA are needed; other columns may be "_".
  * All token forms, whitespace removed, are laid end to end into one character string
    per file. The two strings must be identical, otherwise the files cannot be compared
    (error naming the first differing position, exit 2). Every token thus gets a
    character span [start, end); each word takes its token's span, and a sentence spans
    from its first token's start to its last token's end.
  * Tokens, Sentences: a span counts as correct when both files have it.
  * Words: both word sequences are walked in parallel. Words of single-word tokens align
    when their spans are equal. Where either side is inside a multi-word token, all gold
    and system words whose spans overlap that token (closed transitively) form a group,
    and the group is aligned by a longest common subsequence of lowercased forms. Spans
    are never used inside a multi-word token, because its words need not spell the text
    (HTB writes "בבית" as ב + ה_ + בית).
  * Lemmas, UPOS: an aligned pair counts when the column matches; a gold lemma "_"
    matches any system lemma. UPOS is reported only if the system fills it somewhere.
  * precision = correct / system, recall = correct / gold, F1 = 2 correct / (gold + system),
    all as percentages.
Exit status: 0 on success, 2 on unreadable input or texts that differ.
"""
import argparse
import bisect
import collections
import contextlib
import io
import json
import os
import re
import sys
import tempfile
import types

TEXT_COMMENT = re.compile(r"^#\s*text\s*=\s?(.*)$")
Score = collections.namedtuple("Score", "gold system correct")


class UDError(Exception):
    pass


Token = collections.namedtuple("Token", "form misc start end line")
Word = collections.namedtuple("Word", "form lemma upos start end in_mwt")


def new_sentence():
    return types.SimpleNamespace(text=None, tokens=[])


def without_space(form):
    return "".join(c for c in form if not c.isspace())


def parse_conllu(lines, name):
    """Parse CoNLL-U lines into a document: name, sentences, tokens, words, chars (the text)."""
    doc = types.SimpleNamespace(name=name, sentences=[], tokens=[], words=[], chars=[])
    offset, sent, next_id, mwt_last = 0, new_sentence(), 1, 0

    def finish(lineno):
        nonlocal sent, next_id, mwt_last
        if mwt_last >= next_id:
            raise UDError(f"{name}:{lineno}: multi-word token range not completed by its words")
        if sent.tokens:
            doc.sentences.append(sent)
        sent, next_id, mwt_last = new_sentence(), 1, 0

    lineno = 0
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            finish(lineno)
            continue
        if line.startswith("#"):
            match = TEXT_COMMENT.match(line)
            if match and not sent.tokens:
                sent.text = match.group(1)
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise UDError(f"{name}:{lineno}: expected tab-separated columns, got {line!r}")
        cols += ["_"] * (10 - len(cols))
        tid, form = cols[0], without_space(cols[1])
        if re.fullmatch(r"\d+\.\d+", tid):
            continue  # empty node
        range_match = re.fullmatch(r"(\d+)-(\d+)", tid)
        if range_match:
            first, last = int(range_match.group(1)), int(range_match.group(2))
            if first != next_id or last < first or mwt_last >= next_id:
                raise UDError(f"{name}:{lineno}: unexpected multi-word token range {tid}")
            mwt_last = last
        elif not tid.isdigit() or int(tid) != next_id:
            raise UDError(f"{name}:{lineno}: expected word ID {next_id}, got {tid!r}")
        if range_match or mwt_last < next_id:  # a new token: range line or plain word
            token = Token(cols[1], cols[9], offset, offset + len(form), lineno)
            offset = token.end
            doc.chars.append(form)
            sent.tokens.append(token)
            doc.tokens.append(token)
        if not range_match:
            token = sent.tokens[-1]
            word = Word(form, cols[2], cols[3], token.start, token.end, mwt_last >= next_id)
            doc.words.append(word)
            next_id += 1
    finish(lineno + 1)
    doc.chars = "".join(doc.chars)
    return doc


def read_conllu(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return parse_conllu(handle, path)
    except (OSError, UnicodeDecodeError) as err:
        raise UDError(f"cannot read {path}: {err}")


def line_at(doc, pos):
    """Line number of the token holding character pos (the last token if past the end)."""
    index = bisect.bisect_right([t.start for t in doc.tokens], pos) - 1
    return doc.tokens[max(index, 0)].line if doc.tokens else 0


def check_same_text(gold, system):
    a, b = gold.chars, system.chars
    if a == b:
        return
    pos = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))

    def context(doc):
        before = doc.chars[max(0, pos - 20):pos]
        after = doc.chars[pos:pos + 20] or "<end of text>"
        return f"{doc.name} line {line_at(doc, pos)}: ...{before}|{after}..."

    raise UDError(f"gold and system texts differ at character {pos} (whitespace removed; "
                  f"'|' marks the position)\n  gold:   {context(gold)}\n  system: {context(system)}")


def span_score(gold_spans, system_spans):
    common = collections.Counter(gold_spans) & collections.Counter(system_spans)
    return Score(len(gold_spans), len(system_spans), sum(common.values()))


def sentence_spans(doc):
    return [(s.tokens[0].start, s.tokens[-1].end) for s in doc.sentences]


def overlapping_group(gold, system, gi, si):
    """Ends (exclusive) of the smallest runs from gi and si whose spans cover each other."""
    end = max(gold[gi].end, system[si].end)
    grew = True
    while grew:
        grew = False
        while gi < len(gold) and gold[gi].start < end:
            end, gi, grew = max(end, gold[gi].end), gi + 1, True
        while si < len(system) and system[si].start < end:
            end, si, grew = max(end, system[si].end), si + 1, True
    return gi, si


def lcs_pairs(gold, system):
    """Pairs of a longest common subsequence of the lowercased forms."""
    a, b = [w.form.lower() for w in gold], [w.form.lower() for w in system]
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            pairs.append((gold[i], system[j]))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def align_words(gold, system):
    """List of (gold word, system word) pairs, in text order."""
    pairs, gi, si = [], 0, 0
    while gi < len(gold) and si < len(system):
        g, s = gold[gi], system[si]
        if g.start != s.start:  # the earlier-starting word cannot align with anything
            gi, si = (gi + 1, si) if g.start < s.start else (gi, si + 1)
        elif g.in_mwt or s.in_mwt:
            gj, sj = overlapping_group(gold, system, gi, si)
            pairs += lcs_pairs(gold[gi:gj], system[si:sj])
            gi, si = gj, sj
        elif g.end == s.end:
            pairs.append((g, s))
            gi, si = gi + 1, si + 1
        else:
            gi, si = (gi + 1, si) if g.end < s.end else (gi, si + 1)
    return pairs


def evaluate(gold, system):
    """Dict of metric name -> Score, in display order; raises UDError if the texts differ."""
    check_same_text(gold, system)
    scores = {
        "Tokens": span_score([(t.start, t.end) for t in gold.tokens], [(t.start, t.end) for t in system.tokens]),
        "Sentences": span_score(sentence_spans(gold), sentence_spans(system)),
    }
    pairs = align_words(gold.words, system.words)
    counts = (len(gold.words), len(system.words))
    scores["Words"] = Score(*counts, len(pairs))
    if any(w.upos != "_" for w in system.words):
        scores["UPOS"] = Score(*counts, sum(g.upos == s.upos for g, s in pairs))
    scores["Lemmas"] = Score(*counts, sum(g.lemma == "_" or g.lemma == s.lemma for g, s in pairs))
    return scores


def percentages(score):
    """(precision, recall, f1) as percentages rounded to 2 decimals."""
    def pct(num, den):
        return round(100.0 * num / den, 2) if den else 0.0
    return (pct(score.correct, score.system), pct(score.correct, score.gold),
            pct(2 * score.correct, score.gold + score.system))


def as_json(scores):
    out = {}
    for name, score in scores.items():
        p, r, f = percentages(score)
        out[name] = {"precision": p, "recall": r, "f1": f, "gold": score.gold,
                     "system": score.system, "correct": score.correct}
    return json.dumps(out, ensure_ascii=False)


def as_table(scores):
    rows = ["Metric     | Precision |    Recall |        F1", "-----------+-----------+-----------+-----------"]
    for name, score in scores.items():
        rows.append("%-10s | %9.2f | %9.2f | %9.2f" % ((name,) + percentages(score)))
    return "\n".join(rows)


def raw_text(doc):
    """One line per sentence: its '# text =' comment, else tokens joined per SpaceAfter=No."""
    for sent in doc.sentences:
        if sent.text is not None:
            yield sent.text
        else:
            yield "".join(t.form + ("" if "SpaceAfter=No" in t.misc.split("|") else " ")
                          for t in sent.tokens).rstrip()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", help="gold CoNLL-U file")
    parser.add_argument("system", nargs="?", help="system CoNLL-U file")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--text", action="store_true", help="print the raw text of GOLD, a sentence a line")
    parser.add_argument("--selftest", action="store_true", help="run the built-in checks")
    args = parser.parse_args(argv)
    if args.selftest:
        return selftest()
    if not args.gold or (not args.text and not args.system):
        parser.error("need GOLD and SYSTEM (or --text GOLD, or --selftest)")
    try:
        if args.text:
            for line in raw_text(read_conllu(args.gold)):
                print(line)
            return 0
        scores = evaluate(read_conllu(args.gold), read_conllu(args.system))
    except UDError as err:
        print(f"ud_score: error: {err}", file=sys.stderr)
        sys.exit(2)
    print(as_json(scores) if args.json else as_table(scores))
    return 0


# ---------------------------------------------------------------- self test

def cu(text):
    """Compact inline CoNLL-U: columns separated by spaces, padded to ten with '_'."""
    out = []
    for line in text.strip().split("\n"):
        line = line.strip()
        cols = line.split()
        out.append(line if line.startswith("#") or not cols else "\t".join(cols + ["_"] * (10 - len(cols))))
    return [line + "\n" for line in out]


GOLD = """
# text = הוא גר בבית.
1 הוא הוא PRON
2 גר גר VERB
3-5 בבית _ _ _ _ _ _ _ SpaceAfter=No
3 ב ב ADP
4 ה ה DET
5 בית בית NOUN
6 . . PUNCT

# text = זה טוב
1 זה זה PRON
2 טוב טוב ADJ
"""


def selftest():
    def run(gold_text, system_text):
        return {k: percentages(v) for k, v in evaluate(parse_conllu(cu(gold_text), "gold"),
                                                       parse_conllu(cu(system_text), "system")).items()}

    full, checks = (100.0, 100.0, 100.0), 0

    def expect(got, want, label):
        nonlocal checks
        assert got == want, f"{label}: got {got}, want {want}"
        checks += 1

    expect(run(GOLD, GOLD), dict.fromkeys(["Tokens", "Sentences", "Words", "UPOS", "Lemmas"], full), "identical")
    # No MWT split, only ID FORM LEMMA filled: 8 gold words, 6 system words, 5 aligned.
    unsplit = "1 הוא הוא\n2 גר גר\n3 בבית בבית _ _ _ _ _ _ SpaceAfter=No\n4 . .\n\n1 זה זה\n2 טוב טוב"
    expect(run(GOLD, unsplit), {"Tokens": full, "Sentences": full, "Words": (83.33, 62.5, 71.43),
                                "Lemmas": (83.33, 62.5, 71.43)}, "unsplit multi-word token")
    # One wrong lemma of 8; a gold lemma "_" matches anything.
    wrong = run(GOLD, GOLD.replace("2 גר גר", "2 גר גרר"))
    expect((wrong["Words"], wrong["UPOS"], wrong["Lemmas"]), (full, full, (87.5, 87.5, 87.5)), "wrong lemma")
    expect(run(GOLD.replace("2 טוב טוב", "2 טוב _"), GOLD)["Lemmas"], full, "gold lemma _")
    # HTB-style word not spelled in the text: LCS aligns ב and בית, not ה_ vs ה.
    expect(run(GOLD.replace("4 ה ה", "4 ה_ ה"), GOLD)["Words"], (87.5, 87.5, 87.5), "LCS inside MWT")
    # Sentence 1 split in two: system 3 sentences, 1 correct of gold 2.
    split = GOLD.replace("2 גר גר VERB\n", "2 גר גר VERB\n\n").replace("3-5 בבית", "1-3 בבית")
    split = split.replace("3 ב ב", "1 ב ב").replace("4 ה ה", "2 ה ה").replace("5 בית", "3 בית").replace("6 .", "4 .")
    expect(run(GOLD, split)["Sentences"], (33.33, 50.0, 40.0), "sentence split")
    # "זה טוב" as one token: tokens 4 of 5/6 right; words 6 of 7/8.
    joined = run(GOLD, GOLD.replace("1 זה זה PRON\n2 טוב טוב ADJ", "1 זהטוב זהטוב X"))
    expect((joined["Tokens"], joined["Words"]), ((80.0, 66.67, 72.73), (85.71, 75.0, 80.0)), "tokenization")
    # Different texts: clear error and exit status 2.
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, n) for n in ("g.conllu", "s.conllu")]
        for path, text in zip(paths, (GOLD, GOLD.replace("טוב", "רע"))):
            with open(path, "w", encoding="utf-8") as handle:
                handle.writelines(cu(text))
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                main(paths)
                code = 0
            except SystemExit as stop:
                code = stop.code
        expect((code, "differ at character 12" in err.getvalue()), (2, True), "text mismatch")
    # Raw text: from '# text =' comments, else rebuilt with SpaceAfter=No.
    doc = parse_conllu(cu(GOLD), "gold")
    expect(list(raw_text(doc)), ["הוא גר בבית.", "זה טוב"], "text comments")
    bare = parse_conllu([l for l in cu(GOLD) if not l.startswith("#")], "gold")
    expect(list(raw_text(bare)), ["הוא גר בבית.", "זה טוב"], "text fallback")
    print(f"selftest: {checks} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
