"""A list item with a hanging indent: ``3. a long title`` whose further lines start under the
title, not under the number (Rich wraps it at whatever width the list has, wide characters
counted twice)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def hanging(prefix: str, text: str, prefix_style: str = "dim") -> Table:
    """``prefix`` then ``text``, the text wrapped under its own start."""
    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(prefix, style=prefix_style), Text(text))
    return grid
