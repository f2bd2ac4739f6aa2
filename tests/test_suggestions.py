"""Merge suggestions from a whole database: a person called only by a surname joined to the one
person of that surname named in full; shared surnames, other types and curated sources left alone."""
import pytest
from click.testing import CliRunner

from provenance import storage
from provenance.cli import cli
from provenance.records import Analysis, Article, Attribution, Span, Speaker
from provenance.rules import load_rules
from provenance.suggestions import (apply_suggestions, bare_surname, database_suggestions, full_surname,
                                    title_words)

TITLES = [title for rule in load_rules().roles for title in rule.titles]
WORDS = title_words(TITLES)


@pytest.mark.parametrize("key,bare,full", [
    ("obama", "obama", ""),
    ("mr obama", "obama", ""),
    ("president obama", "obama", ""),
    ("sen sanders", "sanders", ""),  # "Sen." folded as keys fold it
    ("secretary of state kerry", "kerry", ""),  # the longest title first
    ("de blasio", "blasio", ""),  # a particle is part of the surname
    ("barack obama", "", "obama"),
    ("bill blasio", "", "blasio"),  # "Bill de Blasio" keyed: first name and surname
    ("donald trump jr", "", "trump"),  # a son of that surname: another person bearing it
    ("president barack obama", "", "obama"),
    ("jr", "", ""),
    ("jane doe + john roe", "", ""),  # several people: no surname of one
])
def test_surnames_of_keys(key, bare, full):
    assert (bare_surname(key, WORDS), full_surname(key, WORDS)) == (bare, full)


def analysis(path, name, kind, statements):
    """An article whose `statements` sentences are all attributed to one speaker."""
    text = " ".join(["abc"] * statements)
    attributions = tuple(Attribution(
        id=f"a{n}", kind="indirect", content=(Span(4 * n, 4 * n + 3, "abc"),), cues=(), source=None,
        speaker=Speaker(name, kind, "article.person"), vague=False, resolved_by="name", confidence=0.9,
        rules=("article.person",)) for n in range(statements))
    return Analysis(Article.from_text(text, path), attributions, (), "m", "1", "r", "0")


def corpus(speakers):
    """One article per (name, type, statements)."""
    return [analysis(f"{number}.txt", *speaker) for number, speaker in enumerate(speakers)]


def saved(db, speakers):
    for article in corpus(speakers):
        storage.save(db, article)
    return db


@pytest.fixture
def db():
    database = storage.open_db(":memory:")
    yield database
    database.close()


# (speakers saved, one article each), the merges suggested (alias key, target key), the ambiguous surname keys
CASES = [
    pytest.param([("Barack Obama", "person", 3), ("Obama", "person", 5)], [("obama", "barack obama")], [],
                 id="the only one of the surname"),
    pytest.param([("Jane Doe", "person", 2), ("President Doe", "official", 2), ("Ms. Doe", "person", 1)],
                 [("ms doe", "jane doe"), ("president doe", "jane doe")], [], id="a title and the surname"),
    pytest.param([("Bill de Blasio", "official", 2), ("De Blasio", "person", 3)], [("de blasio", "bill blasio")], [],
                 id="a surname with a particle"),
    pytest.param([("Bill Clinton", "person", 12), ("Hillary Clinton", "person", 60), ("Clinton", "person", 4)],
                 [], ["clinton"], id="two people often quoted"),
    pytest.param([("Donald Trump", "person", 90), ("Ivanka Trump", "person", 12), ("Melania Trump", "person", 10),
                  ("Trump", "person", 5)], [], ["trump"], id="three people often quoted"),
    pytest.param([("Donald Trump", "person", 30), ("Donald Trump Jr.", "person", 12), ("Trump", "person", 3)],
                 [], ["trump"], id="a son of the same name"),
    pytest.param([("Barack Obama", "person", 30), ("Michelle Obama", "person", 3), ("Obama", "person", 20)],
                 [("obama", "barack obama")], [], id="a relative rarely quoted"),
    pytest.param([("Donald Trump", "person", 20), ("Trump", "organization", 5)], [], [],
                 id="the surname typed an organization"),
    pytest.param([("John Acme", "organization", 4), ("Acme", "person", 2)], [], [],
                 id="the full name typed an organization"),
    pytest.param([("earlier Friday", "person", 2), ("Friday", "person", 1)], [], [],
                 id="a full name of no person's shape"),
    pytest.param([("Barack Obama", "person", 3), ("Michelle Obama", "person", 2), ("Obama", "person", 5)],
                 [], ["obama"], id="two people, neither often quoted"),
    pytest.param([("Obama", "person", 5), ("Clinton", "person", 2)], [], [], id="nobody named in full"),
]


