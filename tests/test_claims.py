"""Which sentences are no claims: layout lines, questions and no-comment lines, and the near misses that stay claims."""
import re

import pytest

from provenance.nonclaims import not_claim
from provenance.rules import load_rules

RULES = load_rules()


def verdict(article: str, sentence: str):
    """The rule that sets `sentence` of `article` aside, or None."""
    start = article.index(sentence)
    return not_claim(RULES.not_claims, article, start, start + len(sentence))


@pytest.mark.parametrize("article,sentence,rule", [
    # subheadings: a short line of its own between paragraphs
    ("The plant opened in May.\n\nWhat comes next\n\nThe council meets in June.", "What comes next", "layout.subheading"),
    ("The plant opened in May.\nOur ruling\nWe found no record of it.", "Our ruling", "layout.subheading"),
    # embed credits, with or without the dash the sentence splitter may leave outside
    ("The council posted its decision.\n\n— Springfield Council (@SpringfieldCC) May 4, 2021\n\nIt passed.",
     "— Springfield Council (@SpringfieldCC) May 4, 2021", "layout.embed_credit"),
    ("The council posted its decision.\n\n— Springfield Council (@SpringfieldCC) May 4, 2021\n\nIt passed.",
     "Springfield Council (@SpringfieldCC) May 4, 2021", "layout.embed_credit"),
    # live-blog timestamps, whole or split by the sentence splitter
    ("Traffic was light.\n\n4:14 p.m.\n\nThe bridge reopened.", "4:14 p.m.", "layout.timestamp"),
    ("Traffic was light.\n\n10 p.m.\n\nThe bridge reopened.", "p.m.", "layout.timestamp"),
    # ticker rows and other lines of figures
    ("Shares fell.\n\n225.86 -12.99 -5.44%\n\nThe index rose.", "225.86 -12.99 -5.44%", "layout.figures"),
    # lead-ins to what the page showed
    ("The council posted its decision.\n\nSee tweets:\n\nIt passed.", "See tweets:", "layout.lead_in"),
    ("The flood hit the town.\n\nStory continues below gallery\n\nIt rained.", "Story continues below gallery",
     "layout.lead_in"),
    ("The plant opened.\n\nGet the Valley News app by clicking here\n\nIt hired 40.", "Get the Valley News app by clicking here",
     "layout.lead_in"),
    # a live story's lead-in, after its headline and dateline
    ("Warehouse Burns\n\nRENO, Nev. (AP) \u2014 The Latest on a fire at a Reno warehouse (all times local):\n\n10 p.m.\n\n"
     "The fire is out.", "The Latest on a fire at a Reno warehouse (all times local):", "layout.lead_in"),
    # credit lines of wire copy and of pictures
    ("The plant opened.\n\n(Reporting by Ana Ruiz; additional reporting by Tom Hale; editing by Lee Park)",
     "(Reporting by Ana Ruiz; additional reporting by Tom Hale; editing by Lee Park)", "layout.credit"),
    ("The plant opened.\n\nSOURCE: Valley News Agency\n\nIt hired 40.", "SOURCE: Valley News Agency", "layout.credit"),
    ("Traffic was light.\n\nUpdated at 4:14 p.m.\n\nThe bridge reopened.", "Updated at 4:14 p.m.", "layout.timestamp"),
    ("Shares fell.\n\nDisclaimer: The views here are the author's own.", "Disclaimer: The views here are the author's own.",
     "layout.disclaimer"),
    # questions, quoted or not
    ("The bridge reopened.\n\nIs it safe to cross?", "Is it safe to cross?", "not_claim.question"),
    ("“Who pays for it?” she asked.", "“Who pays for it?”", "not_claim.question"),
    # lines that say only that somebody said nothing
    ("The plant closed. A spokesman for the firm declined to comment.", "A spokesman for the firm declined to comment.",
     "not_claim.no_comment"),
    ("The plant closed. The mayor did not immediately respond to a request for comment.",
     "The mayor did not immediately respond to a request for comment.", "not_claim.no_comment"),
    ("The plant closed. Her office did not provide us with further information.",
     "Her office did not provide us with further information.", "not_claim.no_comment"),
    # a disclaimer line of two sentences goes whole
    ("Shares rose.\n\nDisclaimer: The tips here are the experts' own. The site advises readers to consult an adviser.",
     "The site advises readers to consult an adviser.", "layout.disclaimer"),
    # a ticker row, split by the sentence splitter after "INC."
    ("Shares fell.\n\nACME ACME WIDGETS INC. 12.50 -0.40 -3.1%\n\nThe index rose.", "12.50 -0.40 -3.1%",
     "layout.figures"),
    # lead-ins to a chart or to embedded posts
    ("Prices rose.\n\nThe following chart summarizes the prices of the year.",
     "The following chart summarizes the prices of the year.", "layout.chart_lead_in"),
    ("Prices rose.\n\nHere’s the latest data on seizures from the border agency.",
     "Here’s the latest data on seizures from the border agency.", "layout.chart_lead_in"),
    ("The assembly met.\n\nThe vote was shared on the Twitter handle of the assembly, @AssemblyXY.\n\nSee tweets:",
     "The vote was shared on the Twitter handle of the assembly, @AssemblyXY.", "layout.embed_lead_in"),
    # a fact-checker's verdict and method notes
    ("The figure is close. We rate the statement Mostly True.", "We rate the statement Mostly True.", "layout.rating"),
    ("To create the chart, we converted pounds to grams.", "To create the chart, we converted pounds to grams.",
     "not_claim.method"),
    ("In this check, we’ll interpret her remark to mean the yearly total.",
     "In this check, we’ll interpret her remark to mean the yearly total.", "not_claim.method"),
    # the writer saying something is not known, addressing the reader, or scheduling
    ("The bridge reopened. It’s unclear how long it will stay open.", "It’s unclear how long it will stay open.",
     "not_claim.uncertain"),
    ("Smog rose again. In case you live in the city, you may have an app for it.",
     "In case you live in the city, you may have an app for it.", "not_claim.reader"),
    ("Power was cut. The commission holds a public hearing Wednesday with the utilities.",
     "The commission holds a public hearing Wednesday with the utilities.", "not_claim.scheduling"),
])
def test_not_a_claim(article, sentence, rule):
    assert verdict(article, sentence) == rule


