"""Tests for reading gold annotations: quote kinds, brat standoff, PolNeAR folders and JSONL."""
import json
from pathlib import Path

import pytest

from provenance.errors import GoldError
from provenance.evaluation.gold import (
    GoldDocument, GoldSentence, make_attribution, parse_brat, quote_kind, read_gold, read_jsonl, read_polnear,
)

POLNEAR = Path(__file__).parents[1].parent / "shared" / "eval" / "polnear"
REALNEWS = Path(__file__).parents[1].parent / "shared" / "eval" / "realnews" / "articles.jsonl"


def offsets(text, *pieces):
    """The (start, end) offsets of each piece, each found after the previous one."""
    found, at = [], 0
    for piece in pieces:
        start = text.index(piece, at)
        found.append((start, start + len(piece)))
        at = start + len(piece)
    return found


@pytest.mark.parametrize("text, pieces, kind", [
    ('"We will win," Smith said.', ['We will win'], "direct"),
    ('"We will win," Smith said.', ['"We will win,"'], "direct"),
    ("“We will win,” Smith said.", ["We will win"], "direct"),
    ("''We will win,'' Smith said.", ["We will win"], "direct"),
    ("«Nous gagnerons», a dit Smith.", ["Nous gagnerons"], "direct"),
    ('"We will win," Smith said, "and soon."', ["We will win", "and soon."], "direct"),
    ('"First we win.\n\n"Then we govern," Smith said.', ['"First we win.\n\n"Then we govern,"'], "direct"),
    ('Smith called the plan "a disaster" for everyone.', ['the plan "a disaster" for everyone'], "mixed"),
    ("Smith called the plan ''a disaster'' for everyone.", ["the plan ''a disaster'' for everyone"], "mixed"),
    ("Smith called the plan “a disaster” for everyone.", ["the plan “a disaster” for everyone"], "mixed"),
    ("Smith said the plan would fail.", ["the plan would fail"], "indirect"),
    # A mark before a space closes the previous quote; it does not open this content.
    ('"It is over." Jones thinks it is not.', ["Jones thinks it is not"], "indirect"),
    ('Jones said that "it is over" is wrong, and it is not over at all, not at all.',
     ["it is not over at all, not at all"], "indirect"),
    # Single quotes are not quotation marks here: ’ is also the apostrophe.
    ("Smith said he’d win and they’d lose.", ["he’d win and they’d lose"], "indirect"),
])
def test_quote_kind(text, pieces, kind):
    assert quote_kind(text, offsets(text, *pieces)) == kind


def test_make_attribution_takes_span_text_from_the_article():
    text = '"We will win," Smith said.'
    attribution = make_attribution(text, offsets(text, "We will win"), offsets(text, "Smith"), offsets(text, "said"))
    assert [s.text for s in attribution.content + attribution.source + attribution.cue] == ["We will win", "Smith", "said"]
    assert attribution.kind == "direct"


TEXT = (
    '"We will win," Smith said, "and we will win big."\n'
    "The rally, it is believed, was large.\n"
    "Jones said the crowd\nThe rest was quiet."
)
ANN = """T1\tSource 15 20\tSmith
T2\tCue 21 25\tsaid
T3\tContent 0 14;27 49\t"We will win," "and we will win big."
T4\tAttribution 21 25\tsaid
E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3
T5\tCue 64 75\tis believed
T6\tContent 50 59\tThe rally
T7\tContent 77 87\twas large.
T8\tAttribution-no-source 64 75\tis believed
E2\tAttribution-no-source:T8 Cue:T5 Content:T6 Content2:T7
T9\tSource 88 93\tJones
T10\tCue 94 98\tsaid
T11\tContent 99 128\tthe crowd
The rest was quiet.
T12\tAttribution 94 98\tsaid
E3\tAttribution:T12 Source:T9 Cue:T10 Content:T11
T13\tAttribution 94 98\tsaid
E4\tAttribution:T13 Source:T9
#1\tAnnotatorNotes T1\ta note
"""


