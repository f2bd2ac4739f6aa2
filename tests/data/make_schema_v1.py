"""Write tests/data/schema-v1.sql: a database as provenance 0.1 (schema version 1) wrote it.

Run from the project root with the storage module of that release:

    git show f38c47b:provenance/storage.py > storage_v1.py
    python tests/data/make_schema_v1.py storage_v1.py

It saves, through that module, an article checked twice (an edited draft, which
schema 1 kept as two articles with one path) and a second article, reviews claims
of both versions, and dumps the database as SQL with its user_version.
"""
import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

from provenance.records import Analysis, Article, Attribution, Claim, Cue, Span, Speaker, text_digest

HERE = Path(__file__).resolve().parent
DRAFT = "The town fell on Monday. Five soldiers were killed. The bridge was closed."
EDITED = "The town fell on Monday. Six soldiers were killed. The bridge was closed."
OTHER = "Officials said the border would reopen. The mayor resigned."


def claims(text, statuses):
    found, start = [], 0
    for sentence, status in zip(text.split(". "), statuses):
        sentence = sentence.rstrip(".") + "."
        start = text.index(sentence, start)
        found.append(Claim(start, start + len(sentence), sentence, status, None, 1.0, ("claim.event",)))
        start += len(sentence)
    return tuple(found)


def said(text):
    """The attribution of the first sentence, "Officials said ...": a vague source."""
    content = text.index("the border")
    return (Attribution("a1", "indirect", (Span(content, content + 23, text[content:content + 23]),),
                        (Cue(10, 14, "said", "say", "neutral", "verb.neutral"),), Span(0, 9, "Officials"),
                        Speaker("officials", "unnamed", "vague.officials"), True, "vague-head", 0.6,
                        ("verb.neutral", "vague.officials")),)


def analysis(text, path, statuses, attributions=()):
    # schema 1 keyed an article by the hash of its text
    article = Article(text_digest(text), path, "A title", text)
    found = claims(text, statuses)
    if attributions:
        found = (replace(found[0], attribution="a1"),) + found[1:]
    return Analysis(article, attributions, found, "en_core_web_sm", "3.8.0", "r1", "0.1.0")


def main(module_path):
    spec = importlib.util.spec_from_file_location("provenance.storage_v1", module_path)
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    db = old.open_db(":memory:")
    run = old.start_run(db, tool_version="0.1.0", model="en_core_web_sm", model_version="3.8.0",
                        rules_digest="r1", command="provenance check drafts/")
    old.save(db, analysis(DRAFT, "drafts/town.txt", ["unattributed"] * 3), run)
    old.save(db, analysis(OTHER, "drafts/border.txt", ["attributed", "unattributed"], said(OTHER)), run)
    old.finish_run(db, run, 2, 0)
    ids = {row["text"]: row["id"] for row in db.query("SELECT id, text FROM claims")}
    old.add_review(db, ids["Five soldiers were killed."], "needs-source", "how many?", "ann")
    old.add_review(db, ids["The bridge was closed."], "acceptable", None, "ann")
    old.add_review(db, ids["The mayor resigned."], "false-positive", None, "bob")
    run = old.start_run(db, tool_version="0.1.0", model="en_core_web_sm", model_version="3.8.0",
                        rules_digest="r1", command="provenance check drafts/town.txt")
    old.save(db, analysis(EDITED, "drafts/town.txt", ["unattributed"] * 3), run)
    old.finish_run(db, run, 1, 0)
    ids = {row["text"]: row["id"] for row in db.query("SELECT id, text FROM claims")}
    old.add_review(db, ids["Six soldiers were killed."], "skip", None, "ann")
    (HERE / "schema-v1.sql").write_text(dump(db), encoding="utf-8")


def dump(db):
    """The database as SQL that rebuilds it: its schema, the rows of its own tables, then the
    full-text indexes rebuilt (sqlite3's iterdump writes FTS5 tables in a form that does not load)."""
    schema = db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                        "AND name NOT LIKE '%_fts_%' ORDER BY type = 'table' DESC, rowid").fetchall()
    fts = [name for kind, name, sql in schema if "VIRTUAL TABLE" in sql]
    tables = [name for kind, name, sql in schema if kind == "table" and name not in fts
              and name != "sqlite_sequence"]
    lines = [sql + ";" for kind, name, sql in schema if kind == "table" and name != "sqlite_sequence"]
    lines += [line for line in db.conn.iterdump()
              if any(line.startswith(f'INSERT INTO "{table}" ') for table in tables)]
    lines += [sql + ";" for kind, name, sql in schema if kind != "table"]
    lines += [f"INSERT INTO {name} ({name}) VALUES ('rebuild');" for name in fts]
    lines.append(f"PRAGMA user_version = {db.execute('PRAGMA user_version').fetchone()[0]};")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main(sys.argv[1])
