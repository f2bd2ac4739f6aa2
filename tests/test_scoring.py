"""Tests for scoring predictions against hand-made gold, the evaluation runner and the textacy baseline."""
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

from provenance.evaluation import engine_predictor, evaluate, format_report, read_gold
from provenance.evaluation.baseline import RULE, BaselineError, direct_quotations, predict_baseline
from provenance.evaluation.counts import Share
from provenance.evaluation.gold import GoldDocument, GoldSentence, make_attribution
from provenance.evaluation.predictor import Prediction
from provenance.evaluation.scoring import (
    METRICS, SPAN_METRICS, Counts, Extents, fragments, score, score_document, sentence_counts, sentences, trim,
)
from provenance.records import Attribution, Claim, Cue, Speaker, Span

REALNEWS = Path(__file__).parents[1].parent / "shared" / "eval" / "realnews" / "articles.jsonl"

TEXT = '"We will win," Smith said, "and we will win big." Jones said the rally was large.'


def at(text, piece, after=0):
    """The (start, end) offsets of ``piece`` in ``text``, searching from ``after``."""
    start = text.index(piece, after)
    return start, start + len(piece)


def span(text, start_end):
    start, end = start_end
    return Span(start, end, text[start:end])


def predicted(text, content, source=None, cue=None, kind="direct"):
    """An Attribution record from (start, end) offsets: content is a list of them."""
    cues = (Cue(*cue, text[cue[0]:cue[1]], "say", "neutral", "test.cue"),) if cue else ()
    return Attribution(
        id="p", kind=kind, content=tuple(span(text, c) for c in content), cues=cues,
        source=span(text, source) if source else None, speaker=None, vague=False,
        resolved_by=None, confidence=1.0,
    )


SMITH = dict(content=[at(TEXT, '"We will win,"'), at(TEXT, '"and we will win big."')],
             source=at(TEXT, "Smith"), cue=at(TEXT, "said"))
JONES = dict(content=[at(TEXT, "the rally was large")], source=at(TEXT, "Jones"), cue=at(TEXT, "said", 40))


def gold_document(text=TEXT, attributions=(SMITH, JONES), publisher="wire"):
    made = [
        make_attribution(text, a["content"], [a["source"]] if a.get("source") else [], [a["cue"]] if a.get("cue") else [])
        for a in attributions
    ]
    return GoldDocument("doc", text, publisher, tuple(made))


def perfect(text=TEXT, attributions=(SMITH, JONES)):
    return [predicted(text, **a) for a in attributions]


def prf(counts):
    return round(counts.precision, 3), round(counts.recall, 3), round(counts.f1, 3)


def test_perfect_prediction_scores_one_everywhere():
    report = score([gold_document()], [perfect()])
    assert {key: prf(c) for key, c in report.metrics.items()} == {key: (1.0, 1.0, 1.0) for key in METRICS}
    assert report.metrics["sentence"].accuracy == 1.0
    assert {k: c.recall for k, c in report.recall_by_kind.items()} == {"direct": 1.0, "mixed": 0.0, "indirect": 1.0}
    assert report.by_publisher == {"wire": Counts(tp=2)}


def test_empty_prediction_scores_zero_and_zero_over_zero_is_zero():
    report = score([gold_document()], [[]])
    assert report.metrics["content"] == Counts(fn=2)
    assert prf(report.metrics["content"]) == (0.0, 0.0, 0.0)
    assert prf(Counts()) == (0.0, 0.0, 0.0) and Counts().accuracy == 0.0
    assert report.failed == 0


def test_a_failed_document_scores_as_empty_and_is_counted():
    report = score([gold_document()], [None])
    assert (report.failed, report.metrics["content"]) == (1, Counts(fn=2))


def test_off_by_one_content_edges_fail_exact_but_match_by_jaccard():
    start, end = JONES["content"][0]
    shifted = dict(JONES, content=[(start + 1, end + 1)])  # "he rally was large."
    report = score([gold_document(attributions=[JONES])], [perfect(attributions=[shifted])])
    assert report.metrics["content"] == Counts(tp=1)
    assert report.metrics["content_exact"] == Counts(fp=1, fn=1)
    assert report.metrics["content_span"] == Counts(fp=1, fn=1)


TWO = "Jones said on Monday that the rally was large, and Smith said the crowd cheered."


