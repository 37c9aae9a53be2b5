"""A key's text first, its plots after: a plot's text is built by plotext in a worker (the key's
frame never waits for it), the previous plot stays until the new one is built, and an axis around
zero is never labelled ``-0.0``."""

import re

from snapshot_steps import plots_built
from textual.app import App, ComposeResult
from textual_plotext.plot import Plot

from studytrack.domain.exercises.plots import Figure, Series
from studytrack.ui.widgets.exercise_plot import ExercisePlot, FigureCanvas

NEGATIVE_ZERO = re.compile(r"-0\.0+(?![0-9])")
"""A tick labelled ``-0.0`` (not one that merely starts so: ``-0.05`` is a fine tick)."""


def figure(scale: float) -> Figure:
    """A path across zero on both axes, as the playground draws one (``scale`` makes another)."""
    xs = tuple(scale * value for value in (-6.31, -4.0, -1.0, 0.4, 2.09))  # a tick at −0.01
    ys = tuple(scale * value for value in (-1.5, 0.7, -0.2, 0.1, 0.9))
    return Figure("path", (Series("path", xs, ys, "your run"),))


class OnePlot(App[None]):
    """One exercise plot."""

    CSS = "ExercisePlot { height: 14; } FigureCanvas { height: 12; }"
    lang = "en"

    def compose(self) -> ComposeResult:
        yield ExercisePlot(figure(1.0), id="plot")


async def test_a_plot_is_built_in_a_worker_and_the_old_one_stays_until_the_new_one_is_built():
    app = OnePlot()
    async with app.run_test(size=(80, 16)) as pilot:
        await plots_built(pilot)
        canvas = app.query_one(FigureCanvas)
        first = app.query_one(ExercisePlot).figure
        assert canvas.built is not None and canvas.built[0][0] is first
        old = canvas.built[1]
        assert "your run" not in str(old) and str(old).strip(), "the plot itself: axes and points"

        second = figure(3.0)
        app.query_one(ExercisePlot).show(second)
        shown = canvas.render()  # what the next frame draws: no plotext on the UI thread
        assert shown is old and canvas.building is not None and canvas.building[0] is second
        await plots_built(pilot)
        assert canvas.built[0][0] is second and str(canvas.render()) != str(old)


async def test_a_resized_plot_is_built_again_for_its_new_size():
    app = OnePlot()
    async with app.run_test(size=(80, 16)) as pilot:
        await plots_built(pilot)
        canvas = app.query_one(FigureCanvas)
        wide = canvas.built[0][1]
        await pilot.resize_terminal(60, 16)
        await plots_built(pilot)
        assert canvas.built[0][1] == canvas.size.width < wide
        assert max(len(line) for line in str(canvas.render()).splitlines()) <= canvas.size.width


def test_no_axis_around_zero_is_labelled_minus_zero():
    """plotext's own x ticks for a path from −6.3 to 2.1 include ``-0.0``; ours do not, on either axis."""
    for scale in (1.0, 0.1, 0.001):
        plt = Plot()
        shown = figure(scale)
        for series in shown.series:
            plt.plot(list(series.xs), list(series.ys))
        FigureCanvas.tick_axes(plt, shown)
        plt.plotsize(78, 12)
        text = plt.build()
        assert not NEGATIVE_ZERO.search(re.sub(r"\x1b\[[0-9;]*m", "", text)), scale
