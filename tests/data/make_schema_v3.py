"""Write tests/data/schema-v3.sql: a database as schema version 3 wrote it.

Run from the project root with the storage module of that release:

    git show 4c15eb4:provenance/storage.py > storage_v3.py
    python tests/data/make_schema_v3.py storage_v3.py

It saves, through that module, an article checked twice (an edited draft) and a
second article with a named and a vague source, reviews claims of both versions
(one verdict undone), and dumps the database as SQL with its user_version.
"""
import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

from make_schema_v1 import DRAFT, EDITED, OTHER, claims, dump, said
from provenance.records import Analysis, Article, Attribution, Cue, Span, Speaker

HERE = Path(__file__).resolve().parent


def analysis(text, path, statuses, attributions=()):
    found = claims(text, statuses)
    if attributions:
        found = (replace(found[0], attribution="a1"),) + found[1:]
    return Analysis(Article.from_text(text, path, "A title"), attributions, found, "en_core_web_sm", "3.8.0",
                    "r2", "0.2.0", "speech", "check")


def named(text):
    """The attribution of "the mayor said": a named source."""
    return (Attribution("a1", "indirect", (Span(0, 8, text[:8]),), (Cue(9, 13, "said", "say", "neutral", "verb.neutral"),),
                        Span(14, 23, text[14:23]), Speaker("the mayor", "official", "source.mayor"), False,
                        "title", 0.9, ("verb.neutral",)),)


def main(module_path):
    spec = importlib.util.spec_from_file_location("provenance.storage_v3", module_path)
    old = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = old
    spec.loader.exec_module(old)
    db = old.open_db(":memory:")
    run = old.start_run(db, tool_version="0.2.0", model="en_core_web_sm", model_version="3.8.0",
                        rules_digest="r2", command="provenance check drafts/", scope="speech", conventions="check")
    old.save(db, analysis(DRAFT, "drafts/town.txt", ["unattributed"] * 3), run)
    old.save(db, analysis(OTHER, "drafts/border.txt", ["vague", "unattributed"], said(OTHER)), run)
    mayor = "The war is over the mayor said."
    old.save(db, analysis(mayor, "drafts/mayor.txt", ["attributed"], named(mayor)), run)
    old.finish_run(db, run, 3, 0)
    ids = {row["text"]: row["id"] for row in db.query("SELECT id, text FROM claims")}
    old.add_review(db, ids["Five soldiers were killed."], "needs-source", "how many?", "ann")
    old.add_review(db, ids["The bridge was closed."], "acceptable", None, "ann")
    old.add_review(db, ids["The mayor resigned."], "false-positive", None, "bob")
    old.undo(db, ids["The mayor resigned."], "bob")
    run = old.start_run(db, tool_version="0.2.0", model="en_core_web_sm", model_version="3.8.0",
                        rules_digest="r2", command="provenance check drafts/town.txt", scope="speech",
                        conventions="check")
    old.save(db, analysis(EDITED, "drafts/town.txt", ["unattributed"] * 3), run)
    old.finish_run(db, run, 1, 0)
    old.add_review(db, ids["The town fell on Monday."], "skip", None, "ann")
    (HERE / "schema-v3.sql").write_text(dump(db), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