def test_parse_brat_reads_events_with_discontinuous_spans_and_content2():
    first, second, third = parse_brat(ANN, TEXT, "a.ann")
    assert [s.text for s in first.content] == ['"We will win,"', '"and we will win big."']
    assert [s.text for s in first.source] == ["Smith"]
    assert [s.text for s in first.cue] == ["said"]
    assert first.kind == "direct"
    assert [s.text for s in second.content] == ["The rally", "was large."]
    assert second.source == ()
    assert second.kind == "indirect"
    # A span crossing a newline continues on the next .ann line, which may start with "T".
    assert third.content[0].text == "the crowd\nThe rest was quiet."


@pytest.mark.parametrize("line, message", [
    ("E9\tAttribution:T4 Content:T99", "a.ann:17: E9: 'Content:T99' does not name a defined T span"),
    ("E9\tAttribution:T4 Speaker:T1", "a.ann:17: E9: unknown role 'Speaker'"),
    ("T99\tContent 0 x\tWe", "a.ann:17: expected 'T<n><TAB><label> <start> <end>"),
    ("T99\tContent 0 999\tWe", "a.ann:17: T99: offsets 0-999 fall outside the text"),
    ("T99\tContent 1 3\tXY", "a.ann:17: T99: its text differs from the article text"),
])
def test_parse_brat_errors_name_path_and_line(line, message):
    ann = "\n".join(ANN.split("\n")[:16] + [line])
    with pytest.raises(GoldError, match="^" + message.replace("[", r"\[").replace("(", r"\(")):
        parse_brat(ann, TEXT, "a.ann")


def make_polnear(root: Path) -> Path:
    """A two-article PolNeAR-shaped folder; the second article has two annotators."""
    (root / "dev").mkdir(parents=True)
    header = "compartment\tfilename\tannotators\tpublisher\ttitle\n"
    rows = ["dev\tone\taa|bb\tnyt\tOne\n", "train\tskipped\taa\tnyt\tSkip\n", "dev\ttwo\tbb\tpolitico\tTwo\n"]
    (root / "metadata.tsv").write_text(header + "".join(rows), encoding="utf-8")
    for folder in ("text", "attributions"):
        (root / "dev" / folder).mkdir()
    (root / "dev" / "text" / "one.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "one_aa.ann").write_text(ANN, encoding="utf-8")
    (root / "dev" / "attributions" / "one_bb.ann").write_text("E1\tAttribution:T1\n", encoding="utf-8")
    (root / "dev" / "text" / "two.txt").write_text("Nothing to see.", encoding="utf-8")
    (root / "dev" / "attributions" / "two_bb.ann").write_text("", encoding="utf-8")
    return root


def test_read_polnear_reads_the_split_with_the_first_annotator(tmp_path):
    documents = list(read_polnear(make_polnear(tmp_path), "dev"))
    assert [(d.id, d.publisher, len(d.attributions)) for d in documents] == [("one", "nyt", 3), ("two", "politico", 0)]
    assert documents[0].text == TEXT


def test_read_polnear_rejects_metadata_without_a_column(tmp_path):
    (tmp_path / "metadata.tsv").write_text("compartment\tfilename\tpublisher\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"metadata.tsv:1: missing column\(s\) annotators$"):
        read_polnear(tmp_path, "dev")


def test_read_polnear_names_a_missing_article_file(tmp_path):
    make_polnear(tmp_path)
    (tmp_path / "dev" / "text" / "two.txt").unlink()
    with pytest.raises(GoldError, match=r"two.txt: no such file$"):
        list(read_polnear(tmp_path, "dev"))


def write_jsonl(path: Path, *records) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


DOC = {
    "id": "a1",
    "text": '"We will win," Smith said. Jones said it was over.',
    "publisher": "wire",
    "attributions": [
        {"content": [[1, 12]], "source": [[15, 20]], "cue": [[21, 25]]},
        {"content": [[38, 49]], "source": [[27, 32]], "cue": [[33, 37]], "kind": "mixed"},
    ],
}


def test_read_jsonl(tmp_path):
    path = write_jsonl(tmp_path / "gold.jsonl", DOC, "", {"id": "a2", "text": "Quiet.", "attributions": []})
    first, second = read_jsonl(path)
    assert isinstance(first, GoldDocument) and first.publisher == "wire"
    assert [(a.content[0].text, a.source[0].text, a.cue[0].text, a.kind) for a in first.attributions] == [
        ("We will win", "Smith", "said", "direct"),
        ("it was over", "Jones", "said", "mixed"),
    ]
    assert (second.id, second.publisher, second.attributions) == ("a2", None, ())


@pytest.mark.parametrize("bad, message", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "expected a JSON object"),
    ({"id": "b", "text": "x"}, "missing key 'attributions'"),
    ({"id": "b", "text": "x", "attributions": [], "lang": "en"}, "unknown key 'lang'"),
    ({"id": 7, "text": "x", "attributions": []}, "'id' and 'text' must be strings"),
    ({"id": "b", "text": "abc", "attributions": [{"content": [[0, 9]]}]},
     r"attribution 1: 'content': \[0, 9\] is not a \[start, end\] pair with 0 <= start < end <= 3"),
    ({"id": "b", "text": "abc", "attributions": [{"content": []}]}, "attribution 1: 'content' needs at least one"),
    ({"id": "b", "text": "abc", "attributions": [{"content": [[0, 1]], "kind": "quoted"}]},
     "attribution 1: 'kind' must be one of direct, mixed, indirect"),
    ({"id": "a1", "text": "abc", "attributions": []}, "duplicate id 'a1'"),
])
def test_read_jsonl_errors_name_path_and_line(tmp_path, bad, message):
    path = write_jsonl(tmp_path / "gold.jsonl", DOC, bad)
    with pytest.raises(GoldError, match=f"^{path}:2: {message}"):
        list(read_jsonl(path))


