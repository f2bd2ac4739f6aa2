"""The run output's writer: JSON streamed an element at a time, as one valid array."""
import json
from dataclasses import replace

import pytest

from provenance import report
from provenance.records import Article
from test_storage import make_analysis


def analyses(n):
    return [replace(make_analysis(), article=Article.from_text(make_analysis().article.text, f"seeds/{i}.txt"))
            for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, 3])
def test_json_output_is_the_array_json_dumps_writes(n):
    writer = report.Writer("json")
    pieces = [writer.start()] + [writer.add(a)[0] for a in analyses(n)] + [writer.end("3 articles checked")]
    text = "".join(pieces)
    assert text == json.dumps([report.as_dict(a) for a in analyses(n)], ensure_ascii=False, indent=2) + "\n"
    assert len(json.loads(text)) == n


def test_json_output_is_written_before_the_last_article_is_analyzed():
    """Each analysis is written as it comes: what is written of the first ones does not wait for the
    last, so memory does not grow with the run."""
    writer, written = report.Writer("json"), []

    def outcomes():
        for number, analysis in enumerate(analyses(3)):
            if number == 2:  # the last is not analyzed yet: the first two are written already
                assert '"path": "seeds/0.txt"' in "".join(written)
                assert '"path": "seeds/1.txt"' in "".join(written)
            yield analysis

    written.append(writer.start())
    for outcome in outcomes():
        written.append(writer.add(outcome)[0])
    written.append(writer.end(""))
    assert [a["article"]["path"] for a in json.loads("".join(written))] == [f"seeds/{i}.txt" for i in range(3)]
    assert not [value for value in vars(writer).values() if isinstance(value, (list, dict))]  # nothing held
