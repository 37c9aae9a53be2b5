"""A plot of an exercise: one ``Figure`` (``studytrack.domain.exercises.plots``) drawn with textual-plotext,
its title in the border and a legend underneath, coloured from the app's theme; and the row of
plots under an exercise, redrawn when its figures change.

The figure is plain data computed by the domain; this widget only draws it, wording its title,
legend and note in the app's language as it draws (so a switch of language reaches them). Nothing but ASCII is
drawn inside the plot (plotext counts every character as one column), so titles and legends in
Korean live outside it, where Textual lines wide characters up.
"""

from __future__ import annotations

import math
import threading
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult, RenderResult
from textual.color import Color
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from studytrack.domain.exercises.checks.numbers import num
from studytrack.domain.exercises.model import CheckResult, ExerciseInstance
from studytrack.domain.exercises.plots import Figure, problem_figures, result_figures
from studytrack.domain.messages import Wording
from studytrack.ui.lock_handoff import handing_over_often
from studytrack.ui.widgets.blank import Row
from studytrack.ui.widgets.in_place import update_in_place
from studytrack.vocabulary import Outcome

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

GRADED = (Outcome.CORRECT, Outcome.INCORRECT, Outcome.DIVERGED)
"""Outcomes of a check that judged an answer (the others could not): only these have a run to plot."""

ROLE_LOOKS: dict[str, tuple[str, str]] = {
    "loss": ("primary", "•"),
    "curve": ("secondary", "•"),
    "path": ("accent", "•"),
    "start": ("warning", "◆"),
    "end": ("success", "●"),
    "level_up": ("primary", "·"),
    "level_down": ("error", "·"),
    "point": ("accent", "+"),
}
"""Each series role → (the theme colour it is drawn in, its marker when drawn as separate points).
Joined series are braille lines, shown as ━ in the legend (━• when their points are marked too)."""


def in_words(text: Wording | str, lang: str) -> str:
    """A figure's title, label or note in ``lang``; a plain string (a lesson figure's text, already
    in the learner's language, or empty) as it is."""
    return text if isinstance(text, str) else text.text(lang)


def role_colour(app: App[Any], role: str) -> tuple[int, int, int]:
    """The RGB colour of ``role`` in the app's current theme."""
    variable = ROLE_LOOKS.get(role, ("foreground", "•"))[0]
    value = app.theme_variables.get(variable) or app.theme_variables.get("foreground", "#ffffff")
    return Color.parse(value).rgb


def whole_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """At most ``most`` whole-number ticks from ``low`` to ``high``, a whole step apart."""
    step = max(1, math.ceil((high - low) / (most - 1)))
    return [float(tick) for tick in range(math.floor(low), math.floor(high) + 1, step)]


PlotKey = tuple[Figure | None, int, int, str]
"""What a plot's text is built for: the figure, the canvas's width and height, the plotext theme."""

BUILDING = threading.Lock()
"""One plot built at a time: plotext keeps state of its own between a figure's calls."""


def same_plot(one: PlotKey, other: PlotKey) -> bool:
    """Whether two plot keys (figure, width, height, theme) ask for the same plot: the same
    figure object at the same size in the same theme."""
    return one[0] is other[0] and one[1:] == other[1:]


