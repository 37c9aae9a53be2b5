"""A rate just under the divergence bound makes descent swing across the minimum, and the
learning-rate playground shows those swings at 80×24: every step's marker on the path, on
alternate sides of the minimum, not a smudge at the bottom of the valley."""

from itertools import pairwise
from pathlib import Path

import numpy as np
from snapshot_steps import plots_built
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

import studytrack.ui.screens as screens
from studytrack.domain.exercises.plots import ZIGZAG_SHOWN, Playground
from studytrack.ui.widgets.exercise_plot import ExercisePlot, FigureCanvas
from studytrack.ui.widgets.rate_playground import RatePlayground

CURVE = (1.0, -6.0, 10.0)
"""L(w) = (w − 3)² + 1: curvature 2, so descent diverges for α ≥ 1 and swings for 0.5 < α < 1."""

MINIMUM = 3.0


class PlaygroundApp(App[None]):
    """The playground alone, styled as the exercise screen styles it (plots stacked at 80 columns)."""

    CSS_PATH = Path(screens.__file__).parent / "exercise.tcss"
    lang = "en"

    def __init__(self, playground: Playground, lr: float):
        super().__init__()
        self.playground = playground
        self.lr = lr

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield RatePlayground(self.playground, self.lr, "en", id="playground")


async def plots_drawn(pilot) -> None:
    """Wait until the run's figures are made and every plot in view is built (both in workers)."""
    await plots_built(pilot, lambda: pilot.app.query_one(RatePlayground).figured is not None)


def canvas_rows(app: App[None], canvas: FigureCanvas) -> list[str]:
    """The characters the plot shows on screen, row by row (the plot holds one-cell characters only)."""
    region = canvas.content_region
    strips = app.screen._compositor.render_strips()[region.y:region.bottom]
    return ["".join(segment.text for segment in strip)[region.x:region.right] for strip in strips]


async def test_a_rate_near_the_divergence_bound_shows_a_zigzag_across_the_minimum_at_80x24():
    playground = Playground("curve", (-2.0,), 30, 0.9, coeffs=CURVE)  # each step: w − 3 → −0.8·(w − 3)
    app = PlaygroundApp(playground, 0.9)
    async with app.run_test(size=(80, 24)) as pilot:
        await plots_drawn(pilot)
        plot = app.query_one("#playground-path", ExercisePlot)
        plot.scroll_visible(animate=False, top=True)
        await plots_drawn(pilot)  # the plot scrolled into view is built then
        path = plot.figure.series_for("path")
        sides = [x > MINIMUM for x in path.xs]
        assert len(path.xs) == ZIGZAG_SHOWN + 1 and path.marked, "a zigzag is drawn step by step, not all 30"
        assert all(a != b for a, b in pairwise(sides)), "each step lands on the other side"
        assert "overshoots" in str(plot.query_one(".plot-legend").render())

        rows = canvas_rows(app, plot.query_one(FigureCanvas))
        assert len(rows) == 12 and max(map(len, rows)) >= 70, "the plot is as small as at 80×24"
        centre = next(row.index("+") for row in rows if "+" in row)  # the minimum's marker
        steps = [(row_number, column) for row_number, row in enumerate(rows)
                 for column, char in enumerate(row) if char == "•"]
        left = {column for _, column in steps if column < centre}
        right = {column for _, column in steps if column > centre}
        # the swings shrink towards the minimum: several distinct steps on each side, the outer ones higher
        assert len(left) >= 4 and len(right) >= 4, "\n".join(rows)
        height = {column: row_number for row_number, column in steps}
        assert height[min(left)] < height[max(left)] and height[max(right)] < height[min(right)]


async def test_a_slow_rate_still_draws_its_whole_path():
    playground = Playground("curve", (-2.0,), 30, 0.05, coeffs=CURVE)
    app = PlaygroundApp(playground, 0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await plots_drawn(pilot)
        path = app.query_one("#playground-path", ExercisePlot).figure.series_for("path")
        assert len(path.xs) == 31 and all(x < MINIMUM for x in path.xs), "no zigzag: every step shown"
        assert "overshoots" not in str(app.query_one("#playground-path .plot-legend").render())


def test_a_line_fit_near_its_divergence_bound_zigzags_across_the_valley_step_by_step():
    x, y = (0.0, 1.0, 2.0, 3.0, 4.0), (1.0, 2.9, 5.2, 7.1, 8.8)
    hessian = 2 / len(x) * np.array([[np.dot(x, x), sum(x)], [sum(x), len(x)]])
    values, vectors = np.linalg.eigh(hessian)
    lr = 0.9 * 2 / values[-1]  # the steep direction flips sign each step: w − w* → −0.8·(w − w*)
    playground = Playground("line", (-2.0, -1.0), 100, lr, x=x, y=y)
    _, figure = playground.figures(playground.run(lr), lr)
    path = figure.series_for("path")
    best = np.array(figure.series_for("point").xs + figure.series_for("point").ys)
    across = [float(np.dot(np.array(point) - best, vectors[:, -1])) for point in zip(path.xs, path.ys, strict=True)]
    assert path.marked and len(across) == ZIGZAG_SHOWN + 1
    assert all(a * b < 0 for a, b in pairwise(across)), "each step lands on the other side of the valley"
    assert "overshoots" in figure.note.text("en")
