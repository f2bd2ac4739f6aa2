"""The quotation finder on hard news cases; no model needed."""
import pytest
from hypothesis import given, settings, strategies as st

from provenance.quotes import classify, find_quotes


def quoted(text):
    """Each quote as its pieces' texts, quotations only."""
    return [[text[a:b] for a, b in q.pieces] for q in find_quotes(text) if q.quotation]


@pytest.mark.parametrize("text,expected", [
    # curly marks
    ("“We will not retreat from this city,” he said.", [["We will not retreat from this city,"]]),
    # straight marks
    ('He said: "We will not retreat from this city."', [["We will not retreat from this city."]]),
    # guillemets
    ("Il a dit « nous ne reculerons jamais devant eux » hier.", [["nous ne reculerons jamais devant eux"]]),
    # LexisNexis / NYT two-apostrophe marks, and the backquotes that open them in PTB text
    ("''We will not retreat from here,'' he said.", [["We will not retreat from here,"]]),
    ("``We will not retreat from here,'' he said.", [["We will not retreat from here,"]]),
    # a low opening mark
    ("Ea a spus: „We will not retreat from here,” he said.", [["We will not retreat from here,"]]),
    # "A," he said. "B."
    ('"This is the first part," he said. "And here is the second part."',
     [["This is the first part,"], ["And here is the second part."]]),
    # multi-paragraph: opening mark on each paragraph, closing only at the end
    ("He said: “The first paragraph goes here.\n\n“The second paragraph ends it.”",
     [["The first paragraph goes here.", "The second paragraph ends it."]]),
    # unclosed at a paragraph end that does not go on
    ("“This quote is never closed at all\n\nNext paragraph is plain text.", [["This quote is never closed at all"]]),
    # unclosed at the end of the text
    ('She said "this one runs to the very end', [["this one runs to the very end"]]),
    # resumed after a dash, closing mark only; an ellipsis ends a sentence too
    ("“One two three four,” says the group. – Five six seven eight. ”", [["One two three four,"], ["Five six seven eight."]]),
    ("“One two three four,” says the group… – Five six seven eight. ”", [["One two three four,"], ["Five six seven eight."]]),
    # closing mark glued to the next word
    ("“Meetings will be organized very soon, ”the leader said.", [["Meetings will be organized very soon,"]]),
    # apostrophes are never quote marks
    ("The Kremlin’s press service said it’s Russia’s call.", []),
    ("The Kremlin's press service said it's Russia's call.", []),
    # quoted names and scare quotes are not quotations
    ("the alliance “Khayyat Tahrir al-Sham” (HTS) and the former “Jebhat al-Nusra”", []),
    ("He called it a “witch hunt” again.", []),
    # only marks
    ("“”“”\"\"''", []),
])
def test_find_quotes(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text,kind", [
    ("Khayyat Tahrir al-Sham", "name"),
    ("Jebhat Fath al-Sham", "name"),
    ("witch hunt", "phrase"),
    ("We discussed the situation in Idlib", "quotation"),
    ("In this area, Syrian troops are moving very quickly.", "quotation"),
])
def test_classify(text, kind):
    assert classify(text) == kind


def test_scare_quote_is_found_but_not_a_quotation():
    text = "He called it a “witch hunt” again."
    [quote] = find_quotes(text)
    assert (quote.kind, text[quote.content_start:quote.content_end]) == ("phrase", "witch hunt")


def test_flags_opened_and_closed():
    text = "“Open and closed here,” he said. – Resumed without an opening mark. ”"
    quotes = find_quotes(text)
    assert [(q.opened, q.closed) for q in quotes] == [(True, True), (False, True)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,–-\n“”\"«»'’``")) | st.characters(), max_size=300))
def test_never_raises_and_stays_in_bounds(text):
    quotes = find_quotes(text)
    previous_end = 0
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        for start, end in quote.pieces:
            assert quote.start <= start < end <= quote.end
            assert start >= previous_end
            previous_end = end
