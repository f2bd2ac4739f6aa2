"""The self-contained HTML report of `provenance check --format html`: the article page's rendering,
its stylesheet and script inline, nothing fetched."""
from __future__ import annotations

from ..escaping import escape_html
from ..records import Analysis
from .render import article_html, asset

TITLE = "provenance report"


def report_head() -> str:
    """The document up to the first article: its head with the stylesheet inline."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{TITLE}</title>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<style>\nbody {{ font-family: system-ui, sans-serif; margin: 1em 2em; }}\n{asset('provenance.css')}"
            "</style>\n</head>\n<body>\n")


def report_article(analysis: Analysis, prefix: str = "") -> str:
    """One article as a section: its title and path, then the page body of `article_html`."""
    article = analysis.article
    title = escape_html(article.title) if article.title else "(untitled)"
    return (f'<section class="pv-article">\n<h1>{title}</h1>\n<p class="pv-path">{escape_html(article.path)}'
            f"</p>\n{article_html(article.text, analysis.attributions, analysis.claims, prefix=prefix)}\n"
            "</section>\n")


def report_end(run_summary: str) -> str:
    """The run's summary line, the script inline, and the end of the document."""
    return (f'<p class="pv-summary">{escape_html(run_summary)}</p>\n<script>\n{asset("provenance.js")}'
            "</script>\n</body>\n</html>\n")
