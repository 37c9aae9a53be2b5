"""A clear message instead of a crash: shown when the database or the course can't be used."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Static

from studytrack.i18n import Catalog
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.keys_line import KeysLine

TEXT = Catalog("ui.screens.error")


class ErrorScreen(StudyScreen):
    """Says what is wrong and what to do; ``q`` quits."""

    TEXT = TEXT

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, message: str):
        """Show ``message`` (one line: what is wrong and what to do)."""
        super().__init__()
        self.message = message
        """The one-line message of the error."""

    def compose(self) -> ComposeResult:
        """The heading, the message and the reassurance that nothing was lost."""
        lang = self.app.lang
        yield Header()
        with Vertical(id="error-body"):
            yield Static(TEXT("heading", lang), classes="panel-title")
            yield Static(self.message, id="error-message", classes="error-message", markup=False)
            yield Static(TEXT("nothing_lost", lang))
        yield KeysLine()
