"""The review forecast: how many reviews each of the next days holds, as a bar chart (plotext),
or as text bars when the terminal is too narrow for a chart to be readable.

The numbers are ``ForecastDay.planned`` from ``studytrack.store.stats.review_forecast``: what a
session would hold that day within the daily budget, the same as ``studytrack stats`` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Static
from textual_plotext import PlotextPlot

if TYPE_CHECKING:
    from studytrack.domain.progress.mastery import ForecastDay

NARROW = 50
"""Below this many columns the forecast is drawn as text bars."""

TEXT_BAR = 20
"""Cells of the longest text bar."""


def theme_rgb(widget: Widget, variable: str) -> tuple[int, int, int]:
    """The colour of theme variable ``variable`` (``primary`` …) as plotext takes it."""
    return Color.parse(widget.app.theme_variables[variable]).rgb


def integer_ticks(peak: int, rows: int = 4) -> list[float]:
    """Whole-number y ticks from 0 to at least ``peak``, about ``rows`` of them."""
    step = max(1, -(-max(peak, 1) // rows))
    return list(range(0, max(peak, 1) + step, step))


class ForecastChart(Widget):
    """Reviews per day over the next days: a plotext bar chart, or text bars when narrow."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """An empty forecast; ``show`` fills it."""
        super().__init__(id=id, classes=classes)
        self.days: list[ForecastDay] = []
        """The ``ForecastDay``s shown, today first."""
        self.drawn: tuple[object, ...] | None = None
        """What the chart was last drawn from (narrow or not, the days, the colour): a resize or a
        ``show`` that changes none of it draws nothing again."""

    @property
    def values(self) -> list[int]:
        """The reviews each day holds, as plotted."""
        return [day.planned for day in self.days]

    def compose(self) -> ComposeResult:
        """The chart and its narrow stand-in (one of them is shown)."""
        yield PlotextPlot(id="forecast-plot")
        yield Static("", id="forecast-bars")

    def on_mount(self) -> None:
        """Redraw the bars in the new theme's colours when the theme changes."""
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.draw())

    def show(self, days: Sequence[ForecastDay]) -> None:
        """Draw ``days`` (``ForecastDay``s, today first)."""
        self.days = list(days)
        self.draw()

    def on_resize(self) -> None:
        """Switch between the chart and the text bars as the width allows."""
        self.draw()

    def draw(self) -> None:
        """Plot the forecast (or write it as text bars when narrow), unless it is drawn already
        from the same days, width class and colour (plotext's figure is cleared and set up again
        at every draw: ~2 ms, and a resize comes twice as Stats opens; the chart itself is drawn
        at its size when shown)."""
        narrow = 0 < self.size.width < NARROW
        drawn = (narrow, tuple(self.days), theme_rgb(self, "primary"))
        if drawn == self.drawn:
            return
        self.drawn = drawn
        plot = self.query_one("#forecast-plot", PlotextPlot)
        bars = self.query_one("#forecast-bars", Static)
        plot.display, bars.display = not narrow, narrow
        if narrow:
            bars.update(self.text_bars())
            return
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        if self.days:
            labels = [str(day.day.day) for day in self.days]
            plt.bar(labels, self.values, width=0.6, color=theme_rgb(self, "primary"))
            plt.yticks(integer_ticks(max(self.values)))
        plot.refresh()

    def text_bars(self) -> Text:
        """One line per day: its date, a bar and the number."""
        peak = max(self.values, default=0)
        text = Text(no_wrap=True)
        for number, day in enumerate(self.days):
            if number:
                text.append("\n")
            filled = 0 if peak == 0 else round(TEXT_BAR * day.planned / peak)
            text.append(f"{day.day.strftime('%m-%d')} ")
            text.append("█" * filled, style="bold")
            text.append(f" {day.planned}")
        return text
