"""Reading an article page's highlights back, shared by the client and the browser tests."""
from html.parser import HTMLParser


class Highlights(HTMLParser):
    """The `<a class="pv-m ...">` highlights of a page: (classes, href, start, end, text)."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.found, self._open = [], None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "pv-m" in attrs.get("class", "").split():
            self._open = [set(attrs["class"].split()), attrs["href"], int(attrs["data-start"]),
                          int(attrs["data-end"]), ""]

    def handle_data(self, data):
        if self._open:
            self._open[4] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self.found.append(tuple(self._open))
            self._open = None


def assert_highlights_match(found, text, attributions, prefix=""):
    """Every highlight (`Highlights(page).found`, or the same read from a browser's DOM) shows exactly
    its stretch of the text, and each attribution's content is covered by highlights that link to it
    or to a statement nested inside it."""
    for classes, href, start, end, shown in found:
        assert shown.replace("\n", "") == text[start:end].replace("\n", ""), (href, start, end)
    content = {(s, e) for classes, href, s, e, _ in found if "content" in classes or "cue" in classes
               or "source" in classes}
    for a in attributions:
        own = [(s, e) for classes, href, s, e, _ in found if href == f"#{prefix}a-{a['id']}" and "content" in classes]
        assert own, f"no highlight of {a['id']}"
        for span in a["content"]:
            covered = {i for s, e in content for i in range(s, e)}
            visible = {i for i in range(span["start"], span["end"]) if not text[i].isspace()}
            assert visible <= covered, (a["id"], span)
