"""Sources as entities across a corpus: names and keys, rows that do not depend on the order of
saves, reviewers' corrections kept across re-analysis, and their export as a rules file."""
import itertools
import sqlite3

import pytest

from provenance import storage
from provenance.errors import StorageError
from provenance.names import author_name, byline_names, clean_name, display_name, name_key, sources_yaml, stable_type
from provenance.records import Analysis, Article, Attribution, Span, Speaker
from provenance.rules import load_rules


@pytest.mark.parametrize("name,expected", [
    ("Donald Trump’s", "Donald Trump"),
    ("Jane Doe's", "Jane Doe"),
    ("the workers'", "the workers"),
    ("  Jane\n Doe ", "Jane Doe"),
    ("Consumers Against Privacy Invasion (Capi", "Consumers Against Privacy Invasion"),
    ("Ministry of Trade (MOTIE)", "Ministry of Trade (MOTIE)"),
])
def test_clean_name(name, expected):
    assert clean_name(name) == expected


# Names of one entity share a key; names of two entities do not.
@pytest.mark.parametrize("names,kind", [
    (("Donald J. Trump", "Donald Trump", "DONALD TRUMP", "Donald Trump’s"), "person"),
    (("Hillary Rodham Clinton", "Hillary Clinton"), "person"),
    (("Recep Tayyip Erdoğan", "Recep Erdogan"), "official"),
    (("The New York Times", "New York Times", "the New York Times’"), "media"),
    (("James Kennedy Jr.", "James T. Kennedy Jr."), "person"),  # a suffix stays, past the middle names
    (("Ann Ruiz + Tom Berg", "Ann M. Ruiz + Tom Berg"), "person"),  # a composite: its members' keys
])
def test_one_key_per_entity(names, kind):
    assert len({name_key(name, kind) for name in names}) == 1


@pytest.mark.parametrize("a,b", [
    ("Ivanka Trump", "Melania Trump"),
    ("Bill Clinton", "Hillary Clinton"),
    ("Bank of New York Mellon", "Bank of New York"),  # not a person: no word is dropped
    ("Ann Ruiz + Tom Berg", "Ann Berg"),  # a composite is not the first and last of its words
    ("James Kennedy Jr.", "Patrick Carlineo Jr."),
    ("Donald Trump Jr.", "Donald Trump"),
])
def test_different_entities_keep_different_keys(a, b):
    kind = "organization" if a.startswith("Bank") else "person"
    assert name_key(a, kind) != name_key(b, kind)


@pytest.mark.parametrize("line,expected", [
    ("By Jane Doe", ("Jane Doe",)),
    ("by Ana Ruiz", ("Ana Ruiz",)),
    ("By JANE DOE Associated Press", ("Jane Doe",)),  # the wires: a name in capitals, then the agency
    ("By Jane Doe, Staff Writer", ("Jane Doe",)),
    ("By Jane Doe | The Lakeside Courier", ("Jane Doe",)),
    ("By Jane Doe - Science Editor", ("Jane Doe",)),
    ("By Jane Doe and John Roe, Reuters", ("Jane Doe", "John Roe")),
    ("By Jane Doe, John Roe and Ann Lee", ("Jane Doe", "John Roe", "Ann Lee")),
    ("By J. R. Smith", ("J. R. Smith",)),
    ("By Ahmed al-Masri", ("Ahmed al-Masri",)),
    ("By Mary-Ann O'Neil", ("Mary-Ann O'Neil",)),
    # sentences and phrases that open with "By" name nobody
    ("By Monday morning, the talks had failed.", ()),
    ("By March 2020 the bridge was shut", ()),
    ("By the time he arrived, the talks had ended.", ()),
    ("By Doe's own account", ()),
    ("By Reuters", ()),
    ("Jane Doe", ()),
])
def test_byline_names(line, expected):
    assert byline_names(line) == expected


@pytest.mark.parametrize("field,expected", [
    ("Jane Doe", "Jane Doe"),
    ("Jane Doe, Lakeside Courier", "Jane Doe"),
    ("Jane Doe; John Roe", "Jane Doe + John Roe"),
    ("Jane Doe, Lakeside Courier; John Roe", "Jane Doe + John Roe"),
    ("By Ana Ruiz", "Ana Ruiz"),
    ("Lakeside Courier", "Lakeside Courier"),  # a page's author that is no person is named as given
    ("  ", None),
])
def test_author_name_from_a_page_s_author_field(field, expected):
    assert author_name(field) == expected


