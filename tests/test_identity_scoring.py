"""Tests for scoring source identity: B-cubed, the mentions of a document, junk names and type agreement."""
import pytest

from provenance.evaluation.counts import Share
from provenance.evaluation.gold import GoldDocument, make_attribution
from provenance.evaluation.identity_scoring import (
    TYPE_MAP, IdentityReport, Mention, bcubed, identity_mentions, is_junk, normalize_name,
)
from provenance.evaluation.scoring import content_pairs, score_document
from provenance.records import Attribution, Speaker, Span
from provenance.rules import load_rules
from provenance.sources import ENTITY_TYPES, PERSON_TYPES


def rounded(result):
    return round(result.precision, 4), round(result.recall, 4), round(result.f1, 4), result.mentions


def test_bcubed_worked_example():
    # Gold sources A = {0, 1, 2}, B = {3, 4}; predicted x = {0, 1}, y = {2, 3}, and 4 alone (no speaker).
    # Precision of each mention, |its predicted cluster & its gold one| / |its predicted cluster|:
    #   0: 2/2, 1: 2/2, 2: 1/2 (y = {2, 3}, only 2 is A), 3: 1/2, 4: 1/1; mean 4/5 = 0.8.
    # Recall, the same overlap / |its gold cluster|:
    #   0: 2/3, 1: 2/3, 2: 1/3, 3: 1/2, 4: 1/2; sum 8/3, mean 8/15 = 0.5333.
    # F1 = 2 * 0.8 * 8/15 / (0.8 + 8/15) = (64/75) / (4/3) = 0.64.
    result = bcubed(["A", "A", "A", "B", "B"], ["x", "x", "y", "y", None])
    assert rounded(result) == (0.8, 0.5333, 0.64, 5)


@pytest.mark.parametrize("gold, predicted, expected", [
    # perfect
    (["A", "A", "B"], ["x", "x", "y"], (1.0, 1.0, 1.0, 3)),
    # names differ from the gold's: only the grouping counts
    (["A", "A", "B"], ["B", "B", "A"], (1.0, 1.0, 1.0, 3)),
    # every mention alone: precision 1, recall 1/|gold cluster| = (1/2 + 1/2 + 1) / 3
    (["A", "A", "B"], [None, None, None], (1.0, 0.6667, 0.8, 3)),
    # two None are two sources, never one
    (["A", "A"], [None, None], (1.0, 0.5, 0.6667, 2)),
    # everything lumped together: precision (2/3 + 2/3 + 1/3) / 3, recall 1
    (["A", "A", "B"], ["x", "x", "x"], (0.5556, 1.0, 0.7143, 3)),
    ([], [], (0.0, 0.0, 0.0, 0)),
])
def test_bcubed(gold, predicted, expected):
    assert rounded(bcubed(gold, predicted)) == expected


TEXT = "Ann Lee said the dam held. Officials said water rose. It is thought the town is safe. Lee said so."


def at(piece, after=0):
    start = TEXT.index(piece, after)
    return start, start + len(piece)


def gold(content, entity, kind_type="person", source=None):
    return make_attribution(TEXT, [at(content)], [at(source)] if source else [], kind=None,
                            entity=entity, type=kind_type)


def predicted(content, name=None, kind_type="person"):
    start, end = at(content)
    speaker = Speaker(name, kind_type, "test.speaker") if name is not None else None
    return Attribution("p", "indirect", (Span(start, end, TEXT[start:end]),), (), None, speaker, False, None, 1.0)


GOLDS = (
    gold("the dam held", "Ann Lee", source="Ann Lee"),
    gold("water rose", "VAGUE:officials", "unnamed", source="Officials"),
    gold("the town is safe", None, None),  # agentless: no mention
    gold("so", "Ann  Lee", source="Lee"),  # white space is normalized
)


