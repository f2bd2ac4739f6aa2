"""Inputs that used to be read wrong, silently: line ends other than LF, boilerplate patterns that ate a paragraph,
Markdown's markup in titles and claims, a glob over folders naming a file twice. Each reproduces the fault first."""
import pytest

from provenance.layout import read_layout
from provenance.reading import count_articles, iter_articles
from provenance.rules import load_rules
from provenance.text import mask_markdown, read_line_ends, versions

RULES = load_rules()
ARTICLE = ("Council Backs Harbor Plan\n\n"
           "The council approved the harbor plan on Tuesday, the clerk said.\n\n"
           "\u201cIt will bring jobs,\u201d Mayor Dana Holt said after the vote.\n\n"
           "The plan costs 12 million dollars and will take three years.\n\n"
           "Would love your thoughts, please comment.\n")


@pytest.mark.parametrize("text, read", [
    ("a\rb\r\rc", "a\nb\n\nc"),
    ("a\r\nb\r\n\r\nc", "a \nb \n \nc"),
    ("a\u2028b\u2029c\x85d", "a\nb\nc\nd"),
    ("a\nb", "a\nb"),
])
def test_line_ends_are_read_as_lf_character_for_character(text, read):
    assert read_line_ends(text) == read
    assert len(versions(text).written) == len(versions(text).parsed) == len(text)


@pytest.mark.parametrize("ends", ["\r", "\r\n"])
def test_a_file_with_cr_line_ends_has_the_layout_of_its_lf_twin(ends):
    # CR alone read as one line: the boilerplate pattern ".*please comment" took the whole article.
    text = ARTICLE.replace("\n", ends)
    layout, twin = read_layout(versions(text).written, RULES), read_layout(ARTICLE, RULES)
    assert [p.text for p in layout.paragraphs] == [p.text for p in twin.paragraphs]
    assert layout.title.text == "Council Backs Harbor Plan"
    assert [rule for _, rule in layout.boilerplate] == ["boilerplate.comments"]
    for paragraph in layout.paragraphs:  # offsets into the text as given
        assert text[paragraph.start:paragraph.end] == paragraph.text


@pytest.mark.model
@pytest.mark.parametrize("ends", ["\r", "\r\n"])
def test_cr_line_ends_give_the_findings_of_lf(engine, ends):
    text = ARTICLE.replace("\n", ends)
    from provenance.records import Article

    found, twin = engine.analyze(Article.from_text(text, "cr.txt")), engine.analyze(Article.from_text(ARTICLE, "lf.txt"))
    assert found.attributions and found.claims
    assert ([(a.kind, a.speaker and a.speaker.name) for a in found.attributions]
            == [(a.kind, a.speaker and a.speaker.name) for a in twin.attributions])
    assert [" ".join(c.text.split()) for c in found.claims] == [" ".join(c.text.split()) for c in twin.claims]
    for claim in found.claims:
        assert " ".join(text[claim.start:claim.end].split()) == " ".join(claim.text.split())


@pytest.mark.parametrize("line, boilerplate", [
    ("Would love your thoughts, please comment.x", True),
    ("Please comment", True),
    ("View all comments", True),
    ("Sign up here to get the latest news, updates and special offers delivered directly to your inbox.", True),
    # paragraphs that a pattern with ".*" matched whole
    ("The council wants to hear from every resident before the vote next month, so please comment.", False),
    ("Residents have until Friday to read the plan. Please comment.", False),
    ("Sign up for the program opened on Monday, the city said. Some 400 families applied on the first day.", False),
    ("Share this article with anyone who lives near the harbor, the mayor urged residents at a packed meeting "
     "on Tuesday night", False),
])
def test_boilerplate_is_a_short_line_never_a_paragraph(line, boilerplate):
    layout = read_layout("The plan passed, the clerk said.\n\n" + line + "\n", RULES)
    assert bool(layout.boilerplate) == boilerplate