class FigureCanvas(PlotextPlot):
    """The plot itself, its text built by plotext in a thread worker: a key that changes the
    figure (a check, a new rate) has its text on screen in the key's frame, and the plot follows
    (the previous plot stays until then). Built again when the figure, the size or the theme
    changes (a theme change recolours it)."""

    class Built(Message):
        """The worker built the plot's text for ``key``."""

        def __init__(self, key: PlotKey, text: Text) -> None:
            """``text`` is the plot for ``key`` (figure, size, theme)."""
            super().__init__()
            self.key = key
            """What the text was built for."""
            self.text = text
            """The plot as Rich text."""

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        """An empty canvas; ``ExercisePlot.show`` gives it a figure."""
        super().__init__(id=id, classes=classes)
        self.figure: Figure | None = None
        """What is drawn."""
        self.built: tuple[PlotKey, Text] | None = None
        """The latest plot text and what it was built for (figure, size, theme)."""
        self.building: PlotKey | None = None
        """What the worker is building now, or None."""

    def render(self) -> RenderResult:
        """The plot of the figure at this size in this theme, once built; until then the previous
        plot (or nothing), while a worker builds it."""
        width, height = self.size
        theme = self._get_plotext_theme_name(self.app.theme)
        key: PlotKey = (self.figure, width, height, theme)
        if self.built is not None and same_plot(self.built[0], key):
            return self.built[1]
        if width and height and (self.building is None or not same_plot(self.building, key)):
            self.building = key
            roles = {"start", *(series.role for series in self.figure.series)} if self.figure else set()
            colours = {role: role_colour(self.app, role) for role in roles}
            # after this frame: the worker does not race the rest of it for the GIL
            self.call_after_refresh(self.run_worker, lambda: self.build(key, colours), thread=True,
                                    exclusive=True, group="plot")
        return self.built[1] if self.built is not None else Text()

    def build(self, key: PlotKey, colours: dict[str, tuple[int, int, int]]) -> None:
        """In the worker: plot ``key``'s figure at its size in its theme with ``colours`` (each
        role's RGB), and hand the text to the UI thread."""
        figure, width, height, theme = key
        with BUILDING, handing_over_often():
            plt = Plot()  # its own: a build still running for an older key keeps to its own
            if figure is not None:
                self.plot(plt, figure, colours)
            plt.plotsize(width, height)
            plt._set_size(width, height)  # as textual-plotext's render does (its issue 5)
            plt.theme(theme)
            built = plt.build()
        # cropped, never wrapped: until the next build, a plot built at another size is shown cut
        self.post_message(self.Built(key, Text.from_ansi(built, no_wrap=True, overflow="crop")))

    def on_figure_canvas_built(self, event: FigureCanvas.Built) -> None:
        """Show the plot the worker built, unless the figure, size or theme moved on meanwhile
        (then render starts the next one)."""
        event.stop()
        if self.building is not None and same_plot(self.building, event.key):
            self.building = None
        elif self.built is not None and self.building is not None:
            return  # an older build finishing after a newer one started: the newer one is on its way
        self.built = (event.key, event.text)
        self.refresh()

    def plot(self, plt: Plot, figure: Figure, colours: dict[str, tuple[int, int, int]]) -> None:
        """Plot the figure's series, limits and marks on ``plt`` in ``colours``."""
        # lines first, then the markers, so that no marker hides under a path
        lines = [series for series in figure.series if series.joined and series.xs]
        points = [series for series in figure.series if (series.marked or not series.joined) and series.xs]
        for series in lines:
            plt.plot(list(series.xs), list(series.ys), marker="braille", color=colours[series.role])
        for series in points:
            marker = "braille" if series.role.startswith("level") else ROLE_LOOKS[series.role][1]
            plt.scatter(list(series.xs), list(series.ys), marker=marker, color=colours[series.role])
        for x, y, text in figure.marks:
            plt.text(text, x, y, color=colours["start"], alignment="center")
        if figure.xlim is not None:
            plt.xlim(*figure.xlim)
        if figure.ylim is not None:
            plt.ylim(*figure.ylim)
        if figure.ylog:
            plt.yscale("log")
        if figure.yticks:
            plt.yticks([value for value, _ in figure.yticks], [label for _, label in figure.yticks])
        self.tick_axes(plt, figure)

    @staticmethod
    def tick_axes(plt: Plot, figure: Figure) -> None:
        """Whole-number ticks on a step axis, and tick labels without ``-0.0`` on any other linear
        axis (plotext's own labels a tick near zero ``-0.0``)."""
        xs = [x for series in figure.series for x in series.xs]
        if xs and all(float(x).is_integer() for x in xs):
            ticks = whole_ticks(*(figure.xlim or (min(xs), max(xs))))
            plt.xticks(ticks, [str(int(tick)) for tick in ticks])
        elif xs:
            low, high = figure.xlim or (min(xs), max(xs))
            ticks = [low + (high - low) * part / 4 for part in range(5)] if high > low else [low]
            plt.xticks(ticks, [num(tick, 3) for tick in ticks])
        ys = [y for series in figure.series for y in series.ys]
        if ys and not figure.ylog and not figure.yticks:
            low, high = figure.ylim or (min(ys), max(ys))
            ticks = [low + (high - low) * part / 4 for part in range(5)] if high > low else [low]
            plt.yticks(ticks, [num(tick, 3) for tick in ticks])


