"""The Textual app: wiring only. Every rule lives in the domain, the store and the engine.

``make_app`` is the one factory that builds the app, for the command line and for the tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from studytrack.i18n import Catalog

if TYPE_CHECKING:
    from studytrack.cli import Session

TEXT = Catalog(
    "app",
    {
        "quit": {"en": "Quit", "ko": "종료"},
        "refresh": {"en": "Refresh", "ko": "새로 고침"},
    },
)


class StudyApp(App):
    """studytrack's terminal app: home, lessons and flags over one shared session."""

    CSS_PATH = "studytrack.tcss"
    TITLE = "studytrack"

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("ctrl+r", "refresh", "Refresh", show=False),
    ]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        """Where the data and the course are, the language and the clock."""
        self.lang = session.lang
        """The language every screen speaks."""

    def on_mount(self) -> None:
        from studytrack.screens.home import HomeScreen

        self.push_screen(HomeScreen())

    def t(self, catalog: Catalog, key: str, **fields: object) -> str:
        """A text of ``catalog`` in the app's language."""
        return catalog(key, self.lang, **fields)

    def show_error(self, message: str) -> None:
        """Replace the screens with a clear message (a database or course problem)."""
        from studytrack.screens.error import ErrorScreen

        self.push_screen(ErrorScreen(message))

    def action_refresh(self) -> None:
        """Reload what another process may have changed (flags made with the command line)."""
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh is not None:
            refresh()

    def on_app_focus(self) -> None:
        """Coming back to the terminal shows changes made meanwhile by ``studytrack flag``."""
        self.action_refresh()


def make_app(session: Session) -> StudyApp:
    """The app for ``session`` (database path, course folder, language, clock)."""
    return StudyApp(session)


def run_app(session: Session) -> None:
    """Open the app in the terminal until the learner quits."""
    make_app(session).run()
