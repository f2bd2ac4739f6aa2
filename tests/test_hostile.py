"""Hostile input: whatever text the web throws at it, the engine finishes with in-bounds offsets.

Timings belong in benchmarks/throughput.py; these tests only check behaviour.
"""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from provenance.text import chunk_text
from provenance.layout import read_layout
from provenance.quotes import find_quotes
from provenance.reading import iter_articles
from provenance.records import Article
from provenance.rules import load_rules


def assert_in_bounds(analysis):
    text = analysis.article.text
    for attribution in analysis.attributions:
        spans = list(attribution.content) + list(attribution.cues) + [s for s in [attribution.source] if s]
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start:span.end] == span.text
    for claim in analysis.claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start:claim.end] == claim.text


HOSTILE = {
    "50,000 quotation marks": "“" * 25_000 + "”" * 25_000,
    "alternating marks and words": " ".join(['"a', 'b"', "“c", "d”", "''e", "f''"] * 2_000),
    "only quote marks": "\"“”«»''``" * 200,
    "mixed scripts and right-to-left": (
        "The ministry said that the border would reopen. "
        "قال المتحدث إن الحدود ستفتح. "
        "«Мы не отступим ни на шаг», — сказал он. "
        "\u202eThe envoy said that talks would resume.\u202c "
        "他说：“我们会继续谈判。” "
        "שר החוץ אמר כי השיחות יימשכו.\n"
    ) * 20,
    "control characters": "The ministry\u0001 said\u0007 that the bridge\u000b fell.\x1b[31m\n" * 50,
    "no spaces": "x" * 30_000,
    "lone surrogate-free emoji": "“🙂🙃 said the 🤖 to the 👾 today,” he said. 🔥" * 100,
    # unclosed tags whose quoted values also read as unquoted ones, which a careless tag pattern
    # tries in exponentially many ways
    "ambiguous unclosed tags": ('<a' + ' x="y z=w"' * 30 + '\n') * 100,
    "markup around what was said": '<p>The ministry said <b>that the bridge</b> fell.</p><br/>\n' * 500,
    # a speaker label after thousands of line-opening quotation marks
    "quotation marks before a label": ('"' * 3_000 + "PORTER: The budget will pass.\n\n") * 3,
}


@pytest.mark.model
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_finishes_in_bounds(engine, name):
    assert_in_bounds(engine.analyze(Article.from_text(HOSTILE[name], name)))


@pytest.mark.model
def test_a_single_200000_character_line(engine):
    line = "The ministry said that the bridge had been destroyed overnight, and nobody was hurt. " * 2_400
    assert len(line) > 200_000 and "\n" not in line
    analysis = engine.analyze(Article.from_text(line, "long-line"))
    assert_in_bounds(analysis)
    assert len(analysis.attributions) == 2_400


def test_a_10_mb_article_splits_into_chunks_that_rebuild_it():
    paragraph = "“The first words of a long quotation,” she said. Then came more text, and more.\n\n"
    text = paragraph * (10_000_000 // len(paragraph))
    assert len(text) > 9_900_000
    chunks = chunk_text(text, 100_000)
    assert "".join(chunks) == text
    assert max(len(c) for c in chunks) <= 100_000
    assert len(find_quotes(text)) == text.count("“")
    assert len(read_layout(text, load_rules()).paragraphs) == text.count("\n\n")


def test_chunks_of_one_long_line_cut_at_sentence_ends():
    text = "One sentence here. " * 20_000
    chunks = chunk_text(text, 100_000)
    assert "".join(chunks) == text
    assert all(c.endswith(". ") for c in chunks[:-1])


def test_nul_bytes_are_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"The ministry said\x00 it.")
    [error] = list(iter_articles([str(path)]))
    assert str(error) == f"{path}: looks binary (NUL byte at offset 17); give a UTF-8 text article"


@pytest.mark.model
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("“”\"«»' \n.,:–")), max_size=400))
def test_random_unicode_through_the_whole_engine(engine, text):
    if not text.strip():
        return
    assert_in_bounds(engine.analyze(Article.from_text(text, "fuzz")))


def test_a_run_without_white_space_is_cut_for_the_tokenizer():
    text = "Before. " + "“" * 1_200 + " after."
    chunks = chunk_text(text, 100_000)
    assert "".join(chunks) == text
    assert [len(c) for c in chunks] == [508, 500, 207]