class ExercisePlot(Vertical):
    """One figure: the title in the border, the plot, and a legend (with the figure's note) below it."""

    app: StudyApp

    def __init__(self, figure: Figure | None = None, *, id: str | None = None, classes: str | None = None):
        """A plot of ``figure`` (or an empty one until ``show``)."""
        super().__init__(id=id, classes=classes)
        self.figure = figure
        """The figure shown: its series are what the tests look at."""

    def compose(self) -> ComposeResult:
        """The canvas and the legend line."""
        yield FigureCanvas(classes="plot-canvas")
        yield Static("", classes="plot-legend")

    def on_mount(self) -> None:
        """Draw the figure, and recolour the legend when the theme changes."""
        self.app.theme_changed_signal.subscribe(self, lambda theme: self.show(self.figure))
        self.show(self.figure)

    def show(self, figure: Figure | None) -> None:
        """Draw ``figure`` (a new run, a new rate) in place."""
        self.figure = figure
        title = in_words(figure.title, self.app.lang) if figure is not None else ""
        if title != self.border_title:  # a title set again redraws the whole plot, border and all
            self.border_title = title
        canvases, legends = self.query(FigureCanvas), self.query(".plot-legend")
        if not canvases or not legends:
            return  # not composed yet: on_mount shows it
        canvas = canvases.first()
        canvas.figure = figure
        canvas.refresh()
        update_in_place(legends.first(Static), self.legend())

    def legend(self) -> Text:
        """Each labelled series as its marker in its colour and its label, then the note."""
        text = Text(overflow="fold")
        if self.figure is None:
            return text
        lang = self.app.lang
        for series in self.figure.series:
            if not series.label:
                continue
            if text:
                text.append("  ")
            colour = Color(*role_colour(self.app, series.role)).hex
            dot = ROLE_LOOKS.get(series.role, ("", "•"))[1]
            marker = ("━" + dot if series.marked else "━") if series.joined else dot
            text.append(marker, style=Style(color=colour, bold=True))
            text.append(" " + in_words(series.label, lang))
        note = in_words(self.figure.note, lang)
        if note:
            text.append(("  " if text else "") + note, style="dim")
        return text


def attempt_figures(instance: ExerciseInstance, result: CheckResult | None, revealed: bool) -> tuple[Figure, ...]:
    """The plots of a problem (a loss history to read) and of its latest graded check (the run);
    plots that would give the answer away only once it is ``revealed``."""
    exercise = instance.exercise
    if exercise.is_code:
        return ()
    figures = problem_figures(exercise.check, instance.public_params())
    if result is not None and result.outcome in GRADED:
        values = {answer.name: answer.value for answer in result.answers}
        figures += result_figures(exercise.check, instance.params, result.run, values,
                                  revealed=result.correct or revealed)
    return figures


class ExercisePlots(Row):
    """The plots under an exercise, numbered ``plot-0``, ``plot-1`` …; stacked or side by side by CSS."""

    figures: reactive[tuple[Figure, ...]] = reactive((), init=False, repaint=False)
    """The figures shown; new ones are drawn in place, each plot redrawing itself (none: the row is
    hidden), not the whole row."""

    def __init__(self, figures: tuple[Figure, ...] = (), *, id: str | None = None, classes: str | None = None):
        """A row of ``figures``."""
        super().__init__(id=id, classes=classes)
        self.set_reactive(ExercisePlots.figures, figures)
        self.display = bool(figures)

    def compose(self) -> ComposeResult:
        """One plot per figure."""
        for number, figure in enumerate(self.figures):
            yield ExercisePlot(figure, id=f"plot-{number}")

    def watch_figures(self, figures: tuple[Figure, ...]) -> None:
        """Show ``figures`` in the plots there are, add the plots missing and remove the extra ones;
        hide the row while there is nothing to plot."""
        plots = list(self.query_children(ExercisePlot).results(ExercisePlot))
        for plot, figure in zip(plots, figures, strict=False):
            plot.show(figure)
        if len(plots) > len(figures):
            self.remove_children(plots[len(figures):])
        elif len(figures) > len(plots):
            self.mount_all(ExercisePlot(figure, id=f"plot-{number}")
                           for number, figure in enumerate(figures) if number >= len(plots))
        self.display = bool(figures)