@pytest.mark.parametrize("speakers,merges,ambiguous", CASES)
def test_suggestions(db, speakers, merges, ambiguous):
    found, shared = database_suggestions(saved(db, speakers), TITLES)
    assert [(s.alias_key, s.target_key) for s in found] == merges
    assert [a.key for a in shared] == ambiguous


def test_suggestions_do_not_depend_on_the_order_of_saves():
    speakers = [("Barack Obama", "person", 12), ("Obama", "person", 5), ("Michelle Obama", "person", 1),
                ("Mr. Doe", "person", 2), ("Jane Doe", "person", 4)]
    runs = []
    for order in (speakers, speakers[::-1]):
        db = saved(storage.open_db(":memory:"), order)
        runs.append(database_suggestions(db, TITLES))
        db.close()
    assert runs[0] == runs[1] and len(runs[0][0]) == 2


def test_applied_suggestions_are_merges_kept_across_re_checks_and_not_suggested_again(db):
    speakers = [("Barack Obama", "person", 3), ("Obama", "person", 5), ("Jane Doe", "person", 2),
                ("Mr. Doe", "person", 1)]
    found, _ = database_suggestions(saved(db, speakers), TITLES)
    assert apply_suggestions(db, found, "ann") == 2
    expected = {"Barack Obama": 8, "Jane Doe": 3}
    assert {r["name"]: r["statements"] for r in storage.source_entities(db)} == expected
    # the surname, used more, would have listed the merged row: the full name is recorded as its name
    assert [(c["action"], c["source_key"], c["value"], c["reviewer"]) for c in storage.source_corrections(db)] == [
        ("merge", "mr doe", "jane doe", "ann"), ("merge", "obama", "barack obama", "ann"),
        ("rename", "barack obama", "Barack Obama", "ann")]
    for article in reversed(corpus(speakers)):  # check --force, in another order
        storage.save(db, article)
    assert {r["name"]: r["statements"] for r in storage.source_entities(db)} == expected
    assert database_suggestions(db, TITLES) == ([], [])


def test_a_surname_a_reviewer_merged_elsewhere_is_not_suggested(db):
    saved(db, [("Barack Obama", "person", 3), ("Michelle Obama", "person", 1), ("Obama", "person", 5)])
    storage.correct_source(db, "merge", "Obama", "Michelle Obama")
    storage.save(db, analysis("9.txt", "Obama", "person", 2))  # a later article calls her "Obama" too
    assert database_suggestions(db, TITLES) == ([], [])


def test_the_command_prints_then_applies(tmp_path):
    path = str(tmp_path / "p.db")
    db = saved(storage.open_db(path), [("Barack Obama", "person", 3), ("Obama", "person", 5),
                                       ("Bill Clinton", "person", 12), ("Hillary Clinton", "person", 60),
                                       ("Clinton", "person", 4)])
    db.close()
    runner = CliRunner()
    result = runner.invoke(cli, ["sources", "suggest", "--db", path, "--verbose"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Obama -> Barack Obama (5 statements, suggest.surname: the only person named in full with this surname)\n"
        "Clinton: ambiguous between Bill Clinton, Hillary Clinton (4 statements, suggest.ambiguous: not suggested)\n"
        "1 merge suggested; --apply records them, 1 ambiguous surname left\n")
    result = runner.invoke(cli, ["sources", "suggest", "--db", path, "--apply", "--reviewer", "ann"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("1 merge recorded as merges, 1 ambiguous surname left\n")
    result = runner.invoke(cli, ["sources", "suggest", "--db", path])
    assert result.output == "0 merges suggested; --apply records them, 1 ambiguous surname left\n"
