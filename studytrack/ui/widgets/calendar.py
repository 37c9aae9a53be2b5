"""The consistency calendar: the last weeks as a grid of days, shaded by how much was done.

No streak, no count of missed days: a day off is just an empty square.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from studytrack.i18n import Catalog

TEXT = Catalog("ui.widgets.calendar")

SQUARE = "■"
"""One day."""

LABEL_WIDTH = 4
"""Columns for the weekday labels on the left."""

ROWS = 9
"""Lines drawn: the month row, one per weekday, the legend."""


class ConsistencyCalendar(Widget):
    """A GitHub-style grid: one column per week (Monday on top), one shaded square per day."""

    COMPONENT_CLASSES = {
        "calendar--label",
        "calendar--level-0",
        "calendar--level-1",
        "calendar--level-2",
        "calendar--level-3",
        "calendar--level-4",
    }
    """The weekday/month labels and the five shades of activity (0: nothing that day)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        """An empty calendar; ``show`` fills it."""
        super().__init__(id=id, classes=classes)
        self.weeks: list[list[date | None]] = []
        """The grid: weeks of seven days (None after today)."""
        self.levels: dict[date, int] = {}
        """Day → shade (0 to 4); days missing are 0."""
        self.lang = "en"
        """The language of the labels."""
        self._rows: tuple[int, list[Strip]] | None = None
        """The rows as drawn, and the width they were drawn for (None: to draw)."""

    def show(self, weeks: list[list[date | None]], levels: dict[date, int], lang: str) -> None:
        """Draw ``weeks`` with each day's shade from ``levels``, laying the calendar out again
        only when the grid changed (other weeks or another language: its width may differ);
        new shades on the same weeks are drawn again in place."""
        changed = weeks != self.weeks or lang != self.lang
        self.weeks = weeks
        self.levels = levels
        self.lang = lang
        self._rows = None
        self.refresh(layout=changed)

    def notify_style_update(self) -> None:
        """The styles changed (a theme, a class): the rows are drawn again in the new shades."""
        self._rows = None
        super().notify_style_update()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The grid's width, known without drawing it (``width: auto`` would render the calendar
        once more to measure it): the labels, then a square every other column — or the legend,
        if ever wider."""
        legend = f"{TEXT('less', self.lang)} {SQUARE * 9} {TEXT('more', self.lang)}"
        return LABEL_WIDTH + max(len(self.weeks) * 2 - 1, Text(legend).cell_len)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The month row, the seven weekdays and the legend (known without drawing them)."""
        return ROWS

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the grid (Textual's line API: the nine rows are built once per draw as
        segments in the six styles, with no text to lay out; drawing them as Rich text or Textual
        content took several times longer, the slowest part of Home's first frame)."""
        width = self.size.width
        if self._rows is None or self._rows[0] != width:
            self._rows = width, [Strip(row).adjust_cell_length(width, self.rich_style) for row in self.rows()]
        rows = self._rows[1]
        return rows[y] if 0 <= y < len(rows) else Strip.blank(width, self.rich_style)

    def rows(self) -> list[list[Segment]]:
        """The month row, seven weekday rows and a legend, as styled segments."""
        label, *shades = (self.get_component_rich_style(name)
                          for name in ("calendar--label", *(f"calendar--level-{level}" for level in range(5))))
        base = self.rich_style
        rows = [[Segment(self._month_row(), label)]]
        weekdays = TEXT("weekdays", self.lang).split(",")
        for row in range(7):
            cells: list[tuple[str, Style]] = []
            for week in self.weeks:
                day = week[row]
                cells.append((" ", base) if day is None else (SQUARE, shades[self.levels.get(day, 0)]))
            rows.append([Segment(_pad(weekdays[row], LABEL_WIDTH), label), *_cells(cells, base)])
        legend = _cells([(SQUARE, shade) for shade in shades], base)
        rows.append([Segment(_pad("", LABEL_WIDTH), base), Segment(TEXT("less", self.lang) + " ", label),
                     *legend, Segment(" " + TEXT("more", self.lang), label)])
        return rows

    def _month_row(self) -> str:
        """Month labels above the week each month starts in (and above the first week, when
        that leaves room for the next label)."""
        labels: list[tuple[int, int]] = []
        for column, week in enumerate(self.weeks):
            days = [day for day in week if day is not None]
            first_of_month = next((day for day in days if day.day == 1), None)
            if first_of_month is not None:
                labels.append((column, first_of_month.month))
            elif column == 0 and days:
                labels.append((column, days[0].month))
        if len(labels) > 1 and labels[0][0] == 0 and labels[1][0] < 3:
            labels.pop(0)
        row = " " * LABEL_WIDTH
        grid_width = LABEL_WIDTH + len(self.weeks) * 2 - 1
        for column, month in labels:
            name = TEXT("months", self.lang).split(",")[month - 1]
            # a label never runs past the grid (the widget would grow or wrap): it ends at its edge
            position = min(LABEL_WIDTH + column * 2, grid_width - Text(name).cell_len)
            if Text(row).cell_len < position or (column == 0 and position >= LABEL_WIDTH):
                row = _pad(row, position) + name
        return row


def _cells(cells: Sequence[tuple[str, Style]], base: Style) -> list[Segment]:
    """``(glyph, style)`` cells one column apart (spaces in ``base``), trailing blanks dropped
    (days after today)."""
    cells = list(cells)
    while cells and cells[-1] == (" ", base):
        cells.pop()
    segments: list[Segment] = []
    for number, (glyph, style) in enumerate(cells):
        if number:
            segments.append(Segment(" ", base))
        segments.append(Segment(glyph, style))
    return segments


def _pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells (wide characters count twice)."""
    return text + " " * max(0, width - Text(text).cell_len)
