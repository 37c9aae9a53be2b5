"""The consistency calendar: the last weeks as a grid of days, shaded by how much was done.

No streak, no count of missed days: a day off is just an empty square.
"""

from __future__ import annotations

from datetime import date

from rich.style import StyleType
from rich.text import Text
from textual.widget import Widget

from studytrack.i18n import Catalog

TEXT = Catalog("ui.widgets.calendar")

SQUARE = "■"
"""One day."""

LABEL_WIDTH = 4
"""Columns for the weekday labels on the left."""


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

    def show(self, weeks: list[list[date | None]], levels: dict[date, int], lang: str) -> None:
        """Draw ``weeks`` with each day's shade from ``levels``."""
        self.weeks = weeks
        self.levels = levels
        self.lang = lang
        self.refresh(layout=True)

    def render(self) -> Text:
        """The month row, seven weekday rows and a legend."""
        label = self.get_component_rich_style("calendar--label")
        shades = [self.get_component_rich_style(f"calendar--level-{level}") for level in range(5)]
        text = Text(no_wrap=True, overflow="crop")
        text.append(self._month_row(), style=label)
        weekdays = TEXT("weekdays", self.lang).split(",")
        for row in range(7):
            text.append("\n")
            text.append(_pad(weekdays[row], LABEL_WIDTH), style=label)
            cells: list[tuple[str, StyleType]] = []
            for week in self.weeks:
                day = week[row]
                cells.append((" ", "") if day is None else (SQUARE, shades[self.levels.get(day, 0)]))
            _append_cells(text, cells)
        text.append("\n")
        text.append(_pad("", LABEL_WIDTH))
        text.append(TEXT("less", self.lang) + " ", style=label)
        _append_cells(text, [(SQUARE, shade) for shade in shades])
        text.append(" " + TEXT("more", self.lang), style=label)
        return text

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


def _append_cells(text: Text, cells: list[tuple[str, StyleType]]) -> None:
    """Append ``(glyph, style)`` cells one column apart (no space after the last one)."""
    for number, (glyph, style) in enumerate(cells):
        if number:
            text.append(" ")
        text.append(glyph, style=style)
    text.rstrip()


def _pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells (wide characters count twice)."""
    return text + " " * max(0, width - Text(text).cell_len)
