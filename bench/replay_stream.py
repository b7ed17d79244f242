#!/usr/bin/env python3
"""A synthetic, endless news feed for the memory and throughput benchmarks:
the articles of one JSONL file replayed over and over in publication-time
order, pass p shifted forward in time by p * (the file's time span + 1 day)
and given new ids (`<id>-r<p>`, p = 0, 1, ...), so the stream stays in time
order and each pass's events have aged out before the next pass repeats
them. Deterministic: the same source and count give the same bytes.

Articles are ordered as bench/tfidf_baseline.py orders them (stable; an
article without a time keeps its place after the article before it). An
article without `published` is replayed without one; a source without any
times is replayed in input order with new ids only.

Usage: bench/replay_stream.py [--articles N] [--source FILE] [--out FILE]"""
import argparse
import json
import os
import sys
from datetime import datetime, timedelta, timezone

DEFAULT_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data",
                              "hebrew-headlines-2014", "articles.jsonl")


def parse_time(value):
    """An aware datetime (a time without a zone is taken as UTC), or None."""
    try:
        t = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def load(path):
    """[(id JSON prefix, published datetime or None, rest of the JSON object)]
    in time order, and the shift between passes."""
    records, keys, last = [], [], float("-inf")
    with open(path, encoding="utf-8") as f:
        for line_number, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if "id" not in r:
                sys.exit(f"replay_stream: {path}:{line_number}: no id")
            article_id = r.pop("id")
            published = parse_time(r.pop("published", None))
            last = last if published is None else published.timestamp()
            keys.append(last)
            # `{"id": "<id>-r<p>", "published": "...", <rest>}`: only the id
            # suffix and the time change between passes, the rest is serialised once.
            rest = json.dumps(r, ensure_ascii=False)[1:]
            records.append((json.dumps(str(article_id), ensure_ascii=False)[:-1], published,
                            (", " + rest) if rest != "}" else "}"))
    if not records:
        sys.exit(f"replay_stream: {path} holds no articles")
    order = sorted(range(len(records)), key=lambda i: keys[i])
    times = [t for _, t, _ in records if t is not None]
    span = max(times) - min(times) if times else timedelta(0)
    return [records[i] for i in order], span + timedelta(days=1)


def replay(path, count):
    """The stream's lines (each ending in a newline), `count` of them."""
    records, shift = load(path)
    written, replay_pass = 0, 0
    while written < count:
        offset = shift * replay_pass
        suffix = f'-r{replay_pass}"'
        for id_prefix, published, rest in records[:count - written]:
            if published is None:
                yield f'{{"id": {id_prefix}{suffix}{rest}\n'
            else:
                yield f'{{"id": {id_prefix}{suffix}, "published": "{(published + offset).isoformat()}"{rest}\n'
        written += min(len(records), count - written)
        replay_pass += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1_000_000, help="how many articles to write (default 1,000,000)")
    ap.add_argument("--source", default=DEFAULT_SOURCE,
                    help="articles JSONL to replay (default ../shared/data/hebrew-headlines-2014/articles.jsonl)")
    ap.add_argument("--out", help="output file (default: stdout)")
    args = ap.parse_args()
    if not os.path.isfile(args.source):
        print(f"replay_stream: {args.source} is absent; skipped", file=sys.stderr)
        return
    if args.out:
        out = open(args.out, "w", encoding="utf-8")
    else:
        sys.stdout.reconfigure(encoding="utf-8")
        out = sys.stdout
    try:
        batch = []
        for line in replay(args.source, args.articles):
            batch.append(line)
            if len(batch) == 4096:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))
    except BrokenPipeError:  # `| head` is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        if args.out:
            out.close()


if __name__ == "__main__":
    main()
