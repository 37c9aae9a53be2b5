"""The learning-rate playground: gradient descent on an exercise's own loss at a rate the learner
steps up and down, its status and both plots redrawn in place at each step.

The run and the figures come from ``studytrack.domain.exercises.plots``; this widget holds the
rate in a reactive and redraws its parts when the rate changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from studytrack.domain.exercises.checks import num, polynomial_text
from studytrack.domain.exercises.plots import Figure, Playground, rate_text, summarize_run
from studytrack.engine import DescentRun
from studytrack.i18n import Catalog
from studytrack.ui.lock_handoff import handing_over_often
from studytrack.ui.widgets.blank import Column, Row
from studytrack.ui.widgets.exercise_plot import ExercisePlot

TEXT = Catalog("ui.widgets.rate_playground")


class RatePlayground(Column):
    """What runs, the rate, how the run went, its loss per step and its path."""

    DEFAULT_CSS = """
    RatePlayground {
        height: auto;
    }
    """
    """Only as tall as its lines and plots: the exercise body scrolls."""

    class Figured(Message):
        """The worker made the run's two figures at rate ``lr``."""

        def __init__(self, lr: float, figures: tuple[Figure, Figure]) -> None:
            """``figures`` (loss, path) of the run at ``lr``."""
            super().__init__()
            self.lr = lr
            """The rate of the run."""
            self.figures = figures
            """Its loss per step and its path."""

    lr: reactive[float] = reactive(0.01, init=False)
    """The learning rate of the run shown; setting it runs descent again and redraws."""

    def __init__(self, playground: Playground, lr: float, lang: str, *, id: str | None = None):
        """The playground on ``playground``'s loss, starting at rate ``lr``, its texts in ``lang``."""
        super().__init__(id=id)
        self.playground = playground
        """The loss, the start and the step limit (the domain's ``Playground``)."""
        self.lang = lang
        """The language of the texts and the figures."""
        self.set_reactive(RatePlayground.lr, lr)
        self.figured: float | None = None
        """The rate whose run the plots show (None before the first)."""

    def compose(self) -> ComposeResult:
        """The title, what runs, the rate and status lines, and the two plots."""
        yield Static(TEXT("title", self.lang), id="playground-title")
        yield Static(self.about(), id="playground-about")
        yield Static("", id="playground-rate")
        yield Static("", id="playground-status")
        with Row(id="playground-plots", classes="plots"):
            yield ExercisePlot(id="playground-loss")
            yield ExercisePlot(id="playground-path")

    def about(self) -> str:
        """One sentence on what descends: the exercise's points or its curve, the start, the steps."""
        playground = self.playground
        if playground.kind == "line":
            return TEXT("line", self.lang, n=len(playground.x), w=num(playground.start[0]),
                        b=num(playground.start[1]), steps=playground.steps)
        return TEXT("curve", self.lang, f=polynomial_text(playground.coeffs, "w"),
                    w=num(playground.start[0]), steps=playground.steps)

    def on_mount(self) -> None:
        """Show the run at the starting rate."""
        self.show_run(self.lr)

    def watch_lr(self, lr: float) -> None:
        """A new rate: run it and show it at once."""
        self.show_run(lr)

    def show_run(self, lr: float) -> None:
        """Run descent at ``lr`` and show the rate and the status at once; the two plots follow
        from a worker (their figures, then their text, are made off the UI thread)."""
        run = self.playground.run(lr)
        summary = summarize_run(run)
        self.query_one("#playground-rate", Static).update(TEXT("rate", self.lang, lr=rate_text(lr)))
        status = self.query_one("#playground-status", Static)
        status.update(summary.message().text(self.lang))
        status.set_classes(f"status-{summary.status}")
        # once the rate and the status are drawn: the worker does not race the frame for the GIL
        self.call_after_refresh(self.run_worker, lambda: self.figure_run(run, lr), thread=True, exclusive=True,
                                group="playground")

    def figure_run(self, run: DescentRun, lr: float) -> None:
        """In the worker: the figures of ``run`` at ``lr``, handed to the UI thread."""
        with handing_over_often():
            figures = self.playground.figures(run, lr)
        self.post_message(self.Figured(lr, figures))

    def on_rate_playground_figured(self, event: RatePlayground.Figured) -> None:
        """Show the run's figures, unless the rate moved on meanwhile (its own are on their way)."""
        event.stop()
        if event.lr == self.lr:
            loss, path = event.figures
            self.figured = event.lr
            self.query_one("#playground-loss", ExercisePlot).show(loss)
            self.query_one("#playground-path", ExercisePlot).show(path)