@pytest.mark.parametrize("gold, found, extents", [
    # the same spans: no errors at all
    (["said"], ["said"], Extents()),
    # one word too many: a missed and a false span that overlap
    (["said"], ["said on Monday"], Extents(1, 1)),
    # a false span with no gold near it, and a missed one with nothing near it
    (["said"], ["cheered"], Extents()),
    # one gold span, two shorter false ones inside it
    (["the rally was large, and Smith said the crowd cheered"], ["the rally was large", "the crowd cheered"], Extents(1, 2)),
    # a right span beside a wrong one: only the wrong pair counts
    (["Jones", "Smith"], ["Jones", "and Smith"], Extents(1, 1)),
])
def test_extents_count_only_span_errors_that_overlap(gold, found, extents):
    document = GoldDocument("two", TWO, None, tuple(make_attribution(TWO, [at(TWO, piece)]) for piece in gold))
    found_attributions = [predicted(TWO, [at(TWO, piece)]) for piece in found]
    assert score_document(document, found_attributions).extents["content_span"] == extents


def test_report_sums_extents_per_role_over_documents():
    start, end = JONES["content"][0]
    shifted = dict(JONES, content=[(start + 1, end + 1)])
    one = gold_document(attributions=[JONES])
    report = score([one, one, gold_document()], [perfect(attributions=[shifted]), [], perfect()])
    assert report.extents == {"source_span": Extents(), "cue_span": Extents(), "content_span": Extents(1, 1)}
    assert set(report.extents) == set(SPAN_METRICS)
    assert report.as_dict()["extents"]["content_span"] == {"missed": 1, "false": 1}


def test_quote_marks_and_punctuation_at_the_edges_do_not_count():
    gold = dict(SMITH, content=[at(TEXT, "We will win"), at(TEXT, "and we will win big")])
    report = score([gold_document(attributions=[gold])], [perfect(attributions=[SMITH])])
    assert report.metrics["content_exact"] == Counts(tp=1)


@pytest.mark.parametrize("piece, trimmed", [
    ('"We will win,"', "We will win"),
    (' said', "said"),
    ("“and we will win big.”", "and we will win big"),
    ("''It's over,''", "It's over"),
    (":", ":"),  # nothing but punctuation: kept as it is
])
def test_trim(piece, trimmed):
    text = f"x {piece} y"
    start, end = trim(text, 2, 2 + len(piece))
    assert text[start:end] == trimmed


