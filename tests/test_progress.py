"""The progress line: drawn on a terminal only, redrawn in place, and on screen for the whole run."""
import io
import re

import pytest

from provenance.progress import CLEAR_LINE, Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def screen(written: str) -> str:
    """What a terminal's last line shows after `written`: each \\r returns to the line's start,
    each erase-line wipes it, a newline starts a new line."""
    line = ""
    written = re.sub(r"\033\[\?25[lh]", "", written)  # click hides the cursor while it draws
    for piece in re.split(r"(\r\033\[K|\r|\n)", written):
        if piece in (CLEAR_LINE, "\n"):
            line = ""
        elif piece == "\r":
            line = ""  # every redraw writes the whole line
        else:
            line += piece
    return line


def run(progress: Progress, stream: Terminal, outcomes: int):
    """What the terminal's last line shows after each outcome of a run, as `check` drives the display."""
    shown = []
    for _ in range(outcomes):
        progress.clear()
        stream.write("")  # the report goes to the other stream
        progress.step()
        shown.append(screen(stream.getvalue()))
    return shown


def test_the_line_stays_on_screen_after_every_outcome_even_many_at_once():
    # Drawn at most every 0.2 s and wiped before each outcome, the line was gone after the
    # last outcome of a batch: a batch's outcomes come out within microseconds.
    stream = Terminal()
    progress = Progress(stream, 40, enabled=True)
    for number, line in enumerate(run(progress, stream, 16), start=1):
        assert f"{number}/40" in line
        assert "articles/s" in line
        assert line.startswith("checking")


def test_the_line_shows_count_rate_and_time_left():
    stream = Terminal()
    progress = Progress(stream, 4, enabled=True)
    progress.step()
    progress.step()
    line = screen(stream.getvalue()).rstrip()  # click pads a line shorter than the last with spaces
    assert re.fullmatch(r"checking  \[#+-+\]  2/4  [\d.]+ articles/s, ETA \d+:\d\d", line), line


def test_the_line_is_drawn_at_once_before_anything_is_checked():
    stream = Terminal()
    Progress(stream, 3, enabled=True)
    assert "0/3" in screen(stream.getvalue())


def test_redrawn_in_place_with_carriage_returns_not_new_lines():
    stream = Terminal()
    progress = Progress(stream, 5, enabled=True, shares_screen=False)
    for _ in range(5):
        progress.step()
    assert "\n" not in stream.getvalue()
    assert stream.getvalue().count("\r") >= 5


def test_the_last_line_is_left_on_screen_when_the_run_ends():
    stream = Terminal()
    progress = Progress(stream, 2, enabled=True)
    run(progress, stream, 2)
    progress.finish()
    last = stream.getvalue().rstrip("\n").split("\n")[-1]
    assert "2/2" in screen(last)
    assert stream.getvalue().endswith("\n")


def test_more_outcomes_than_counted_do_not_break_the_line():
    stream = Terminal()
    progress = Progress(stream, 1, enabled=True)
    for _ in range(3):
        progress.step()
    assert "3/" in screen(stream.getvalue())


def test_the_line_is_not_wiped_when_the_report_goes_elsewhere():
    stream = Terminal()
    progress = Progress(stream, 3, enabled=True, shares_screen=False)
    progress.clear()
    assert CLEAR_LINE not in stream.getvalue()


@pytest.mark.parametrize("stream,wanted,drawn", [
    (Terminal(), True, True),
    (Terminal(), False, False),
    (io.StringIO(), True, False),
])
def test_drawn_only_on_a_terminal_when_wanted(tmp_path, stream, wanted, drawn):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x")
    progress = Progress.for_paths(stream, [str(tmp_path)], wanted)
    assert (progress.bar is not None) == drawn
    assert ("0/2" in stream.getvalue()) == drawn


def test_writes_nothing_when_disabled():
    stream = Terminal()
    progress = Progress(stream, 3, enabled=False)
    for _ in range(3):
        progress.clear()
        progress.step()
    progress.finish()
    assert stream.getvalue() == ""