@pytest.mark.parametrize("article,sentence", [
    # a one-line paragraph that is a full sentence is still a claim
    ("The plant opened in May.\n\nFive workers died.\n\nThe council meets in June.", "Five workers died."),
    # a short line with nothing after it, the last of the article
    ("The plant opened in May.\n\nJobs for the valley", "Jobs for the valley"),
    # a long line without a full stop is no subheading
    ("The plant opened in May.\n\nThe plant that opened in May employs three hundred people from the town\n\nIt grew.",
     "The plant that opened in May employs three hundred people from the town"),
    # a question reported in a statement is a statement
    ("The mayor asked whether the bridge was safe.", "The mayor asked whether the bridge was safe."),
    # figures inside a sentence
    ("Shares fell 5.44% to 225.86 on Monday.", "Shares fell 5.44% to 225.86 on Monday."),
    # a time inside a sentence
    ("The bridge reopened at 4:14 p.m. on Monday.", "The bridge reopened at 4:14 p.m. on Monday."),
    # a firm that did not provide a service is a claim about the firm
    ("The firm did not provide the promised housing.", "The firm did not provide the promised housing."),
    # a sentence about reporting, sources or credit is no credit line
    ("The plant opened.\n\nReporting by local papers drove the inquiry into the plant.",
     "Reporting by local papers drove the inquiry into the plant."),
    ("The plant opened.\n\nSources: two inspectors said the plant was unsafe.",
     "Sources: two inspectors said the plant was unsafe."),
    # a fact-checker's findings and calculations are claims; only method notes go
    ("We also found that the figure did not come from the agency.",
     "We also found that the figure did not come from the agency."),
    ("If you interpret the remark as yearly, the data put the figure at $44 million.",
     "If you interpret the remark as yearly, the data put the figure at $44 million."),
    # a chart that shows something, named in a sentence that says what, is not a lead-in
    ("A chart in the report shows that prices doubled.", "A chart in the report shows that prices doubled."),
    # a line of capitals that holds no figures is no ticker row (a subheading, if short: not this rule)
    ("Shares fell.\n\nTHE MARKET CLOSED LOWER ON MONDAY AFTER A LONG WEEK OF HEAVY SELLING BY FUNDS.\n\nIt rose.",
     "THE MARKET CLOSED LOWER ON MONDAY AFTER A LONG WEEK OF HEAVY SELLING BY FUNDS."),
    # a meeting held, in the past, is news
    ("The commission held a public hearing on Wednesday with the utilities.",
     "The commission held a public hearing on Wednesday with the utilities."),
    ("It is clear that the bridge is safe.", "It is clear that the bridge is safe."),
])
def test_still_a_claim(article, sentence):
    assert verdict(article, sentence) is None


@pytest.mark.parametrize("rule", RULES.not_claims, ids=lambda rule: rule.id)
def test_not_claim_examples_set_a_line_aside(rule):
    article = rule.example
    lines = [line.strip() for line in article.splitlines() if line.strip()]
    sentences = lines + [s for line in lines for s in re.split(r"(?<=[.!?])\s+", line)]
    assert rule.id in {verdict(article, s) for s in sentences}


def test_no_claim_keeps_a_piece_of_the_dateline_the_splitter_cut():
    # "HAYWARD, Calif." | "(AP) — The bridge ..." as the parser split them after a headline:
    # the second sentence started inside the dateline and kept "Calif. (AP) —" as a claim of its own.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from provenance.claims import _sentences
    from provenance.layout import read_layout

    words = ["Bridge", "Reopens", "\n\n", "HAYWARD", ",", "Calif", ".", "(", "AP", ")", "—", "The", "bridge",
             "reopened", "on", "Tuesday", ".", "\n", "It", "was", "closed", "."]
    spaces = [True, False, False, False, True, False, True, False, False, True, True, True, True, True, True, False,
              False, False, True, True, False, False]
    starts = [True] + [False] * 2 + [True, False, True] + [False] * 12 + [True, False, False, False]
    doc = Doc(Vocab(), words=words, spaces=spaces, sent_starts=starts)
    layout = read_layout(doc.text, RULES)
    assert layout.dateline.text == "HAYWARD, Calif. (AP) — "
    assert [doc.text[a:b] for a, b in _sentences(doc, layout, doc.text)] == [
        "The bridge reopened on Tuesday.", "It was closed."]