def test_several_authors_keep_each_one_s_key():
    assert name_key("Jane Q. Doe + John Roe", "author") == "jane doe + john roe"
    assert name_key("Jane Q. Doe", "author") == name_key("Jane Doe", "person")


@pytest.mark.parametrize("kinds,expected", [
    (["official", "person", "official"], "person"),  # an official is a person with a title
    (["organization", "person"], "person"),  # a tie: the order of TYPE_ORDER
    (["person", "organization"], "person"),
    (["media", "organization", "media"], "media"),
    (["unnamed", "government"], "government"),
])
def test_stable_type(kinds, expected):
    assert stable_type(kinds) == expected


def test_display_name_is_the_most_used_then_the_longest():
    assert display_name(["Donald Trump", "Donald J. Trump", "Donald Trump"]) == "Donald Trump"
    assert display_name(["Jane Doe", "Jane A. Doe"]) == "Jane A. Doe"


def analysis(text, speakers):
    """An article whose sentences are attributed to `speakers`, (name, type) pairs, one per sentence."""
    attributions, start = [], 0
    for number, (name, kind) in enumerate(speakers, start=1):
        attributions.append(Attribution(
            id=f"a{number}", kind="indirect", content=(Span(start, start + 3, text[start:start + 3]),), cues=(),
            source=None, speaker=Speaker(name, kind, "article.person"), vague=False, resolved_by="name",
            confidence=0.9, rules=("article.person",)))
        start += 4
    return Analysis(Article.from_text(text, f"{text[:4]}.txt"), tuple(attributions), (), "m", "1", "r", "0")


ARTICLES = [
    analysis("one two three", [("Jane Doe", "official"), ("Jane A. Doe", "person"), ("Acme", "organization")]),
    analysis("four five six", [("JANE DOE", "person"), ("Acme", "person"), ("Zed Corp", "organization")]),
    analysis("seven eight nine", [("Jane Doe", "person"), ("Acme", "organization")]),
]


def source_rows(db):
    return list(db.query("SELECT id, key, name, type, rule FROM sources ORDER BY id"))


@pytest.fixture
def db():
    database = storage.open_db(":memory:")
    yield database
    database.close()


def test_rows_do_not_depend_on_the_order_of_saves():
    tables = []
    for order in itertools.permutations(ARTICLES):
        db = storage.open_db(":memory:")
        for article in order:
            storage.save(db, article)
        storage.save(db, order[0])  # a re-check changes nothing
        tables.append(source_rows(db))
        db.close()
    assert all(table == tables[0] for table in tables)
    # one row per entity, of one type: "Acme" typed a person once is still the organization
    assert sorted((r["name"], r["type"]) for r in tables[0]) == [
        ("Acme", "organization"), ("Jane Doe", "person"), ("Zed Corp", "organization")]


def test_a_source_left_without_statements_goes(db):
    storage.save(db, ARTICLES[1])
    storage.save(db, analysis("four five six", [("Jane Doe", "person")]))
    assert [r["name"] for r in source_rows(db)] == ["Jane Doe"]


def test_the_author_is_a_source_of_one_article(db):
    storage.save(db, analysis("one two three", [("the author", "author")]))
    storage.save(db, analysis("four five six", [("the author", "author")]))
    assert [r["statements"] for r in storage.source_entities(db)] == [1, 1]


def test_an_author_a_byline_names_is_one_source_across_articles_and_when_quoted(db):
    storage.save(db, analysis("one two three", [("Jane Doe", "author")]))
    storage.save(db, analysis("four five six", [("Jane A. Doe", "author")]))
    storage.save(db, analysis("seven eight nine", [("Jane Doe", "person"), ("Jane Doe + John Roe", "author")]))
    assert summary(db) == {"Jane Doe": ("author", 3, 3, ["Jane A. Doe"]),
                           "Jane Doe + John Roe": ("author", 1, 1, [])}


def saved_corpus(db):
    for article in ARTICLES:
        storage.save(db, article)


def summary(db):
    return {r["name"]: (r["type"], r["statements"], r["articles"], r["aliases"]) for r in storage.source_entities(db)}


def test_corrections_apply_and_survive_re_analysis(db):
    saved_corpus(db)
    storage.correct_source(db, "merge", "Zed Corp", "Acme", note="same company", reviewer="ann")
    storage.correct_source(db, "rename", "Acme", "Acme Group", reviewer="ann")
    storage.correct_source(db, "set-type", "Jane Doe", "official", reviewer="bob")
    expected = {"Jane Doe": ("official", 4, 3, ["JANE DOE", "Jane A. Doe"]),
                "Acme Group": ("organization", 4, 3, ["Acme", "Zed Corp"])}
    assert summary(db) == expected
    for article in reversed(ARTICLES):  # check --force, in another order
        storage.save(db, article)
    assert summary(db) == expected
    assert [(c["action"], c["source_key"], c["value"], c["reviewer"]) for c in storage.source_corrections(db)] == [
        ("merge", "zed corp", "acme", "ann"), ("rename", "acme", "Acme Group", "ann"),
        ("set-type", "jane doe", "official", "bob")]


