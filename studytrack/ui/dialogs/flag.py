"""The "I didn't get this" dialog: a category and an optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from studytrack.ui.dialogs.save_cancel import SaveCancelDialog
from studytrack.i18n import Catalog
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
        "flagged": {
            "en": "Flagged “{title}”. It waits in your flags until you resolve it.",
            "ko": "“{title}”을(를) 표시했어요. 해결할 때까지 플래그 목록에서 기다려요.",
        },
    },
)


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
                for number, category in enumerate(FLAG_CATEGORIES):
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
        category = pressed.name if pressed is not None and pressed.name else "other"
        self.dismiss((category, self.query_one("#flag-note", Input).value))