def test_identity_mentions_of_a_document():
    preds = [predicted("the dam held", "Ann Lee"), predicted("water rose", "officials", "unnamed"),
             predicted("the town is safe", "the town")]
    report = identity_mentions(GOLDS, preds, content_pairs(TEXT, GOLDS, preds))
    assert report.mentions == (
        Mention("Ann Lee", "person", True, "Ann Lee", "person"),
        Mention("VAGUE:officials", "unnamed", True, "officials", "unnamed"),
        Mention("Ann Lee", "person", False),  # "so" was not found
    )
    # matched: {0}, {1} against gold {0}, {1}: perfect
    assert rounded(report.matched) == (1.0, 1.0, 1.0, 2)
    # all: Ann Lee's two mentions are split, the missed one alone; recall (1/2 + 1 + 1/2) / 3
    assert rounded(report.all) == (1.0, 0.6667, 0.8, 3)
    assert (report.junk, report.types) == (Share(0, 2), Share(2, 2))


def test_a_matched_mention_without_a_speaker_is_its_own_source():
    preds = [predicted("the dam held"), predicted("so", "Ann Lee")]
    report = identity_mentions(GOLDS, preds, content_pairs(TEXT, GOLDS, preds))
    assert [(m.matched, m.name) for m in report.mentions] == [(True, None), (False, None), (True, "Ann Lee")]
    assert rounded(report.matched) == (1.0, 0.5, 0.6667, 2)
    assert report.junk == Share(0, 1)


def test_sources_are_clustered_across_documents():
    one = IdentityReport((Mention("Ann Lee", "person", True, "Lee"),))
    other = IdentityReport((Mention("Ann Lee", "person", True, "Lee"), Mention("Bo Ng", "person", True, "Lee")))
    # "Lee" holds all three: precision (2/3 + 2/3 + 1/3) / 3; recall 1
    assert rounded((one + other).matched) == (0.5556, 1.0, 0.7143, 3)


def test_score_document_scores_identity_only_when_the_gold_has_entities():
    preds = [predicted("the dam held", "Ann Lee")]
    assert score_document(GoldDocument("d", TEXT, None, GOLDS), preds).identity.matched.mentions == 1
    plain = (make_attribution(TEXT, [at("the dam held")]),)
    assert score_document(GoldDocument("d", TEXT, None, plain), preds).identity is None


@pytest.mark.parametrize("name, entity, junk", [
    ("Ann Lee", "Ann Lee", False),
    ("  Ann \n Lee ", "Ann Lee", False),
    ("We", "Ann Lee", True),  # a pronoun, capitalized at a sentence's start
    ("I", "Ann Lee", True),
    ("that", "Ann Lee", True),
    ("Those", "VAGUE:officials", True),
    ("some", "VAGUE:some analysts", True),
    ("US", "US government", False),  # an acronym in capitals, not "us"
    ("the spokesman", "Ann Lee", True),  # lowercase where the gold has a name
    ("officials", "VAGUE:US officials", True),
    ("analysts", "VAGUE:analysts", False),  # the gold's VAGUE: mark is not a capital
    ("the mayor's office", "the mayor's office (unnamed)", False),  # the gold is lowercase too
    ("Lee's", "Ann Lee", True),
    ("Lee’s", "Ann Lee", True),
    ("Lees", "Ann Lee", False),
    ("", "Ann Lee", True),
])
def test_is_junk(name, entity, junk):
    assert is_junk(name, entity) is junk


@pytest.mark.parametrize("ours, gold, agree", [
    ("person", "person", True),
    ("official", "person", True),
    ("state_media", "media", True),
    ("news_agency", "media", True),
    ("ngo_monitor", "organization", True),
    ("armed_group", "organization", True),
    ("government", "government", True),
    ("unnamed", "unnamed", True),
    ("unnamed", "person", False),
    ("organization", "government", False),
    ("poll", "poll", True),  # a type we do not map is compared as it is
])
def test_type_agreement_maps_our_types(ours, gold, agree):
    report = IdentityReport((Mention("X", gold, True, "X", ours),))
    assert report.types == Share(int(agree), 1)


def test_type_agreement_counts_only_mentions_with_both_types():
    report = IdentityReport((Mention("X", "person", True, "X", "person"), Mention("Y", None, True, "Y", "person"),
                             Mention("Z", "person", False)))
    assert report.types == Share(1, 1)


def test_every_type_we_assign_is_mapped():
    ours = {rule.type for rule in load_rules().sources} | set(ENTITY_TYPES.values()) | set(PERSON_TYPES) | {"unnamed"}
    assert ours <= set(TYPE_MAP)


def test_normalize_name_keeps_case():
    assert normalize_name(" the  Labour\tParty ") == "the Labour Party"
