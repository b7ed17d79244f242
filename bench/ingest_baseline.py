#!/usr/bin/env python3
"""The reference for ingest speed: the least a JSONL-to-SQLite loader does
(parse each line, insert id/title/text/raw in one WAL transaction), with no
cleaning or language id. sipur's figures are reported as a ratio to this,
measured in the same run on the same machine."""
import json
import sqlite3
import sys

db_path, *inputs = sys.argv[1:]
db = sqlite3.connect(db_path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, title TEXT, text TEXT, raw TEXT)")
count = 0
with db:
    for path in inputs:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                db.execute("INSERT OR IGNORE INTO articles VALUES (?,?,?,?)",
                           (r.get("id"), r.get("title", ""), r.get("text", ""), line))
                count += 1
print(count)
