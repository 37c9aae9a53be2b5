"""Flags over time: how many were open, and how many resolved so far, at the end of each of the
last weeks (``studytrack.store.stats.flag_history``), as two lines in a small plotext chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual_plotext import PlotextPlot

from studytrack.ui.widgets.forecast_chart import integer_ticks, theme_rgb

if TYPE_CHECKING:
    from studytrack.store.stats import FlagCounts


class FlagHistoryChart(PlotextPlot):
    """Open flags and flags resolved so far, one point a week, the last one today."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """An empty chart; ``show`` fills it."""
        super().__init__(id=id, classes=classes)
        self.points: list[FlagCounts] = []
        """The ``FlagCounts`` shown, oldest first."""

    def on_mount(self) -> None:
        """Redraw the lines in the new theme's colours when the theme changes."""
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.draw())

    def show(self, points: Sequence[FlagCounts]) -> None:
        """Draw ``points`` (``FlagCounts``, oldest first)."""
        self.points = list(points)
        self.draw()

    def draw(self) -> None:
        """Plot the open and the resolved counts (colours as in the legend under the chart)."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if self.points:
            x: list[float] = list(range(len(self.points)))
            plt.plot(x, [p.open for p in self.points], color=theme_rgb(self, "warning"), marker="braille")
            plt.plot(x, [p.resolved for p in self.points], color=theme_rgb(self, "success"), marker="braille")
            ends = [""] * len(self.points)
            ends[0] = self.points[0].day.strftime("%m-%d")
            ends[-1] = self.points[-1].day.strftime("%m-%d")
            plt.xticks(x, ends)
            peak = max(max(p.open, p.resolved) for p in self.points)
            plt.yticks(integer_ticks(peak, rows=3))
        self.refresh()
