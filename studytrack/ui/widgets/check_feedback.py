"""The feedback of an exercise's latest check: its outcome, the domain's words on it, what the
learner's program printed, or a note that a code check is running.

The domain's feedback names a known mistake and never the expected value unless the answer is
right; this widget only lays it out. It redraws itself when its reactive state changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from studytrack.domain.exercises.model import CheckResult
from studytrack.i18n import Catalog
from studytrack.ui.widgets.blank import Column
from studytrack.ui.widgets.in_place import update_in_place
from studytrack.vocabulary import Outcome

TEXT = Catalog("ui.widgets.check_feedback")

OUTPUT_LINES = 8
"""At most this many lines of what a learner's program printed are shown."""

STUCK_OUTCOMES = (Outcome.INCORRECT, Outcome.DIVERGED, Outcome.TIMEOUT, Outcome.ERROR)
"""Outcomes after which, with no hint open yet, the feedback says where help is."""


class CheckFeedback(Column):
    """The latest check of one exercise, or the note that a code check is running."""

    DEFAULT_CSS = """
    CheckFeedback {
        height: auto;
    }
    """
    """Only as tall as the feedback: the exercise body scrolls."""

    result: reactive[CheckResult | None] = reactive(None, init=False, repaint=False)
    """The latest check, or None. (None of the three redraws the whole feedback: the lines that
    change redraw themselves, ``show``.)"""
    checking: reactive[bool] = reactive(False, init=False, repaint=False)
    """True while a code check runs."""
    hints_open: reactive[bool] = reactive(False, init=False, repaint=False)
    """True once a hint is shown: the "stuck?" line is no longer needed."""

    def __init__(self, lang: str, checked_file: str = "", *, result: CheckResult | None = None,
                 hints_open: bool = False, checking: bool = False, typed: bool = False, id: str | None = None):
        """The feedback on ``result`` in ``lang``; ``checked_file`` names a code exercise's file;
        ``typed``: the answers are typed in boxes, which keep the focus after a check."""
        super().__init__(id=id)
        self.lang = lang
        """The language of the labels."""
        self.typed = typed
        """Whether the answers are typed in boxes (the "stuck?" line then says how to leave them)."""
        self.checked_file = checked_file
        """The file a code check runs (named while it runs)."""
        self.set_reactive(CheckFeedback.result, result)
        self.set_reactive(CheckFeedback.checking, checking)
        self.set_reactive(CheckFeedback.hints_open, hints_open)

    def compose(self) -> ComposeResult:
        """The running note, the feedback and the program's output, each shown when it has something
        to say (a change fills them in place)."""
        lines = Static(id="exercise-checking"), Static(id="exercise-feedback"), Static(id="exercise-output")
        self.fill(*lines)
        yield from lines

    def watch_result(self) -> None:
        """A new check: shown in place."""
        self.show()

    def watch_checking(self) -> None:
        """A code check started or ended: shown in place."""
        self.show()

    def watch_hints_open(self) -> None:
        """A hint is open: the "stuck?" line goes."""
        self.show()

    def show(self) -> None:
        """Fill the lines again from the reactive state (once composed)."""
        if self.is_mounted:
            self.fill(*self.query_children(Static).results(Static))

    def fill(self, checking: Static, feedback: Static, output: Static) -> None:
        """The running note while a check runs; else the feedback on ``result`` and what the
        program printed; a line with nothing to say is hidden (and empty)."""
        result = None if self.checking else self.result
        update_in_place(checking, TEXT("checking", self.lang, file=self.checked_file) if self.checking else "")
        checking.display = self.checking
        update_in_place(feedback, self.feedback(result) if result is not None else "")
        outcome = {f"outcome-{result.outcome}"} if result is not None else set()
        if set(feedback.classes) != outcome:  # a class set again restyles the line
            feedback.set_classes(outcome)
        feedback.display = result is not None
        printed = result is not None and bool(result.output.strip())
        update_in_place(output, self.output_text(result) if result is not None and printed else "")
        output.display = printed

    def feedback(self, result: CheckResult) -> Content:
        """The outcome, the domain's feedback and, when stuck, where to find help."""
        lines = Content.assemble((TEXT(f"label_{result.outcome}", self.lang), "bold"), " ",
                                 result.feedback.text(self.lang))
        if result.outcome in STUCK_OUTCOMES and not self.hints_open:
            lines = Content.assemble(lines, "\n", (TEXT("stuck_typed" if self.typed else "stuck", self.lang), "dim"))
        return lines

    def output_text(self, result: CheckResult) -> Content:
        """The first lines of what the learner's program printed."""
        lines = result.output.rstrip("\n").splitlines()
        shown = [TEXT("printed", self.lang), *(f"  | {line}" for line in lines[:OUTPUT_LINES])]
        if len(lines) > OUTPUT_LINES:
            more = len(lines) - OUTPUT_LINES
            shown.append(TEXT("more_output", self.lang, count=more))
        return Content("\n".join(shown))
