"""The end-of-lesson dialog: was it too easy, just right or too hard?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from studytrack.i18n import Catalog
from studytrack.ui.dialogs.base import StudyDialog
from studytrack.vocabulary import LessonVerdict

TEXT = Catalog("ui.dialogs.rate")

class RateDialog(StudyDialog[str | None]):
    """Asks for a lesson's difficulty; returns ``too_easy``, ``just_right``, ``too_hard`` or None."""

    BINDINGS = [
        Binding("1", "rate('too_easy')", "Rate"),
        Binding("2", "rate('just_right')", "Rate"),
        Binding("3", "rate('too_hard')", "Rate"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, lesson_title: str):
        """Ask about the lesson titled ``lesson_title``."""
        super().__init__()
        self.lesson_title = lesson_title
        """The title of the lesson being rated."""

    def compose(self) -> ComposeResult:
        """The question and the three answers."""
        lang = self.app.lang
        with Vertical(classes="dialog", id="rate-dialog"):
            yield Label(TEXT("title", lang, lesson=self.lesson_title), classes="panel-title",
                        markup=False)
            yield Label(TEXT("question", lang), classes="dialog-explanation")
            with Horizontal(classes="dialog-buttons"):
                for rating in LessonVerdict:
                    yield Button(TEXT(rating, lang), id=f"rate-{rating}")
            yield Label(TEXT("later", lang), classes="dialog-hint")

    def on_mount(self) -> None:
        """The middle answer has the focus."""
        self.query_one("#rate-just_right", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A rating button: the same as its key."""
        event.stop()
        if event.button.id:
            self.action_rate(event.button.id.removeprefix("rate-"))

    def action_rate(self, rating: str) -> None:
        """Return the rating."""
        self.dismiss(rating)

    def action_cancel(self) -> None:
        """Close without rating (the lesson stays unfinished)."""
        self.dismiss(None)
