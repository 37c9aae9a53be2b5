"""A small dialog that asks for one line of text: the base of the goal and resolve dialogs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from studytrack.i18n import Catalog
from studytrack.ui.dialogs.save_cancel import SaveCancelDialog

TEXT = Catalog("ui.dialogs.text_entry")


class TextEntryDialog(SaveCancelDialog[str]):
    """Asks for one line of text; returns it, or None when cancelled.

    Subclasses give the title, the explanation and the placeholder.
    """

    SAVE_BUTTON = "entry-save"

    MAX_LENGTH = 2000
    """The longest text accepted."""

    ALLOW_EMPTY = True
    """Whether saving an empty text is allowed."""

    def __init__(self, title: str, explanation: str, placeholder: str, value: str = ""):
        """A dialog titled ``title`` asking for one line, starting with ``value``."""
        super().__init__()
        self.dialog_title = title
        """The dialog's heading."""
        self.explanation = explanation
        """One or two sentences under the heading."""
        self.placeholder = placeholder
        """What the empty input suggests."""
        self.value = value
        """The text the input starts with."""

    def compose(self) -> ComposeResult:
        """Heading, explanation, the input and the two buttons."""
        lang = self.app.lang
        with Vertical(classes="dialog"):
            yield Label(self.dialog_title, classes="panel-title", markup=False)
            yield Label(self.explanation, classes="dialog-explanation", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="entry-text",
                        max_length=self.MAX_LENGTH)
            with Horizontal(classes="dialog-buttons"):
                yield Button(TEXT("cancel", lang), id="entry-cancel")
                yield Button(TEXT("save", lang), variant="primary", id="entry-save")

    def on_mount(self) -> None:
        """Put the cursor in the input (the base labels the keys)."""
        self.query_one("#entry-text", Input).focus()

    def action_save(self) -> None:
        """Return the text written."""
        text = self.query_one("#entry-text", Input).value.strip()
        if not text and not self.ALLOW_EMPTY:
            self.notify(TEXT("empty", self.app.lang), severity="warning")
            return
        self.dismiss(text)
