"""A one-line progress display for long runs: count, rate and time left, redrawn in place on a terminal."""
from __future__ import annotations

import time
from typing import Optional, Sequence, TextIO

from .reading import count_articles


class Progress:
    """Counts finished articles and redraws `N/TOTAL articles, R/s, ETA m:ss` on a terminal stream.

    Writes nothing unless `enabled`, so pipes and machine-readable output stay clean.
    """

    def __init__(self, stream: TextIO, total: Optional[int], enabled: bool, every: float = 0.2):
        self.stream, self.total, self.enabled, self.every = stream, total, enabled, every
        self.count, self.started, self.drawn = 0, time.monotonic(), 0.0

    @classmethod
    def for_paths(cls, stream: TextIO, paths: Sequence[str], wanted: bool = True) -> "Progress":
        """A display of a run over `paths`, drawn only when `wanted` and `stream` is a terminal.

        The total is counted from `paths` only when the display is drawn.
        """
        enabled = cls.drawn_on(stream, wanted)
        return cls(stream, count_articles(paths) if enabled else None, enabled)

    @staticmethod
    def drawn_on(stream: TextIO, wanted: bool = True) -> bool:
        """Whether a display is drawn on `stream`: when `wanted` and it is a terminal."""
        return stream.isatty() and wanted

    def step(self) -> None:
        self.count += 1
        now = time.monotonic()
        if self.enabled and (now - self.drawn >= self.every or self.count == self.total):
            self.drawn = now
            self.stream.write("\r" + self.line(now - self.started) + "\033[K")
            self.stream.flush()

    def line(self, elapsed: float) -> str:
        rate = self.count / elapsed if elapsed > 0 else 0.0
        text = f"{self.count}/{self.total}" if self.total else f"{self.count}"
        text += f" articles, {rate:.1f}/s"
        if self.total and rate > 0:
            left = max(0, self.total - self.count) / rate
            text += f", ETA {int(left // 60)}:{int(left % 60):02d}"
        return text

    def clear(self) -> None:
        """Wipe the line before other output is written to the terminal."""
        if self.enabled and self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
