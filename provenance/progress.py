"""A progress line for long runs, click's progress bar on a terminal: count, time left and rate, redrawn in place."""
from __future__ import annotations

import time
from typing import Callable, Optional, Sequence, TextIO

import click

from .reading import count_articles

CLEAR_LINE = "\r\033[K"  # back to the start of the line, and erase it


class Progress:
    """Counts finished outcomes on a bar that stays on the terminal's last line for the whole run.

    `checking  [#####-----]  12/40  3.1 articles/s, ETA 0:09`, redrawn in place after
    every outcome. Before other output goes to the same terminal the line is wiped, and
    drawn again once it is written, so it never scrolls away or sits in the middle of a
    report. Writes nothing unless `enabled`, so pipes and machine-readable output stay clean.
    """

    def __init__(self, stream: TextIO, total: Optional[int], enabled: bool, shares_screen: bool = True):
        """
        Args:
            total: how many outcomes the run will have.
            shares_screen: the run's other output goes to the same terminal, so the
                line is wiped before it.
        """
        self.stream, self.shares_screen = stream, shares_screen
        self.started = time.monotonic()
        self.bar = None
        self.where: Callable[[], str] = lambda: ""  # where the articles are analyzed, e.g. " on 4 workers"
        if enabled:
            self.bar = click.progressbar(length=total or 0, label="checking", file=stream, show_pos=True,
                                         show_eta=False, item_show_func=self._info, width=24)
            self.bar.render_progress()  # drawn at once: the first batch is parsed before anything comes out

    @classmethod
    def for_paths(cls, stream: TextIO, paths: Sequence[str], wanted: bool = True,
                  output: Optional[TextIO] = None) -> "Progress":
        """A display of a run over `paths`, drawn only when `wanted` and `stream` is a terminal.

        The total is counted from `paths` only when the display is drawn; `output` is
        the stream the run's report goes to.
        """
        enabled = cls.drawn_on(stream, wanted)
        shares = output is None or _isatty(output)
        return cls(stream, count_articles(paths) if enabled else None, enabled, shares)

    @property
    def count(self) -> int:
        return self.bar.pos if self.bar else 0

    def _info(self, _item) -> str:
        """`3.1 articles/s, ETA 0:12`: the rate over the whole run, and the time left at that rate."""
        elapsed = time.monotonic() - self.started
        rate = self.count / elapsed if elapsed > 0 else 0.0
        info = f"{rate:.1f} articles/s{self.where()}"
        if rate > 0 and self.bar.length:
            left = max(0, self.bar.length - self.count) / rate
            info += f", ETA {int(left // 60)}:{int(left % 60):02d}"
        return info

    @staticmethod
    def drawn_on(stream: TextIO, wanted: bool = True) -> bool:
        """Whether a display is drawn on `stream`: when `wanted` and it is a terminal."""
        return wanted and _isatty(stream)

    def step(self) -> None:
        """Count one outcome and redraw the line."""
        if self.bar is not None:
            if self.bar.length is not None and self.bar.pos >= self.bar.length:
                self.bar.length = self.bar.pos + 1  # more outcomes than counted: a file changed meanwhile
            self.bar.update(1)

    def clear(self) -> None:
        """Wipe the line before other output is written to the same terminal; `step` draws it again."""
        if self.bar is not None and self.shares_screen:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()

    def finish(self) -> None:
        """Leave the last line on screen, and go on below it."""
        if self.bar is not None:
            self.bar.render_progress()
            self.bar.render_finish()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False
