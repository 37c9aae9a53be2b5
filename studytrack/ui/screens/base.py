"""What every studytrack screen shares: texts in the app's language, relabelled live; topic titles,
flagging a topic and opening a practice quiz."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from studytrack.i18n import Catalog
from studytrack.ui.keys import translate_bindings

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.screens.base")


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

    def topic_title(self, topic_id: str) -> str:
        """A topic's title in the current language (its id when the course lacks it)."""
        topic = self.app.course().topic(topic_id)
        return topic.title.get(self.lang) if topic else topic_id

    def refresh_data(self) -> None:
        """Read again what another process may have changed (ctrl+r, coming back to the app)."""

    def open_practice(self, topics: list[str]) -> None:
        """A practice quiz on ``topics`` (answers recorded, the review schedule unmoved), titled
        with the first two."""
        titles = ", ".join(self.topic_title(topic) for topic in topics[:2])
        if len(topics) > 2:
            titles += " …"
        self.app.open_quiz(list(topics), title=TEXT("practise_title", self.lang, topics=titles),
                           practice=True)

    def flag_topic(self, topic_id: str, title: str) -> None:
        """Ask for a category and a note (the flag dialog), then flag ``topic_id``, shown as
        ``title``."""
        from studytrack.ui.dialogs.flag import FlagDialog

        self.app.push_screen(FlagDialog(title), lambda answer: self.save_flag(topic_id, title, answer))

    def save_flag(self, topic_id: str, title: str, answer: tuple[str, str] | None) -> None:
        """Store the flag the dialog returned (nothing when the learner cancelled)."""
        if answer is None:
            return
        from studytrack.store.flags import add_flag
        from studytrack.ui.dialogs.flag import TEXT as FLAG_TEXT

        category, note = answer
        app = self.app
        with app.reporting_errors():
            add_flag(app.db(), topic_id, category, note, app.session.now(), self.lang)
            self.notify(FLAG_TEXT("flagged", self.lang, title=title))
