"""Write tests/data/schema-v4.sql: a database as schema version 4 wrote it.

Run from the project root with the storage module of that release:

    git show 689a36f:provenance/storage.py > storage_v4.py
    python tests/data/make_schema_v4.py storage_v4.py

Beside what make_schema_v3.py saves (an article checked twice, a vague and a named source,
verdicts on both versions, one undone), it saves a web page's article with a quotation in two
stretches and two cues, in text that is not ASCII, and a source merged into another by a
reviewer; then dumps the database as SQL with its user_version.
"""
import importlib.util
import sys
from pathlib import Path

from make_schema_v1 import DRAFT, EDITED, OTHER, dump, said
from make_schema_v3 import analysis, named
from provenance.records import TRAFILATURA, Analysis, Article, Attribution, Claim, Cue, Page, Span, Speaker

HERE = Path(__file__).resolve().parent
QUOTED = "“Nous résisterons,” the général said, adding: “Toujours.” Les ponts sont coupés."


def quoted():
    """A web page's article: a quotation in two stretches, two cues, a named speaker."""
    def span(part):
        start = QUOTED.index(part)
        return Span(start, start + len(part), part)

    def cue(part, lemma):
        found = span(part)
        return Cue(found.start, found.end, part, lemma, "neutral", f"verb.{lemma}")

    said_it = Attribution("a1", "direct", (span("“Nous résisterons,”"), span("“Toujours.”")),
                          (cue("said", "say"), cue("adding", "add")), span("the général"),
                          Speaker("the général", "military", "source.general"), False, "title", 0.9,
                          ("quote.direct", "source.general"))
    page = Page("Ana Ruiz", "2021-03-04", "Le Courrier", "https://example.org/ponts", "0123456789abcdef", TRAFILATURA)
    first, second = QUOTED[:QUOTED.index(" Les")], QUOTED[QUOTED.index("Les"):]
    claims = (Claim(0, len(first), first, "attributed", "a1", 0.5, ("claim.named",)),
              Claim(len(first) + 1, len(QUOTED), second, "unattributed", None, 2.0, ("claim.event",)))
    return Analysis(Article.from_text(QUOTED, "pages/ponts.html", "Ponts", page=page), (said_it,), claims,
                    "en_core_web_sm", "3.8.0", "r3", "0.3.0", "speech", "check")


def fill(old):
    """Save, review and correct, through the storage module `old`, what the fixture holds."""
    db = old.open_db(":memory:")
    run = old.start_run(db, tool_version="0.3.0", model="en_core_web_sm", model_version="3.8.0",
                        rules_digest="r3", command="provenance check drafts/ pages/", scope="speech",
                        conventions="check")
    old.save(db, analysis(DRAFT, "drafts/town.txt", ["unattributed"] * 3), run)
    old.save(db, analysis(OTHER, "drafts/border.txt", ["vague", "unattributed"], said(OTHER)), run)
    mayor = "The war is over the mayor said."
    old.save(db, analysis(mayor, "drafts/mayor.txt", ["attributed"], named(mayor)), run)
    old.save(db, quoted(), run)
    old.finish_run(db, run, 4, 0)
    ids = {row["text"]: row["id"] for row in db.query("SELECT id, text FROM claims")}
    old.add_review(db, ids["Five soldiers were killed."], "needs-source", "how many?", "ann")
    old.add_review(db, ids["The bridge was closed."], "acceptable", None, "ann")
    old.add_review(db, ids["The mayor resigned."], "false-positive", None, "bob")
    old.undo(db, ids["The mayor resigned."], "bob")
    old.add_review(db, ids["Les ponts sont coupés."], "needs-source", "qui le dit ?", "ann")
    old.correct_source(db, "merge", "the mayor", "the général", "one person here", "bob")
    run = old.start_run(db, tool_version="0.3.0", model="en_core_web_sm", model_version="3.8.0",
                        rules_digest="r3", command="provenance check drafts/town.txt", scope="speech",
                        conventions="check")
    old.save(db, analysis(EDITED, "drafts/town.txt", ["unattributed"] * 3), run)
    old.finish_run(db, run, 1, 0)
    old.add_review(db, ids["The town fell on Monday."], "skip", None, "ann")
    return db


def main(module_path):
    spec = importlib.util.spec_from_file_location("provenance.storage_v4", module_path)
    old = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = old
    spec.loader.exec_module(old)
    (HERE / "schema-v4.sql").write_text(dump(fill(old)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
