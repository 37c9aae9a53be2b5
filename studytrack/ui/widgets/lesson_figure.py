"""Figures in a lesson section: the section's Markdown split at its ``![caption](figure:name)``
links, the text shown at once and each figure drawn afterwards, in a worker, from engine runs.

Drawing a figure runs the engine (numpy) and the plot widget imports textual-plotext; both are
imported in the worker, so opening a lesson shows its text without waiting for either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, get_current_worker

from studytrack.i18n import Catalog
from studytrack.ui.widgets.blank import Column
from studytrack.ui.widgets.lesson_text import LessonText

if TYPE_CHECKING:
    from studytrack.domain.exercises.plots import Figure as PlotFigure
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.widgets.lesson_figure")

FIGURE_LINK = re.compile(r"!\[(?P<caption>[^\]]*)\]\(figure:(?P<name>[a-z0-9-]+)\)")
"""A figure in lesson text, as ``studytrack.domain.content.figures.FIGURE_LINK`` reads it (kept
here so that splitting the text does not import the engine; a test keeps the two equal)."""


@dataclass(frozen=True)
class FigureLink:
    """One ``![caption](figure:name)`` of a lesson's text."""

    name: str
    caption: str


def split_at_figures(markdown: str) -> tuple[str, list[str | FigureLink]]:
    """The text before the first figure, then the figures and the texts between and after them
    (blank pieces left out): what the section shows, in order."""
    pieces: list[str | FigureLink] = []
    position = 0
    for match in FIGURE_LINK.finditer(markdown):
        pieces += [markdown[position:match.start()], FigureLink(match.group("name"), match.group("caption"))]
        position = match.end()
    pieces.append(markdown[position:])
    first = pieces[0] if isinstance(pieces[0], str) else ""
    rest = [piece for piece in pieces[1:] if not isinstance(piece, str) or piece.strip()]
    return str(first), rest


class LessonFigure(Column):
    """One figure of a lesson: its plot (once drawn) above its caption."""

    DEFAULT_CSS = """
    LessonFigure {
        height: auto;
        margin: 0 0 1 0;
    }
    LessonFigure ExercisePlot {
        height: auto;
        border: round $primary 50%;
        border-title-color: $accent;
        padding: 0 1 0 0;
    }
    LessonFigure .plot-canvas {
        height: 12;
    }
    LessonFigure .plot-legend {
        height: auto;
        padding-left: 1;
    }
    LessonFigure .figure-caption {
        color: $text-muted;
        text-style: italic;
        padding: 0 1;
    }
    """

    def __init__(self, link: FigureLink) -> None:
        """A place for the figure ``link`` names, its caption shown already."""
        super().__init__(classes="lesson-figure")
        self.link = link
        """The figure's name and caption, as the lesson wrote them."""
        self.plot: PlotFigure | None = None
        """The figure drawn, once the worker has made it."""
        self.drawn_in: str | None = None
        """The language the worker drew the figure in (None: not drawn yet)."""

    def compose(self) -> ComposeResult:
        """The caption (the plot is mounted above it when drawn)."""
        yield Static(self.link.caption, classes="figure-caption", markup=False)

    def on_mount(self) -> None:
        """Show a plot that was drawn before this place was on screen."""
        if self.drawn_in is not None:
            self.draw(self.plot, self.drawn_in)

    def draw(self, plot: PlotFigure | None, lang: str) -> None:
        """Show ``plot`` above the caption, or say that the course has no such figure."""
        # Deferred: textual-plotext and the plot module; the worker has imported them already.
        from studytrack.ui.widgets.exercise_plot import ExercisePlot  # noqa: PLC0415

        self.plot, self.drawn_in = plot, lang
        captions = self.query(".figure-caption")
        if not captions or self.query(ExercisePlot):
            return  # not composed yet (on_mount draws it), or drawn already
        caption = captions.first(Static)
        if plot is None:
            caption.update(TEXT("missing", lang, caption=self.link.caption, name=self.link.name))
            return
        self.mount(ExercisePlot(plot, classes="lesson-figure-plot"), before=caption)


class SectionFigures(Column):
    """The part of a section from its first figure on: figures and the text between them."""

    app: StudyApp

    DEFAULT_CSS = """
    SectionFigures {
        height: auto;
    }
    """

    def __init__(self, parts: Sequence[str | FigureLink] = (), *, id: str | None = None) -> None:
        """Hold ``parts`` from the start (a section opened with figures is composed with them);
        hidden while there are none."""
        super().__init__(*(self.place_for(part) for part in parts), id=id)
        self.display = bool(parts)

    @staticmethod
    def place_for(part: str | FigureLink) -> Widget:
        """The widget showing one part: the text between figures, or a figure's place."""
        return LessonFigure(part) if isinstance(part, FigureLink) else LessonText(part, open_links=False)

    def show(self, parts: Sequence[str | FigureLink]) -> None:
        """Replace what is shown with ``parts`` (text at once; figures as empty places)."""
        self.remove_children()
        self.mount_all(self.place_for(part) for part in parts)
        self.display = bool(parts)

    def draw_figures(self, root: Path, lang: str) -> Worker[None] | None:
        """Draw every figure shown, in a thread worker started after the text is on screen; a
        newer section's drawing cancels an older one."""
        places = list(self.query(LessonFigure))
        if not places:
            return None
        return self.run_worker(lambda: self._plot_in_thread(places, root, lang), group="lesson-figures",
                               exclusive=True, thread=True)

    def _plot_in_thread(self, places: list[LessonFigure], root: Path, lang: str) -> None:
        """The worker: run the engine for each figure and hand each plot to its place."""
        # Deferred: the figures run the engine (numpy, ~300 ms to import) and the plot widget imports
        # textual-plotext; importing both here, off the UI thread, keeps the lesson's text instant.
        from studytrack.domain.content.figures import plot_figure, read_figures  # noqa: PLC0415
        from studytrack.ui.widgets import exercise_plot  # noqa: F401, PLC0415

        app, worker = self.app, get_current_worker()
        with app.reporting_errors():
            figures, _ = read_figures(root)
            for place in places:
                figure = figures.get(place.link.name)
                plot = plot_figure(figure, lang) if figure is not None else None
                if worker.is_cancelled:
                    return
                app.call_from_thread(place.draw, plot, lang)