@given(st.text(), st.data())
def test_trim_stays_inside_and_is_idempotent(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    left, right = trim(text, start, end)
    assert start <= left <= right <= end
    assert trim(text, left, right) == (left, right)


def test_fragments_merge_when_only_punctuation_separates_them():
    text = '"A is true." "B is too."'
    assert fragments(text, [span(text, at(text, '"A is true."')), span(text, at(text, '"B is too."'))]) == ((1, 22),)


def test_split_quote_predicted_as_one_span_matches_by_jaccard_only():
    whole = (SMITH["content"][0][0], SMITH["content"][1][1])  # includes "Smith said,"
    report = score([gold_document(attributions=[SMITH])], [perfect(attributions=[dict(SMITH, content=[whole])])])
    assert report.metrics["content"] == Counts(tp=1)
    assert report.metrics["content_exact"] == Counts(fp=1, fn=1)


def test_one_span_gold_predicted_as_two_fragments_matches_by_jaccard_only():
    whole = (SMITH["content"][0][0], SMITH["content"][1][1])
    report = score([gold_document(attributions=[dict(SMITH, content=[whole])])], [perfect(attributions=[SMITH])])
    assert report.metrics["content"] == Counts(tp=1)
    assert report.metrics["content_exact"] == Counts(fp=1, fn=1)


def test_matching_is_one_to_one():
    report = score([gold_document(attributions=[JONES])], [perfect(attributions=[JONES, JONES])])
    assert report.metrics["content"] == Counts(tp=1, fp=1)


def test_matching_prefers_the_better_partner():
    start, end = JONES["content"][0]
    rough = dict(JONES, content=[(start - 4, end)])
    report = score_document(gold_document(attributions=[JONES]), perfect(attributions=[rough, JONES]))
    assert report.metrics["content_exact"] == Counts(tp=1, fp=1)
    assert report.metrics["content"] == Counts(tp=1, fp=1)


def test_content_with_wrong_source_or_cue():
    wrong = dict(SMITH, source=JONES["source"], cue=None)
    report = score([gold_document(attributions=[SMITH])], [perfect(attributions=[wrong])])
    assert report.metrics["content"] == Counts(tp=1)
    assert report.metrics["content_source"] == Counts(fp=1, fn=1)
    assert report.metrics["content_cue"] == Counts(fp=1, fn=1)
    assert report.metrics["content_source_cue"] == Counts(fp=1, fn=1)


def test_no_source_on_either_side_agrees():
    agentless = dict(JONES, source=None)
    report = score([gold_document(attributions=[agentless])], [perfect(attributions=[agentless])])
    assert report.metrics["content_source"] == Counts(tp=1)
    assert report.metrics["source_span"] == Counts()


def test_role_spans_are_counted_independently_and_once_per_document():
    # Two gold attributions share the source "Smith"; one is predicted with its source.
    second = dict(content=[at(TEXT, "the rally was large")], source=SMITH["source"], cue=JONES["cue"])
    report = score([gold_document(attributions=[SMITH, second])], [perfect(attributions=[second])])
    assert report.metrics["source_span"] == Counts(tp=1)
    assert report.metrics["cue_span"] == Counts(tp=1, fn=1)
    assert report.metrics["content_span"] == Counts(tp=1, fn=2)  # Smith's content has two fragments


def test_recall_by_kind():
    report = score([gold_document()], [perfect(attributions=[JONES])])
    assert report.recall_by_kind == {"direct": Counts(fn=1), "mixed": Counts(), "indirect": Counts(tp=1)}


@pytest.mark.parametrize("text, expected", [
    ("One. Two! Three?", ["One.", "Two!", "Three?"]),
    ('"Go," he said. "Now."\nNext line', ['"Go," he said.', '"Now."', "Next line"]),
    ("Mr. Smith came.", ["Mr.", "Smith came."]),  # abbreviations split too: kept simple
    ("3.5 percent.  ...\n\n", ["3.5 percent."]),
])
def test_sentences(text, expected):
    assert [text[s:e] for s, e in sentences(text)] == expected


def test_sentence_counts_and_accuracy():
    text = "Mary says it rained. The sky is blue. Jones thinks so. Nobody knows."
    gold = [span(text, at(text, "it rained")), span(text, at(text, "Jones thinks so"))]
    pred = [span(text, at(text, "it rained")), span(text, at(text, "Nobody"))]
    counts = sentence_counts(text, gold, pred)
    # "Mary says it rained." has 16 letters, 8 of them in the content: half is enough.
    # "Nobody knows." has 6 of 11 in the predicted content: a false positive.
    assert counts == Counts(tp=1, fp=1, fn=1, tn=1)
    assert counts.accuracy == 0.5


def test_documents_are_summed_and_split_by_publisher():
    documents = [gold_document(publisher="wire"), gold_document(publisher=None)]
    report = score(documents, [perfect(), []])
    assert report.documents == 2
    assert report.metrics["content"] == Counts(tp=2, fn=2)
    assert report.by_publisher == {"wire": Counts(tp=2), "unknown": Counts(fn=2)}


def test_score_needs_one_prediction_per_document():
    with pytest.raises(ValueError, match="1 predictions for 2 gold documents"):
        score([gold_document(), gold_document()], [[]])


def test_evaluate_runs_both_systems_on_the_texts():
    seen = []

    def ours(texts):
        seen.append(texts)
        return [perfect()]

    evaluation = evaluate([gold_document()], ours, baseline=lambda texts: [None])
    assert seen == [[TEXT]]
    assert evaluation.ours.metrics["content"] == Counts(tp=2)
    assert (evaluation.baseline.failed, evaluation.baseline.metrics["content"]) == (1, Counts(fn=2))


def test_format_report_side_by_side():
    evaluation = evaluate([gold_document()], lambda texts: [perfect()], baseline=lambda texts: [perfect(attributions=[JONES])])
    lines = format_report(evaluation.ours, evaluation.baseline).split("\n")
    assert lines[:3] == [
        "                             ours                 baseline",
        "metric                       P      R      F1     P      R      F1",
        "content (Jaccard >= 0.5)     1.000  1.000  1.000  1.000  0.500  0.667",
    ]
    assert "sourced sentences, accuracy  -      -      1.000  -      -      0.500" in lines
    assert "recall, direct               -      1.000  -      -      0.000  -" in lines
    assert lines[-3:-1] == [
        "wrong extent (ours): source 0 missed, 0 false; cue 0 missed, 0 false; content 0 missed, 0 false",
        "wrong extent (baseline): source 0 missed, 0 false; cue 0 missed, 0 false; content 0 missed, 0 false",
    ]
    assert lines[-1] == "documents: 1; failed: 0 (ours), 0 (baseline)"


def test_format_report_alone_has_three_columns():
    lines = format_report(score([gold_document()], [[]])).split("\n")
    assert lines[1] == "metric                       P      R      F1"
    assert lines[-1] == "documents: 1; failed: 0 (ours)"


def parsed_quote():
    """'"We will win big," Smith said.' parsed by hand: no trained pipeline needed."""
    words = ['"', "We", "will", "win", "big", ",", '"', "Smith", "said", "."]
    heads = [8, 3, 3, 8, 3, 8, 8, 8, 8, 8]
    deps = ["punct", "nsubj", "aux", "ccomp", "advmod", "punct", "punct", "nsubj", "ROOT", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "ADV", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"]
    lemmas = ['"', "we", "will", "win", "big", ",", '"', "Smith", "say", "."]
    spaces = [False, True, True, True, False, False, True, True, False, False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_baseline_turns_textacy_triples_into_attributions():
    (attribution,) = direct_quotations(parsed_quote())
    assert attribution.kind == "direct"
    assert [c.text for c in attribution.content] == ['"We will win big,"']
    assert attribution.source.text == "Smith"
    assert (attribution.cue.text, attribution.cue.lemma, attribution.cue.rule) == ("said", "say", RULE)


class HandParsed:
    """Stands in for a spaCy pipeline, handing out prepared Docs."""

    def __init__(self, docs):
        self.docs = docs

    def pipe(self, texts):
        return iter(self.docs)


def test_baseline_counts_a_crash_as_a_failed_document():
    unbalanced = Doc(spacy.blank("en").vocab, words=['"', "Yes", ",", "she", "said", "."])
    results = predict_baseline(["a", "b"], HandParsed([parsed_quote(), unbalanced]))
    assert [None if r is None else len(r) for r in results] == [1, None]


def test_baseline_without_textacy_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "textacy.extract", None)
    with pytest.raises(BaselineError, match=r"textacy is not installed: pip install 'provenance\[eval\]'"):
        predict_baseline(["a"], HandParsed([]))


SENTENCE_ONE = '"We will win," Smith said, "and we will win big."'
SENTENCE_TWO = "Jones said the rally was large."


def rich_document():
    """The gold document with sources named and sentences given statuses, as realnews has them."""
    document = gold_document()
    smith, jones = document.attributions
    sentences = (
        GoldSentence(*at(TEXT, SENTENCE_ONE), "attributed", checkworthy=True),
        GoldSentence(*at(TEXT, SENTENCE_TWO), "attributed"),
    )
    named = (replace(smith, entity="John Smith", type="person"), replace(jones, entity="Ann Jones", type="person"))
    return replace(document, attributions=named, sentences=sentences)


def rich_prediction():
    """Both attributions found, Jones's with an organization as its speaker; the second sentence flagged."""
    smith, jones = perfect()
    claims = (
        Claim(*at(TEXT, SENTENCE_ONE), SENTENCE_ONE, "attributed", smith.id, 2.0, ()),
        Claim(*at(TEXT, SENTENCE_TWO), SENTENCE_TWO, "unattributed", None, 0.5, ()),
    )
    attributions = (replace(smith, speaker=Speaker("Smith", "official", "test")),
                    replace(jones, speaker=Speaker("Jones's", "organization", "test")))
    return Prediction(attributions, claims)


def test_claims_and_identity_are_scored_only_when_the_gold_has_them():
    plain = score([gold_document()], [Prediction(tuple(perfect()), ())])
    assert (plain.claims, plain.identity) == (None, None)
    assert {"claims", "identity"}.isdisjoint(plain.as_dict())
    report = score([rich_document()], [rich_prediction()])
    assert report.claims.confusion == {("attributed", "attributed"): 1, ("attributed", "unattributed"): 1}
    assert report.identity.junk == Share(1, 2)
    assert set(report.as_dict()) >= {"claims", "identity"}


def test_a_system_without_claims_gets_no_claim_scores():
    report = score([rich_document()], [perfect()])  # attribution lists, as the baseline gives
    assert report.claims is None
    assert report.identity.matched.mentions == 2


def test_a_failed_document_finds_no_claims_when_the_system_finds_claims():
    report = score([rich_document(), rich_document()], [rich_prediction(), None])
    assert report.claims.confusion[("attributed", "not_claim")] == 2
    assert report.claims.checkworthy_top == Share(1, 2)


def test_format_report_adds_claim_and_identity_sections():
    evaluation = evaluate([rich_document()], lambda texts: [rich_prediction()], baseline=lambda texts: [perfect()])
    lines = format_report(evaluation.ours, evaluation.baseline).split("\n")
    start = lines.index("documents: 1; failed: 0 (ours), 0 (baseline)") + 1
    assert lines[start:] == [
        "",
        "claims (ours)",
        "gold sentence status             P      R      F1",
        "attributed                       1.000  0.500  0.667",
        "vague                            0.000  0.000  0.000",
        "unattributed                     0.000  0.000  0.000",
        "not_claim                        0.000  0.000  0.000",
        "flagged (unattributed or vague)  0.000  0.000  0.000",
        "gold x predicted  attributed  vague  unattributed  not_claim",
        "attributed                 1      0             1          0",
        "vague                      0      0             0          0",
        "unattributed               0      0             0          0",
        "not_claim                  0      0             0          0",
        "flagged claims on gold not_claim sentences (ours): 0 of 1 (0.000)",
        "check-worthy sentences whose claim is in its article's top 3 (ours): 1 of 1 (1.000); covered by no claim: 0",
        "hedged sentences (gold vague, an agentless cue in them) flagged vague (ours): 0 of 0 (0.000)",
        "",
        "source identity (B-cubed)           ours                 baseline",
        "mentions                            P      R      F1     P      R      F1",
        "matched mentions                    1.000  1.000  1.000  1.000  1.000  1.000",
        "all mentions, misses as singletons  1.000  1.000  1.000  1.000  1.000  1.000",
        "mentions (ours): 2 with a gold entity, 2 matched, 2 with a speaker",
        "junk speaker names (ours): 1 of 2 (0.500)",
        "speaker types agreeing with the gold's (ours): 1 of 2 (0.500)",
        "mentions (baseline): 2 with a gold entity, 2 matched, 0 with a speaker",
        "junk speaker names (baseline): 0 of 0 (0.000)",
        "speaker types agreeing with the gold's (baseline): 0 of 0 (0.000)",
    ]


def gold_as_prediction(document):
    """What a perfect system would predict for a gold document: its attributions, sources and claims."""
    def cues(spans):
        return tuple(Cue(c.start, c.end, c.text, "say", "neutral", "gold") for c in spans)

    attributions = tuple(
        Attribution(f"g{n}", "indirect", a.content, cues(a.cue), a.source[0] if a.source else None,
                    Speaker(a.entity, a.type, "gold") if a.entity else None, False, None, 1.0)
        for n, a in enumerate(document.attributions)
    )
    claims = tuple(Claim(s.start, s.end, document.text[s.start:s.end], s.status, None, float(s.checkworthy), ())
                   for s in document.sentences)
    return Prediction(attributions, claims)


@pytest.mark.realnews
@pytest.mark.skipif(not REALNEWS.is_file(), reason="realnews set not beside the project")
def test_realnews_scores_perfectly_against_itself():
    documents = list(read_gold(REALNEWS))
    report = score(documents, [gold_as_prediction(d) for d in documents])
    assert report.metrics["content"].f1 == 1.0
    assert report.claims.status_counts(("unattributed",)).f1 == 1.0
    assert report.claims.checkworthy_top.value == 1.0
    assert (report.identity.matched.f1, report.identity.all.f1) == (1.0, 1.0)
    assert report.identity.types.value == 1.0
    text = format_report(report)
    assert "claims (ours)" in text and "source identity (B-cubed)" in text


@pytest.mark.model
@pytest.mark.realnews
@pytest.mark.skipif(not REALNEWS.is_file(), reason="realnews set not beside the project")
def test_realnews_scores_the_engine_without_error(engine):
    documents = list(read_gold(REALNEWS))[:3]
    evaluation = evaluate(documents, engine_predictor(engine))
    assert evaluation.ours.failed == 0
    assert sum(evaluation.ours.claims.confusion.values()) == sum(len(d.sentences) for d in documents)
    assert evaluation.ours.identity.mentions
