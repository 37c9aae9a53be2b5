"""What every studytrack screen shares: its texts in the app's language, relabelled live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from studytrack.i18n import Catalog
from studytrack.screens.keys import translate_bindings

if TYPE_CHECKING:
    from studytrack.app import StudyApp


class StudyScreen(Screen):
    """A screen that speaks the app's language and can be redrawn in the other one.

    A screen keeps what it shows in its own attributes: ``compose`` builds the widgets with the
    texts of the current language and ``show_state`` fills them from those attributes, so a
    language switch is a recompose followed by ``show_state``.
    """

    TEXT: Catalog | None = None
    """The screen's own texts."""

    app: StudyApp

    @property
    def lang(self) -> str:
        """The language the app speaks now."""
        return self.app.lang

    def t(self, key: str, **fields: object) -> str:
        """The screen's text ``key`` in the current language."""
        assert self.TEXT is not None
        return self.TEXT(key, self.lang, **fields)

    def on_mount(self) -> None:
        """Label the keys in the app's language before the footer first shows them."""
        translate_bindings(self, self.lang)

    async def change_language(self) -> None:
        """Redraw every text in the app's (new) language, keeping what the screen shows."""
        focused = self.focused.id if self.focused is not None else None
        translate_bindings(self, self.lang)
        await self.recompose()
        self.show_state()
        if focused and self.query(f"#{focused}"):
            self.query_one(f"#{focused}").focus()
        self.refresh_bindings()

    def show_state(self) -> None:
        """Fill the widgets from the screen's attributes (after compose or a language switch)."""

    def refresh_data(self) -> None:
        """Read again what another process may have changed (ctrl+r, coming back to the app)."""