@pytest.mark.parametrize("markdown, masked", [
    ("# Town Votes\n", "  Town Votes\n"),
    ("## Town Votes ##\n", "   Town Votes   \n"),
    ("The *mayor* said **no** and __left__.", "The  mayor  said   no   and   left  ."),
    ("snake_case_names and 5 * 3 stay.", "snake_case_names and 5 * 3 stay."),
    ("See [the report](https://example.org/r) now.", "See  the report" + " " * 24 + " now."),
    ("![a photo](p.jpg) Caption.", "                  Caption."),
    ("> \u201cWe will,\u201d she said.\n", "  \u201cWe will,\u201d she said.\n"),
    ("* first\n- second\n", "  first\n  second\n"),
    ("Title\n=====\n", "Title\n     \n"),
    ("```\nx = 1\n```\nAfter.\n", "   \n     \n   \nAfter.\n"),
    ("Use `check` here.", "Use  check  here."),
    ("An \\*escaped\\* star.", "An  *escaped * star."),
    ("[1]: https://example.org\n", "                        \n"),
])
def test_markdown_markup_is_blanked_character_for_character(markdown, masked):
    assert mask_markdown(markdown) == masked
    assert len(mask_markdown(markdown)) == len(markdown)


def test_a_markdown_file_keeps_its_offsets_and_loses_its_markup(tmp_path):
    text = "# Town *Votes*\n\nThe council **approved** the plan, the clerk said.\n"
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    (tmp_path / "post.txt").write_text(text, encoding="utf-8")  # plain text is read as it is
    md, txt = iter_articles([str(tmp_path / "post.md"), str(tmp_path / "post.txt")])
    assert len(md.text) == len(text) and "*" not in md.text and "#" not in md.text
    assert txt.text == text
    layout = read_layout(md.text, RULES)
    assert " ".join(layout.title.text.split()) == "Town Votes"


@pytest.mark.model
def test_markdown_markup_is_out_of_titles_and_claims(engine):
    from provenance.records import Article

    text = mask_markdown("# Storm *Closes* Schools\n\nThe storm closed **every** school in _Springfield_ on Friday.\n\n"
                         "> \u201cStay home,\u201d the mayor said.\n")
    analysis = engine.analyze(Article.from_text(text, "post.md"))
    assert " ".join(analysis.article.title.split()) == "Storm Closes Schools"
    assert analysis.claims
    for claim in analysis.claims:
        assert not set("*_#>") & set(claim.text), claim.text


def test_a_glob_matching_folders_reads_each_file_once(tmp_path):
    # "dir/**" matched the folder and its subfolder and their files: each file was checked two or three times.
    (tmp_path / "dir" / "sub").mkdir(parents=True)
    for name in ("dir/a.txt", "dir/sub/b.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    pattern = str(tmp_path / "dir" / "**")
    paths = [a.path for a in iter_articles([pattern])]
    assert sorted(paths) == [str(tmp_path / "dir" / "a.txt"), str(tmp_path / "dir" / "sub" / "b.txt")]
    assert count_articles([pattern]) == 2


def test_a_file_named_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    names = [str(tmp_path / "a.txt"), str(tmp_path), str(tmp_path / "." / "a.txt")]
    assert [a.path for a in iter_articles(names)] == [str(tmp_path / "a.txt")]


@pytest.mark.parametrize("links, expected", [
    ({"b.txt": "a.txt"}, ["a.txt"]),  # a link to a file of the folder: the file, once
    ({"sub/b.txt": "../a.txt"}, ["a.txt"]),
    ({"b.txt": "out/c.txt", "d.txt": "out/c.txt"}, ["a.txt", "b.txt"]),  # the folder "out" is not walked; its file once
    ({"b.txt": "a.dat"}, ["a.txt", "b.txt"]),  # the target is not an article file the walk reads
])
def test_a_folder_with_links_reads_each_file_once(tmp_path, links, expected):
    import os

    folder, outside = tmp_path / "in", tmp_path / "out"
    (folder / "sub").mkdir(parents=True)
    outside.mkdir()
    for name in ("in/a.txt", "in/a.dat", "out/c.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    for link, target in links.items():
        os.symlink(target if not target.startswith("out/") else outside / target[4:], folder / link)
    found = [os.path.relpath(a.path, folder) for a in iter_articles([str(folder)])]
    assert found == expected


def test_a_fifo_in_a_folder_is_named_and_not_opened(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    assert [str(i) if not hasattr(i, "text") else i.text for i in iter_articles([str(tmp_path)])] == [
        "A", f"{tmp_path / 'pipe.txt'}: is a FIFO (named pipe), not a file; save the article to a file, or pipe it to `-`"]
