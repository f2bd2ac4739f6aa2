"""Tests for scoring claims against gold sentence statuses: matching, the metrics and the top 3."""
import pytest

from provenance.evaluation.claim_scoring import ClaimReport, in_top, match_claims, score_claims, sentence_claims
from provenance.evaluation.counts import Counts, Share
from provenance.evaluation.gold import GoldSentence
from provenance.records import Claim

# Invented. Gold: unattributed, attributed, vague, unattributed (check-worthy), not_claim.
TEXT = ("Rain fell all night. The mayor said six roads were shut. Officials say it may worsen. "
        "Two schools closed early. Subscribe for updates.")
GOLD = [
    ("Rain fell all night.", "unattributed", False),
    ("The mayor said six roads were shut.", "attributed", False),
    ("Officials say it may worsen.", "vague", False),
    ("Two schools closed early.", "unattributed", True),
    ("Subscribe for updates.", "not_claim", False),
]


def at(piece, text=TEXT):
    start = text.index(piece)
    return start, start + len(piece)


def gold_sentences(rows=GOLD, text=TEXT):
    return [GoldSentence(*at(piece, text), status, checkworthy) for piece, status, checkworthy in rows]


def claim(piece, status="unattributed", score=0.0, text=TEXT):
    start, end = at(piece, text)
    return Claim(start, end, text[start:end], status, None, score, ())


SENTENCES = gold_sentences()


@pytest.mark.parametrize("pieces, expected", [
    # a claim that is the gold sentence
    (["The mayor said six roads were shut."], [1]),
    # a claim over two sentences goes to the one it shares more characters with
    (["night. The mayor said six roads were shut."], [1]),
    (["Rain fell all night. The mayor"], [0]),
    # two claims inside one sentence both match it
    (["The mayor said", "six roads were shut."], [1, 1]),
])
def test_match_claims(pieces, expected):
    assert match_claims(SENTENCES, [claim(p) for p in pieces]) == expected


def test_equal_overlap_goes_to_the_earlier_sentence():
    start = TEXT.index("night.") + 3  # "ht." and " The" : 3 characters each side of the space
    found = Claim(start, start + 7, TEXT[start:start + 7], "vague", None, 0.0, ())
    assert TEXT[start:start + 7] == "ht. The"
    assert match_claims(SENTENCES, [found]) == [0]


def test_a_claim_over_no_gold_sentence_matches_none():
    space = TEXT.index(" The mayor")  # the space between the first two sentences
    assert match_claims(SENTENCES, [Claim(space, space + 1, " ", "vague", None, 0.0, ())]) == [None]


@pytest.mark.parametrize("pieces, expected", [
    # the claim overlapping the sentence most stands for it; the others go unmatched
    (["The mayor said", "six roads were shut."], [None, 1, None, None, None]),
    # equal overlap: the earlier claim
    (["Two schools", "closed earl"], [None, None, None, 0, None]),
    ([], [None] * 5),
])
def test_sentence_claims(pieces, expected):
    claims = [claim(p) for p in pieces]
    assert sentence_claims(SENTENCES, claims, match_claims(SENTENCES, claims)) == expected


def test_score_claims_confusion_and_status_counts():
    claims = [
        claim("Rain fell all night.", "unattributed"),  # right
        claim("The mayor said six roads were shut.", "attributed"),  # right
        claim("Officials say it may worsen.", "unattributed"),  # vague read as unattributed
        # "Two schools closed early." found by no claim: predicted not_claim
        claim("Subscribe for updates.", "vague"),  # a non-claim flagged
    ]
    report = score_claims(SENTENCES, claims)
    assert report.confusion == {
        ("unattributed", "unattributed"): 1, ("attributed", "attributed"): 1, ("vague", "unattributed"): 1,
        ("unattributed", "not_claim"): 1, ("not_claim", "vague"): 1,
    }
    assert report.status_counts(("unattributed",)) == Counts(tp=1, fp=1, fn=1)
    assert report.status_counts(("vague",)) == Counts(fp=1, fn=1)
    assert report.status_counts(("not_claim",)) == Counts(fn=1, fp=1)
    assert report.status_counts(("attributed",)) == Counts(tp=1)
    # flagged = unattributed or vague: 3 predicted, 2 of them gold flagged too; 3 gold flagged
    assert report.status_counts(("unattributed", "vague")) == Counts(tp=2, fp=1, fn=1)
    # of the 3 flagged claims, the one on "Subscribe for updates." is on a not_claim sentence
    assert report.flagged_not_claim == Share(1, 3)
    # the check-worthy sentence has no claim
    assert (report.checkworthy_top, report.checkworthy_uncovered) == (Share(0, 1), 1)


