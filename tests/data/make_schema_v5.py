"""Write tests/data/schema-v5.sql: a database as schema version 5 wrote it.

Run from the project root with the storage module of that release:

    git show cd03ea4:provenance/storage.py > storage_v5.py
    python tests/data/make_schema_v5.py storage_v5.py

Beside what make_schema_v4.py saves (articles checked twice, a web page's article with a
quotation in two stretches and two cues in text that is not ASCII, verdicts on both versions,
one undone, a merged source), it saves an article whose claim and cue hold a text that is not
the article's between their offsets (kept in the row itself), by a run that recorded its
process and machine; then dumps the database as SQL with its user_version.
"""
import importlib.util
import sys
from pathlib import Path

from make_schema_v1 import dump
from make_schema_v4 import fill
from provenance.records import Analysis, Article, Attribution, Claim, Cue, Span, Speaker

HERE = Path(__file__).resolve().parent
OWN = "Officials said the road was shut. It reopened."


def own_text():
    """An article whose first claim and cue are not the article's text between their offsets."""
    said_it = Attribution("a1", "indirect", (Span(15, 32, "the road was shut"),), (Cue(10, 14, "told", "tell", "neutral",
                          "verb.tell"),), Span(0, 9, "Officials"), Speaker("officials", "unnamed", "vague.officials"),
                          True, "vague-head", 0.6, ("verb.tell", "link.clause", "vague.officials"))
    claims = (Claim(0, 33, "Officials told: the road was shut.", "vague", "a1", 1.25, ("claim.event", "claim.detail")),
              Claim(34, len(OWN), "It reopened.", "unattributed", None, 0.75, ("claim.event",)))
    return Analysis(Article.from_text(OWN, "drafts/road.txt", "Road"), (said_it,), claims,
                    "en_core_web_sm", "3.8.0", "r3", "0.3.0", "speech", "check")


def dumped(db):
    """The database as SQL (make_schema_v1.dump), each full-text index filled row by row from its view:
    FTS5's 'rebuild' fails on a view that reads json_each."""
    sql = dump(db)
    for view, column in (("claims", "text"), ("attributions", "content_text")):
        sql = sql.replace(f"INSERT INTO {view}_fts ({view}_fts) VALUES ('rebuild');",
                          f"INSERT INTO {view}_fts (rowid, {column}) SELECT rowid, {column} FROM {view};")
    return sql


def main(module_path):
    spec = importlib.util.spec_from_file_location("provenance.storage_v5", module_path)
    old = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = old
    spec.loader.exec_module(old)
    db = fill(old)
    run = old.start_run(db, tool_version="0.3.0", model="en_core_web_sm", model_version="3.8.0",
                        rules_digest="r3", command="provenance check drafts/road.txt", scope="speech",
                        conventions="check", pid=4242, host="desk")
    old.save(db, own_text(), run)
    old.finish_run(db, run, 1, 0)
    ids = {row["text"]: row["id"] for row in db.query("SELECT id, text FROM claims")}
    old.add_review(db, ids["Officials told: the road was shut."], "needs-source", None, "ann")
    (HERE / "schema-v5.sql").write_text(dumped(db), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