def test_a_correction_is_appended_never_changed(db):
    saved_corpus(db)
    storage.correct_source(db, "rename", "Acme", "Acme Group")
    storage.correct_source(db, "rename", "Acme Group", "Acme Holdings")
    assert [c["value"] for c in storage.source_corrections(db)] == ["Acme Group", "Acme Holdings"]
    assert "Acme Holdings" in summary(db)


@pytest.mark.parametrize("action,name,value,message", [
    ("merge", "Nobody", "Acme", "none is named 'Nobody'"),
    ("merge", "Acme", "Nobody", "none is named 'Nobody'"),
    ("merge", "Acme", "acme", "are already one source"),
    ("split", "Acme", "x", "unknown correction 'split'"),
])
def test_bad_corrections_are_refused_and_nothing_is_written(db, action, name, value, message):
    saved_corpus(db)
    with pytest.raises(StorageError, match=message):
        storage.correct_source(db, action, name, value)
    assert storage.source_corrections(db) == []


def test_export_round_trips_through_the_rules(db, tmp_path):
    saved_corpus(db)
    storage.correct_source(db, "merge", "Zed Corp", "Acme")
    (tmp_path / "sources.yaml").write_text(sources_yaml(storage.curated_sources(db)), encoding="utf-8")
    [rule] = [r for r in load_rules([tmp_path]).sources if r.id.startswith("source.curated.")]
    assert (rule.id, rule.name, rule.type, rule.aliases) == (
        "source.curated.acme", "Acme", "organization", ("Acme", "Zed Corp"))


def as_version_4(conn):
    """Shape a database of this version's as version 4 stored findings: attributions and claims as
    tables with their text, no views, no full-text indexes, no verdicts in force."""
    for view in ("attributions", "claims"):
        columns = ", ".join(f'"{row[1]}"' for row in conn.execute(f"PRAGMA table_info({view})") if row[1] != "rowid")
        conn.execute(f"CREATE TABLE {view}_v4 AS SELECT {columns} FROM {view}")
    made = conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') "
                        "OR name IN ('claims_fts', 'attributions_fts')").fetchall()
    for kind, name in made:
        conn.execute(f"DROP {'TABLE' if kind == 'table' else kind.upper()} IF EXISTS [{name}]")
    for table in ("claim_rows", "attribution_rows", "labels", "verdicts", "verdict_counts", "source_names"):
        conn.execute(f"DROP TABLE [{table}]")
    for view in ("attributions", "claims"):
        conn.execute(f"ALTER TABLE {view}_v4 RENAME TO {view}")


def test_a_version_2_database_gets_one_source_per_entity(tmp_path):
    path = tmp_path / "v2.db"
    db = storage.open_db(path)
    for article in ARTICLES:
        storage.save(db, article)
    storage.close(db)
    # the version 2 schema: no key, no speaker's own name and type, no corrections; a source per name and type
    conn = sqlite3.connect(path)
    as_version_4(conn)
    conn.executescript("DROP INDEX sources_key; DROP TABLE source_corrections; "
                       "ALTER TABLE sources DROP COLUMN key; ALTER TABLE attributions DROP COLUMN speaker_name; "
                       "ALTER TABLE attributions DROP COLUMN speaker_type; DELETE FROM sources; "
                       "INSERT INTO sources (id, name, type, rule) VALUES (1, 'JANE DOE', 'person', 'article.person'), "
                       "(2, 'Jane Doe', 'official', 'article.person'); "
                       "UPDATE attributions SET source_id = 1 + (rowid % 2); PRAGMA user_version = 2;")
    conn.close()
    db = storage.open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == storage.SCHEMA_VERSION
    assert [(r["key"], r["name"], r["type"], r["statements"]) for r in storage.source_entities(db)] == [
        ("jane doe", "Jane Doe", "person", 8)]
    storage.close(db)


def test_a_name_with_nothing_of_a_name_is_no_source(db):
    storage.save(db, analysis("one two three", [("’s", "person"), ("Jane Doe", "person")]))
    assert [r["name"] for r in source_rows(db)] == ["Jane Doe"]
    assert display_name(["’s", ""]) is None
