"""The "I didn't get this" dialog: a category and an optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from studytrack.i18n import Catalog
from studytrack.ui.dialogs.save_cancel import SaveCancelDialog
from studytrack.vocabulary import FlagCategory

TEXT = Catalog("ui.dialogs.flag")


class FlagDialog(SaveCancelDialog[tuple[str, str]]):
    """Asks what kind of confusion it is; returns ``(category, note)`` or None when cancelled."""

    SAVE_BUTTON = "flag-save"

    def __init__(self, what: str):
        """Ask about ``what`` (a section or a topic title)."""
        super().__init__()
        self.what = what
        """The title of what is being flagged."""

    def compose(self) -> ComposeResult:
        """The category choices, the note and the two buttons."""
        lang = self.app.lang
        with Vertical(id="flag-dialog", classes="dialog"):
            yield Label(TEXT("title", lang, what=self.what), classes="panel-title", markup=False)
            yield Label(TEXT("category", lang))
            with RadioSet(id="flag-category"):
                for number, category in enumerate(FlagCategory):
                    yield RadioButton(TEXT(category, lang), value=number == 0, name=category)
            yield Input(placeholder=TEXT("note", lang), id="flag-note", max_length=2000)
            with Horizontal(id="flag-buttons", classes="dialog-buttons"):
                yield Button(TEXT("cancel", lang), id="flag-cancel")
                yield Button(TEXT("save", lang), variant="primary", id="flag-save")

    def on_mount(self) -> None:
        """The categories have the focus (the base labels the keys)."""
        self.query_one("#flag-category", RadioSet).focus()

    def action_save(self) -> None:
        """Return the chosen category and the note."""
        pressed = self.query_one("#flag-category", RadioSet).pressed_button
        category = pressed.name if pressed is not None and pressed.name else FlagCategory.OTHER
        self.dismiss((category, self.query_one("#flag-note", Input).value))
