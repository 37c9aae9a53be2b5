"""The "I didn't get this" dialog: a category and an optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from studytrack.i18n import Catalog
from studytrack.store.flags import MAX_NOTE_LENGTH
from studytrack.ui.dialogs.save_cancel import SaveCancelDialog
from studytrack.vocabulary import FlagCategory

TEXT = Catalog("ui.dialogs.flag")


class FlagDialog(SaveCancelDialog[tuple[str, str]]):
    """Asks what kind of confusion it is; returns ``(category, note)`` or None when cancelled."""

    SAVE_BUTTON = "flag-save"

    def __init__(self, what: str, category: str | None = None, note: str = ""):
        """Ask about ``what`` (a section or a topic title); with ``category`` given, the dialog
        edits a flag that has that category and ``note``."""
        super().__init__()
        self.what = what
        """The title of what is being flagged."""
        self.category = category
        """The category of the flag being edited (None: a new flag)."""
        self.note = note
        """The note of the flag being edited."""

    def compose(self) -> ComposeResult:
        """The category choices, the note and the two buttons."""
        lang = self.app.lang
        with Vertical(id="flag-dialog", classes="dialog"):
            title = "edit_title" if self.category else "title"
            yield Label(TEXT(title, lang, what=self.what), classes="panel-title", markup=False)
            yield Label(TEXT("category", lang))
            chosen = self.category or next(iter(FlagCategory))
            with RadioSet(id="flag-category"):
                for category in FlagCategory:
                    yield RadioButton(TEXT(category, lang), value=category == chosen, name=category)
            yield Input(self.note, placeholder=TEXT("note", lang), id="flag-note", max_length=MAX_NOTE_LENGTH)
            with Horizontal(id="flag-buttons", classes="dialog-buttons"):
                yield Button(TEXT("cancel", lang), id="flag-cancel")
                yield Button(TEXT("save_edit" if self.category else "save", lang), variant="primary",
                             id="flag-save")

    def on_mount(self) -> None:
        """The categories have the focus (the base labels the keys)."""
        self.query_one("#flag-category", RadioSet).focus()

    def action_save(self) -> None:
        """Return the chosen category and the note."""
        pressed = self.query_one("#flag-category", RadioSet).pressed_button
        category = pressed.name if pressed is not None and pressed.name else FlagCategory.OTHER
        self.dismiss((category, self.query_one("#flag-note", Input).value))
