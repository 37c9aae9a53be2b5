"""A list item with a hanging indent: ``3. a long title`` whose further lines start under the
title, not under the number (Rich wraps it at whatever width the list has, wide characters
counted twice).

Rich lays the item out as a two-column grid, and a list asks for each item's lines several times
a frame (its height, its lines, again once the scroll bar shows) and again every time the screen
holding it opens. The lines of one item at one width never change, so the grid is laid out once
per width and what it drew is replayed after that (``DRAWN``).
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.cache import LRUCache

DRAWN_KEPT = 2048
"""How many drawings (an item at a width) are kept: every contents list and choice list of a
course at a few widths, in a few hundred kilobytes."""

DrawingKey = tuple[object, ...]
"""An item (its prefix, text and prefix style) and what its lines depend on in the console's
options (the width and the wrapping settings)."""

DRAWN: LRUCache[DrawingKey, list[Segment]] = LRUCache(DRAWN_KEPT)
"""The segments each item drew at each width (the least recently used forgotten first)."""

MEASURED: LRUCache[DrawingKey, Measurement] = LRUCache(DRAWN_KEPT)
"""The width each item asked for, at each width it was offered."""


class Hanging:
    """``prefix`` then ``text``, the text wrapped under its own start; drawn by a Rich grid once
    per width, then replayed."""

    __slots__ = ("prefix", "prefix_style", "text")

    def __init__(self, prefix: str, text: str, prefix_style: str = "dim") -> None:
        """The item ``prefix`` + ``text``, the prefix in ``prefix_style``."""
        self.prefix = prefix
        self.text = text
        self.prefix_style = prefix_style

    def __str__(self) -> str:
        """The item's plain text (what a test or a search reads)."""
        return f"{self.prefix}{self.text}"

    def grid(self) -> Table:
        """The item as Rich lays it out: the prefix in a column of its own, the text beside it."""
        grid = Table.grid(padding=0)
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(Text(self.prefix, style=self.prefix_style), Text(self.text))
        return grid

    def key(self, options: ConsoleOptions) -> DrawingKey:
        """What the item's lines depend on: the item and the options that shape its lines."""
        return (self.prefix, self.text, self.prefix_style, options.min_width, options.max_width,
                options.max_height, options.height, options.justify, options.overflow, options.no_wrap,
                options.legacy_windows, options.ascii_only)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        """The grid's segments at this width (laid out the first time)."""
        key = self.key(options)
        segments = DRAWN.get(key)
        if segments is None:
            segments = DRAWN[key] = list(console.render(self.grid(), options))
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """The width the grid asks for (measured the first time)."""
        key = self.key(options)
        measurement = MEASURED.get(key)
        if measurement is None:
            measurement = MEASURED[key] = Measurement.get(console, options, self.grid())
        return measurement


def hanging(prefix: str, text: str, prefix_style: str = "dim") -> Hanging:
    """``prefix`` then ``text``, the text wrapped under its own start."""
    return Hanging(prefix, text, prefix_style)
