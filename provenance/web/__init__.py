"""Reviewing in the browser: an article rendered with its attributions (`render`), the same page as a
self-contained HTML report, and the Datasette plugin (`plugin`, needs the `web` extra) that serves them
beside the flagged-claims queue."""
