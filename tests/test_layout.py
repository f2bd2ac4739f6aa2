"""The shape of an article: its title, its dateline, and the headline as the parser reads it."""
import pytest

from provenance.text import mask_markup, parse_text, verb_forms
from provenance.layout import read_layout
from provenance.rules import load_rules

RULES = load_rules()

DATELINES = [
    ("WASHINGTON — The bill passed.", "WASHINGTON — "),
    ("RENO, Nev. (AP) — The bill passed.", "RENO, Nev. (AP) — "),
    ("CLEVELAND, July 19 (UPI) — The bill passed.", "CLEVELAND, July 19 (UPI) — "),
    ("New York (AFP) – The bill passed.", "New York (AFP) – "),
    ("Dec 29 (Reuters) - The bill passed.", "Dec 29 (Reuters) - "),
    # after a headline the first line cannot be told from a sentence
    ("The Bill Has Passed.\n\nMACAU (Reuters) – The bill passed.", "MACAU (Reuters) – "),
    # a parenthesis that is no agency is no dateline
    ("Sen. Anna Berg (D-Ohio) - the bill passed.", None),
    ("The bill passed - at last.", None),
]


@pytest.mark.parametrize("text,expected", DATELINES, ids=[d[0][:30] for d in DATELINES])
def test_dateline(text, expected):
    dateline = read_layout(text, RULES).dateline
    assert (dateline.text if dateline else None) == expected


BYLINES = [
    # after the headline, before the dateline, which is still found
    ("Bridge Reopens\n\nBy Ana Ruiz\n\nRENO, Nev. (AP) — The bridge reopened.", "By Ana Ruiz", ("Ana Ruiz",), "RENO, Nev. (AP) — "),
    # after a deck, and at the very top, where it heads nothing
    ("Bridge Reopens\n\nThe repairs took two years\n\nBy JANE DOE Associated Press\n\nThe bridge reopened.",
     "By JANE DOE Associated Press", ("Jane Doe",), None),
    ("By Jane Doe and John Roe\n\nThe bridge reopened.", "By Jane Doe and John Roe", ("Jane Doe", "John Roe"), None),
    # a sentence that opens with "By" is none, nor is a byline deep in the body
    ("Bridge Reopens\n\nBy Monday morning the bridge was open.", None, (), None),
    ("Bridge Reopens\n\nOne.\n\nTwo.\n\nThree.\n\nBy Ana Ruiz", None, (), None),
]


@pytest.mark.parametrize("text,byline,authors,dateline", BYLINES, ids=[b[0][:30] for b in BYLINES])
def test_byline(text, byline, authors, dateline):
    layout = read_layout(text, RULES)
    assert (layout.byline.text if layout.byline else None, layout.authors) == (byline, authors)
    assert (layout.dateline.text if layout.dateline else None) == dateline
    assert layout.byline is None or (layout.excluded(layout.byline.start, layout.byline.end)
                                     and layout.title != layout.byline)


TITLES = [
    ("Bridge Closed in Riverside\n\nThe bridge is shut.", "Bridge Closed in Riverside"),
    # a headline may ask or trail off
    ("Is the Bridge Safe?\n\nThe bridge is shut.", "Is the Bridge Safe?"),
    ("And Then There Was One…\n\nThe bridge is shut.", "And Then There Was One…"),
    # a first line that ends a sentence, inside its closing marks too, is body text
    ("The bridge is shut.\n\nIt will reopen.", None),
    ("“We will rebuild it!”\n\nIt will reopen.", None),
    ("«Nous reconstruirons.»\n\nIt will reopen.", None),
    ("'It is shut.'\n\nIt will reopen.", None),
    # no blank line after it: no headline
    ("Bridge Closed in Riverside\nThe bridge is shut.", None),
]


@pytest.mark.parametrize("text,expected", TITLES, ids=[t[0][:30] for t in TITLES])
def test_title(text, expected):
    title = read_layout(text, RULES).title
    assert (title.text if title else None) == expected


HEADLINES = [
    # words the article writes in lower case are lowered; names keep their capital
    ("Senator Lee Says He Will Vote Against The Bill\n\nSenator Lee says he will vote against the bill.",
     "Senator Lee says he will vote against the bill\n\nSenator Lee says he will vote against the bill."),
    # acronyms stay, a single capital letter is a word
    ("GOP Leader Rejects A Wage Hike\n\nThe leader rejects a wage hike.",
     "GOP leader rejects a wage hike\n\nThe leader rejects a wage hike."),
    # a headline in sentence case, and a first line that is running text, are left alone
    ("Senator says she will vote no\n\nThe Senator Says so.", "Senator says she will vote no\n\nThe Senator Says so."),
    ("One line only", "One line only"),
]


@pytest.mark.parametrize("text,expected", HEADLINES, ids=[h[0][:30] for h in HEADLINES])
def test_headline_is_parsed_in_sentence_case(text, expected):
    assert parse_text(text) == expected
    assert len(parse_text(text)) == len(text)


MARKUP = [
    # an embedded post: the tag and its quoted attributes go, the post's words stay
    ('<tweet pic="" author="JaneDoe" id="67">Praying for all.</tweet>.', "Praying for all. ."),
    ("Read <a href='https://example.com/a?b=1'>the report</a><br/> here.", "Read the report here."),
    # comparisons and arrows in prose are no tags, and a tag does not span lines
    ("Costs rose 3 < 4 and 5 > 2; <-- see <3", "Costs rose 3 < 4 and 5 > 2; <-- see <3"),
    ("A tag cannot span lines <b\nclass=x>.", "A tag cannot span lines <b class=x>."),
]


@pytest.mark.parametrize("text,expected", MARKUP, ids=[m[0][:30] for m in MARKUP])
def test_markup_tags_are_blanked_with_offsets_kept(text, expected):
    masked = mask_markup(text)
    assert len(masked) == len(text)
    assert " ".join(masked.split()) == expected
    assert all(m == c or m == " " for m, c in zip(masked, text))


def test_headline_lowers_the_forms_of_reporting_verbs():
    text = "Jane Porter Praises Anna Berg Plan\n\nPorter spoke at noon."
    assert parse_text(text, verb_forms(["praise"])).startswith("Jane Porter praises Anna Berg Plan\n")


@pytest.mark.parametrize("lemma,forms", [
    ("praise", {"praise", "praises", "praised", "praising"}),
    ("deny", {"deny", "denies", "denied", "denying"}),
    ("push", {"push", "pushes", "pushed", "pushing"}),
    ("refer to", set()),
])
def test_verb_forms(lemma, forms):
    assert verb_forms([lemma]) == forms
