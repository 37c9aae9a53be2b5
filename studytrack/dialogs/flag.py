"""The "I didn't get this" dialog: a category and an optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from studytrack.i18n import Catalog
from studytrack.screens.keys import translate_bindings
from studytrack.store.migrations import FLAG_CATEGORIES

TEXT = Catalog(
    "dialogs.flag",
    {
        "title": {"en": "Flag “{what}”", "ko": "“{what}” 표시하기"},
        "category": {"en": "What kind of confusion is it?", "ko": "어떤 종류의 어려움인가요?"},
        "prerequisite": {"en": "A prerequisite I'm missing", "ko": "선수 지식이 부족해요"},
        "notation": {"en": "The notation", "ko": "표기법이 헷갈려요"},
        "intuition": {"en": "The intuition", "ko": "직관적으로 와닿지 않아요"},
        "math": {"en": "The math", "ko": "수식/계산이 어려워요"},
        "other": {"en": "Something else", "ko": "기타"},
        "note": {
            "en": "What exactly is confusing? (optional)",
            "ko": "정확히 어떤 부분이 헷갈리나요? (선택)",
        },
        "save": {"en": "Flag it", "ko": "표시하기"},
        "cancel": {"en": "Cancel", "ko": "취소"},
    },
)


class FlagDialog(ModalScreen[tuple[str, str] | None]):
    """Asks what kind of confusion it is; returns ``(category, note)`` or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

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
                for number, category in enumerate(FLAG_CATEGORIES):
                    yield RadioButton(TEXT(category, lang), value=number == 0, name=category)
            yield Input(placeholder=TEXT("note", lang), id="flag-note", max_length=2000)
            with Horizontal(id="flag-buttons", classes="dialog-buttons"):
                yield Button(TEXT("cancel", lang), id="flag-cancel")
                yield Button(TEXT("save", lang), variant="primary", id="flag-save")

    def on_mount(self) -> None:
        """Label the keys; the categories have the focus."""
        translate_bindings(self, self.app.lang)
        self.query_one("#flag-category", RadioSet).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Flag it or Cancel."""
        event.stop()
        if event.button.id == "flag-save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the note flags it."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Return the chosen category and the note."""
        pressed = self.query_one("#flag-category", RadioSet).pressed_button
        category = pressed.name if pressed is not None and pressed.name else "other"
        self.dismiss((category, self.query_one("#flag-note", Input).value))

    def action_cancel(self) -> None:
        """Close without flagging."""
        self.dismiss(None)
