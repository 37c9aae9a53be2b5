"""A list item with a hanging indent draws exactly what Rich's grid draws, and lays the grid out
only once per width."""

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.cache import LRUCache

from studytrack.ui.widgets import hanging as hanging_module
from studytrack.ui.widgets.hanging import Hanging, hanging

TITLES = ["Short", "A rather long section title that wraps under itself",
          "손실 함수와 경사 하강법: 아주 긴 제목이 제목 아래로 줄바꿈돼요", "x" * 40]
"""Titles that fit, wrap, wrap with wide characters, and run past the width in one word."""


def grid(prefix: str, text: str, style: str) -> Table:
    """The item as a plain Rich grid (what ``Hanging`` replays)."""
    table = Table.grid(padding=0)
    table.add_column(no_wrap=True)
    table.add_column()
    table.add_row(Text(prefix, style=style), Text(text))
    return table


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("width", [12, 24, 60])
def test_the_item_draws_and_measures_as_the_grid_does(title, width):
    console = Console(width=80, color_system="truecolor", legacy_windows=False)
    options = console.options.update_width(width)
    for _ in range(2):  # drawn, then replayed
        item = hanging("12. ", title, "bold")
        assert console.render_lines(item, options) == console.render_lines(grid("12. ", title, "bold"), options)
        assert console.measure(item, options=options) == console.measure(grid("12. ", title, "bold"), options=options)
    assert str(hanging("3. ", title)) == f"3. {title}"


def test_the_grid_is_laid_out_once_per_width(monkeypatch):
    laid_out = []
    original = Hanging.grid

    def counted(self):
        laid_out.append(self.text)
        return original(self)

    monkeypatch.setattr(Hanging, "grid", counted)
    monkeypatch.setattr(hanging_module, "DRAWN", LRUCache(hanging_module.DRAWN.maxsize))
    console = Console(width=80, legacy_windows=False)
    title = "A title seen at two widths, several times at each"
    for width in (20, 20, 30, 20, 30):
        console.render_lines(hanging("1. ", title), console.options.update_width(width))
    assert laid_out == [title, title]
