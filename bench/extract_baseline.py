#!/usr/bin/env python3
"""The reference for scripts/bench-extract: the visible text of each HTML page
with Python's own parser (html.parser, no main-text choice, no charset
detection: bytes read as UTF-8 with replacement), one JSON line per page.
What any extractor must at least do, in the language most such tools use."""
import html.parser
import json
import os
import sys

SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in SKIP and self.skipping > 0:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(data.strip())


def main():
    out = sys.stdout
    for arg in sys.argv[1:]:
        paths = sorted(os.path.join(arg, n) for n in os.listdir(arg)) if os.path.isdir(arg) else [arg]
        for path in paths:
            with open(path, "rb") as f:
                parser = Text()
                parser.feed(f.read().decode("utf-8", "replace"))
                parser.close()
            out.write(json.dumps({"file": path, "text": "\n".join(parser.parts)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