# Invented, with every optional key realnews has: sources, sentence statuses, notes.
RICH = {
    "id": "r1",
    "outlet": "Invented Wire",
    "origin": "nowhere@0000000:r1",
    "url": "https://example.invalid/r1",
    "text": 'Ann Lee said the dam held. "It is safe," she added. The river rose.',
    "attributions": [
        {"content": [[13, 25]], "source": [[0, 7]], "cue": [[8, 12]], "entity": "Ann Lee", "type": "person",
         "role": "engineer", "scope": "speech", "quote": "indirect"},
        {"content": [[28, 38]], "source": [[41, 44]], "cue": [[45, 50]], "entity": "Ann Lee", "type": "person",
         "role": "engineer", "scope": "speech", "quote": "mixed", "note": "hand-corrected kind"},
    ],
    "sentences": [
        {"start": 0, "end": 26, "status": "attributed", "entity": "Ann Lee", "type": "person", "checkworthy": True},
        {"start": 27, "end": 51, "status": "attributed", "entity": "Ann Lee", "type": "person",
         "why": "implicit continuation"},
        {"start": 52, "end": 66, "status": "unattributed", "entity": None, "type": None},
    ],
}


def test_read_jsonl_keeps_entities_types_and_sentences(tmp_path):
    (document,) = read_jsonl(write_jsonl(tmp_path / "gold.jsonl", RICH))
    assert [(a.content[0].text, a.entity, a.type, a.kind) for a in document.attributions] == [
        ("the dam held", "Ann Lee", "person", "indirect"),
        ('It is safe', "Ann Lee", "person", "mixed"),  # `quote` gives the kind: the marks alone say direct
    ]
    assert document.sentences == (
        GoldSentence(0, 26, "attributed", True, "Ann Lee", "person"),
        GoldSentence(27, 51, "attributed", False, "Ann Lee", "person"),
        GoldSentence(52, 66, "unattributed"),
    )
    assert document.text[52:66] == "The river rose"


