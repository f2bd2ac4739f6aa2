"""Token sets turned into character spans: content runs, source mentions, overlap questions; no model needed."""
import pytest
from hypothesis import given, strategies as st

from handmade import parsed, token
from provenance.spans import SpanIndex, char_runs, mention, overlaps


@pytest.mark.parametrize("text,tokens,skip,expected", [
    # the quotation of a direct quote, trimmed of its marks and comma
    ("“We will win,” Jane Doe said.", range(0, 6), (), ["We will win"]),
    # a quotation the run opens keeps its closing mark, past the full stop
    ('He said the plan was "a disaster."', range(2, 8), (), ['the plan was "a disaster."']),
    # a line break splits a run; so does a token left out
    ("Officials said the plan was dead.\nThe vote is on Tuesday.", range(0, 14), (),
     ["Officials said the plan was dead", "The vote is on Tuesday"]),
    ("Officials said the plan was dead.\nThe vote is on Tuesday.", [0, 1, 3, 4], (), ["Officials said", "plan was"]),
    # skipped tokens are never reported, in any order given
    ("Officials said the plan was dead.\nThe vote is on Tuesday.", [5, 4, 3, 2, 1, 0], {0}, ["said the plan was dead"]),
    # punctuation alone is no run
    ("The tax, he said, was popular.", [2, 5, 8], (), []),
])
def test_char_runs(text, tokens, skip, expected):
    assert [text[a:b] for a, b in char_runs(parsed(text), tokens, frozenset(skip))] == expected


@pytest.mark.parametrize("text,head,statements,expected", [
    # a relative clause stays in the mention, the commas around it do not
    ("Jane Doe, who led the inquiry, said the plan was dead.", "Doe", (), "Jane Doe, who led the inquiry"),
    # unless it holds a statement of its own
    ("Jane Doe, who noted that the plan was dead, resigned.", "Doe", (), "Jane Doe, who noted that the plan was dead"),
    ("Jane Doe, who noted that the plan was dead, resigned.", "Doe", ("noted",), "Jane Doe"),
    # a comma-set "which" clause at the end describes the union, not her
    ("Jane Doe, president of the union, which represents nurses, said the plan was dead.", "Doe", (),
     "Jane Doe, president of the union"),
    # a focus adverb, a time, a comma-set place or participle are left out
    ("Even some of his admirers said the plan was dead.", "some", (), "some of his admirers"),
    ("The report on Wednesday said the plan was dead.", "report", (), "The report"),
    ("Jane Doe, in Ohio, said the plan was dead.", "Doe", (), "Jane Doe"),
    ("The mayor, smiling broadly, said the plan was dead.", "mayor", (), "The mayor"),
    # the verb the parser hung on the name, and what follows the colon
    ("Said Pelosi: “It is over.”", "Pelosi", (), "Pelosi"),
    ("Sen. Jane Doe: We will win.", "Doe", (), "Sen. Jane Doe"),
])
def test_mention(text, head, statements, expected):
    doc = parsed(text)
    start, end = mention(token(doc, head), frozenset(token(doc, word).i for word in statements))
    assert doc[start:end].text == expected


def test_mention_leaves_out_skipped_tokens():
    doc = parsed("Sen. Jane Doe: We will win.")
    start, end = mention(token(doc, "Doe"), skip=frozenset({0}))
    assert doc[start:end].text == "Jane Doe"


@pytest.mark.parametrize("spans,start,end,expected", [
    ([(0, 5)], 4, 8, True),
    # spans that only touch do not overlap
    ([(0, 5)], 5, 8, False),
    ([(10, 15)], 2, 10, False),
    ([(0, 5), (10, 15)], 6, 9, False),
    ([(0, 5), (10, 15)], 14, 40, True),
    # a long span that starts early reaches past a later short one
    ([(10, 12), (0, 30)], 25, 26, True),
    # a stretch inside a span
    ([(0, 30)], 10, 11, True),
    ([], 0, 100, False),
])
def test_overlaps(spans, start, end, expected):
    assert (overlaps(spans, start, end), SpanIndex(spans).overlaps(start, end)) == (expected, expected)


stretches = st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda s: (s[0], s[0] + s[1]))


@given(st.lists(stretches, max_size=8), stretches)
def test_span_index_answers_as_the_linear_search(spans, stretch):
    assert SpanIndex(spans).overlaps(*stretch) == overlaps(spans, *stretch)
