"""The feedback of an exercise's latest check: its outcome, the domain's words on it, what the
learner's program printed, or a note that a code check is running.

The domain's feedback names a known mistake and never the expected value unless the answer is
right; this widget only lays it out. It redraws itself when its reactive state changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from studytrack.domain.exercises.model import CheckResult
from studytrack.i18n import Catalog
from studytrack.vocabulary import Outcome

TEXT = Catalog("ui.widgets.check_feedback")

OUTPUT_LINES = 8
"""At most this many lines of what a learner's program printed are shown."""

STUCK_OUTCOMES = (Outcome.INCORRECT, Outcome.DIVERGED, Outcome.TIMEOUT, Outcome.ERROR)
"""Outcomes after which, with no hint open yet, the feedback says where help is."""


class CheckFeedback(Vertical):
    """The latest check of one exercise, or the note that a code check is running."""

    DEFAULT_CSS = """
    CheckFeedback {
        height: auto;
    }
    """
    """Only as tall as the feedback: the exercise body scrolls."""

    result: reactive[CheckResult | None] = reactive(None, recompose=True, init=False)
    """The latest check, or None."""
    checking: reactive[bool] = reactive(False, recompose=True, init=False)
    """True while a code check runs."""
    hints_open: reactive[bool] = reactive(False, recompose=True, init=False)
    """True once a hint is shown: the "stuck?" line is no longer needed."""

    def __init__(self, lang: str, checked_file: str = "", *, result: CheckResult | None = None,
                 hints_open: bool = False, checking: bool = False, id: str | None = None):
        """The feedback on ``result`` in ``lang``; ``checked_file`` names a code exercise's file."""
        super().__init__(id=id)
        self.lang = lang
        """The language of the labels."""
        self.checked_file = checked_file
        """The file a code check runs (named while it runs)."""
        self.set_reactive(CheckFeedback.result, result)
        self.set_reactive(CheckFeedback.checking, checking)
        self.set_reactive(CheckFeedback.hints_open, hints_open)

    def compose(self) -> ComposeResult:
        """The running note, or the feedback and the program's output."""
        result = self.result
        if self.checking:
            yield Static(TEXT("checking", self.lang, file=self.checked_file), id="exercise-checking")
        elif result is not None:
            yield Static(self.feedback(result), id="exercise-feedback", classes=f"outcome-{result.outcome}")
            if result.output.strip():
                yield Static(self.output_text(result), id="exercise-output")

    def feedback(self, result: CheckResult) -> Content:
        """The outcome, the domain's feedback and, when stuck, where to find help."""
        lines = Content.assemble((TEXT(f"label_{result.outcome}", self.lang), "bold"), " ",
                                 result.feedback.text(self.lang))
        if result.outcome in STUCK_OUTCOMES and not self.hints_open:
            lines = Content.assemble(lines, "\n", (TEXT("stuck", self.lang), "dim"))
        return lines

    def output_text(self, result: CheckResult) -> Content:
        """The first lines of what the learner's program printed."""
        lines = result.output.rstrip("\n").splitlines()
        shown = [TEXT("printed", self.lang), *(f"  | {line}" for line in lines[:OUTPUT_LINES])]
        if len(lines) > OUTPUT_LINES:
            more = len(lines) - OUTPUT_LINES
            shown.append(TEXT("more_output", self.lang, count=more))
        return Content("\n".join(shown))