def test_gold_without_the_optional_keys_has_no_entities_or_sentences(tmp_path):
    (document, _) = read_jsonl(write_jsonl(tmp_path / "gold.jsonl", DOC, {"id": "a2", "text": "x", "attributions": []}))
    assert document.sentences == ()
    assert {(a.entity, a.type) for a in document.attributions} == {(None, None)}


def rich(**changes):
    """RICH with its first attribution or sentence changed: keys `attribution` and `sentence`."""
    record = json.loads(json.dumps(RICH))
    record["attributions"][0].update(changes.get("attribution", {}))
    record["sentences"][0].update(changes.get("sentence", {}))
    for key, value in changes.get("document", {}).items():
        record[key] = value
    return record


@pytest.mark.parametrize("bad, message", [
    (rich(sentence={"status": "sourced"}),
     "sentence 1: 'status' must be one of attributed, vague, unattributed, not_claim, not 'sourced'"),
    (rich(sentence={"checkworthy": "yes"}), "sentence 1: 'checkworthy' must be true or false"),
    (rich(sentence={"end": 999}), r"sentence 1: 'start', 'end': \[0, 999\] is not a \[start, end\] pair"),
    (rich(sentence={"weight": 2}), "sentence 1: unknown key 'weight'"),
    (rich(sentence={"entity": 7}), "sentence 1: 'entity' must be a string or null"),
    (rich(attribution={"entity": ["Ann Lee"]}), "attribution 1: 'entity' must be a string or null"),
    (rich(attribution={"quote": "partial"}), "attribution 1: 'quote' must be one of direct, mixed, indirect"),
    (rich(attribution={"speaker": "Ann Lee"}), "attribution 1: unknown key 'speaker'"),
    (rich(document={"sentences": {}}), "'sentences' must be a list"),
])
def test_read_jsonl_checks_the_optional_keys(tmp_path, bad, message):
    path = write_jsonl(tmp_path / "gold.jsonl", DOC, bad)
    with pytest.raises(GoldError, match=f"^{path}:2: {message}"):
        list(read_jsonl(path))


def test_read_gold_picks_the_reader(tmp_path):
    jsonl = write_jsonl(tmp_path / "gold.jsonl", DOC)
    assert [d.id for d in read_gold(jsonl)] == ["a1"]
    assert [d.id for d in read_gold(make_polnear(tmp_path / "polnear"), "dev")] == ["one", "two"]


@pytest.mark.parametrize("name, message", [
    ("missing", "no such file or directory"),
    ("gold.txt", "not a gold set"),
])
def test_read_gold_rejects_other_paths(tmp_path, name, message):
    (tmp_path / "gold.txt").write_text("x", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        read_gold(tmp_path / name)


@pytest.mark.polnear
@pytest.mark.skipif(not (POLNEAR / "metadata.tsv").is_file(), reason="PolNeAR corpus not beside the project")
def test_polnear_dev_split_reads_cleanly():
    documents = list(read_polnear(POLNEAR, "dev"))
    assert len(documents) == 84
    assert all(d.attributions for d in documents)
    for document in documents:
        for attribution in document.attributions:
            for span in attribution.content + attribution.source + attribution.cue:
                assert span.text == document.text[span.start:span.end]


@pytest.mark.realnews
@pytest.mark.skipif(not REALNEWS.is_file(), reason="realnews set not beside the project")
def test_realnews_reads_cleanly():
    documents = list(read_gold(REALNEWS))
    assert len(documents) == 40
    assert all(d.sentences for d in documents)
    for document in documents:
        ends = [s.end for s in document.sentences]
        assert ends == sorted(ends)
        assert all(a.entity or not a.source for a in document.attributions)  # only agentless ones lack an entity