def test_a_claim_set_aside_as_not_claim_is_not_flagged():
    report = score_claims(SENTENCES[4:], [claim("Subscribe for updates.", "not_claim")])
    assert report.confusion == {("not_claim", "not_claim"): 1}
    assert report.flagged_not_claim == Share(0, 0)


def test_a_flagged_claim_matching_no_sentence_counts_as_on_a_non_claim():
    report = score_claims(SENTENCES[:1], [claim("Rain fell all night."), claim("Subscribe for updates.")])
    assert report.flagged_not_claim == Share(1, 2)


@pytest.mark.parametrize("scores, index, expected", [
    ([5, 3, 1, 0], 1, True),
    ([5, 4, 3, 1], 2, True),
    ([5, 3, 3], 1, True),  # tied, but only 3 claims score 3 or more
    ([5, 3, 3, 3], 1, False),  # 4 claims score 3 or more: no 3 is in the top 3
    ([5, 4, 3, 3], 3, False),
    ([2, 2, 2, 1], 0, True),
    ([0, 0, 0, 0], 0, False),  # all tied: nothing stands out
    ([1], 0, True),  # fewer claims than 3: every one is in the top 3
    ([0.4, 0.9, 0.9, 0.9, 0.2], 0, False),
])
def test_in_top_counts_ties_against_us(scores, index, expected):
    assert in_top(scores, index, 3) is expected


@pytest.mark.parametrize("scores, found", [
    # the check-worthy "Two schools closed early." (claim 3) scores highest
    ([0.0, 0.0, 0.0, 2.0, 0.0], 1),
    # third of five
    ([3.0, 1.0, 0.0, 2.0, 0.0], 1),
    # tied with the third: four claims score 1.0 or more
    ([3.0, 1.0, 1.0, 1.0, 0.0], 0),
    # fourth of five
    ([3.0, 2.5, 2.0, 1.0, 0.0], 0),
])
def test_checkworthy_sentence_in_its_articles_top_3(scores, found):
    claims = [claim(piece, score=score) for (piece, _, _), score in zip(GOLD, scores)]
    report = score_claims(SENTENCES, claims)
    assert (report.checkworthy_top, report.checkworthy_uncovered) == (Share(found, 1), 0)


def test_claim_reports_add_up_over_documents():
    one = score_claims(SENTENCES, [claim("Rain fell all night.")])
    total = one + one + ClaimReport()
    assert total.confusion[("unattributed", "unattributed")] == 2
    assert total.confusion[("attributed", "not_claim")] == 2
    assert total.flagged_not_claim == Share(0, 2)
    assert (total.checkworthy_top, total.checkworthy_uncovered) == (Share(0, 2), 2)


def test_claim_report_as_dict():
    statuses = ["unattributed", "attributed", "vague", "unattributed", "unattributed"]
    data = score_claims(SENTENCES, [claim(piece, status) for (piece, _, _), status in zip(GOLD, statuses)]).as_dict()
    assert data["by_status"]["unattributed"] == {
        "tp": 2, "fp": 1, "fn": 0, "tn": 0, "precision": 2 / 3, "recall": 1.0, "f1": 0.8}
    assert data["confusion"]["not_claim"] == {"attributed": 0, "vague": 0, "unattributed": 1, "not_claim": 0}
    # "Subscribe for updates." predicted unattributed: a flagged claim on a non-claim
    assert data["flagged_not_claim"] == {"part": 1, "whole": 4, "share": 0.25}
    # every claim scores 0: five tied, so the check-worthy one is not in the top 3
    assert data["checkworthy_top"] == {"part": 0, "whole": 1, "share": 0.0, "k": 3, "uncovered": 0}
