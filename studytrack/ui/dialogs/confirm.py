"""A yes/no question before something that can't be taken back at a glance: leaving a review
session half done, deleting a flag, cancelling a break."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from studytrack.i18n import Catalog
from studytrack.ui.dialogs.base import StudyDialog

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.dialogs.confirm")


def ask_then(app: StudyApp, question: str, detail: str, act: Callable[[], object]) -> None:
    """Ask ``question`` (``detail``: what a yes does); on yes, ``act`` — a store write, its
    failure told the learner as every other one is."""

    def answered(yes: bool | None) -> None:
        if yes:
            with app.reporting_errors():
                act()

    app.push_screen(ConfirmDialog(question, detail), answered)


class ConfirmDialog(StudyDialog[bool]):
    """Asks ``question``; returns True for yes (``y``), False for no (``n`` or escape)."""

    BINDINGS = [
        Binding("y", "yes", "Yes"),
        Binding("n", "no", "No"),
        Binding("escape", "no", "No", show=False),
    ]

    def __init__(self, question: str, detail: str = ""):
        """Ask ``question``, with ``detail`` (what happens on yes) under it."""
        super().__init__()
        self.question = question
        """The yes/no question."""
        self.detail = detail
        """What a yes does, in one line (may be empty)."""

    def compose(self) -> ComposeResult:
        """The question, what a yes does, and the two buttons (No has the focus)."""
        lang = self.app.lang
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self.question, classes="panel-title", markup=False)
            if self.detail:
                yield Label(self.detail, classes="dialog-explanation", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(TEXT("yes", lang), id="confirm-yes", variant="warning")
                yield Button(TEXT("no", lang), id="confirm-no")

    def on_mount(self) -> None:
        """No has the focus: Enter on a hurried key press keeps everything as it was."""
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Yes or No: the same as ``y`` or ``n``."""
        event.stop()
        self.action_answer(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)

    def action_yes(self) -> None:
        """Yes: go ahead."""
        self.action_answer(True)

    def action_no(self) -> None:
        """No: keep everything as it is."""
        self.action_answer(False)
