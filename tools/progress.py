"""A progress display for the instructor tools (``make slides``, ``make variants``).

On a terminal one line is redrawn (a bar, the item just done, the time left); in a log or a
pipe every item gets a line of its own, so nothing is lost. Both go to stderr, so a tool's
output proper (stdout) stays clean.
"""

from __future__ import annotations

import sys
import time


class Progress:
    """``Progress(total, "students").step("2024001")`` after each item.

    The time left is the mean time per item so far times the items still to do.
    """

    def __init__(self, total: int, what: str, *, stream=None, quiet: bool = False,
                 clock=time.monotonic):
        self.total, self.what, self.done = total, what, 0
        self.stream = sys.stderr if stream is None else stream
        self.quiet, self.clock = quiet, clock
        self.start = clock()
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())

    def line(self, item: str, detail: str = "") -> str:
        """The text shown after ``self.done`` of ``self.total`` items, the last being ``item``."""
        elapsed = self.clock() - self.start
        width = len(str(self.total))
        text = f"[{self.done:>{width}}/{self.total}] {item}"
        if detail:
            text += f": {detail}"
        left = self.total - self.done
        if left and self.done:
            remaining = _duration(elapsed / self.done * left)
            text += f" ({_duration(elapsed)} so far, about {remaining} left)"
        else:
            text += f" ({_duration(elapsed)})"
        return text

    def bar(self, item: str, detail: str = "", width: int = 24) -> str:
        filled = round(width * self.done / max(self.total, 1))
        return f"{'█' * filled}{'·' * (width - filled)} {self.line(item, detail)}"

    def step(self, item: str, detail: str = "") -> None:
        self.done += 1
        if self.quiet:
            return
        if self.live:
            end = "\n" if self.done >= self.total else ""
            self.stream.write(f"\r\033[K{self.bar(item, detail)}{end}")
        else:
            self.stream.write(self.line(item, detail) + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"
