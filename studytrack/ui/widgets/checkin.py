"""The daily check-in on the review screen: how are you today, and what each answer means today.

Each answer is a clickable key (``screen.checkin('good')``); the screen binds 1, 2 and 3 to the
same action, so the learner answers with the keyboard or the mouse.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from studytrack.i18n import Catalog
from studytrack.ui.screens.home import CONDITIONS, condition_summary

TEXT = Catalog("ui.widgets.checkin")


class CheckInPanel(Vertical):
    """The check-in question, the three answers with what each means for today's time budget,
    and a word on honesty."""

    DEFAULT_CSS = """
    CheckInPanel {
        height: auto;
    }
    """
    """As tall as its lines; the screen's body scrolls."""

    def __init__(self, daily_minutes: float, lang: str) -> None:
        """The check-in for a learner who studies ``daily_minutes`` a day, in ``lang``."""
        super().__init__(id="checkin")
        self.daily_minutes = daily_minutes
        """The learner's daily time budget (a low day is shorter)."""
        self.lang = lang
        """The language of the panel's texts."""

    def compose(self) -> ComposeResult:
        """The question, why it is asked, the three answers, and a word on honesty."""
        yield Static(TEXT("how_are_you", self.lang), id="checkin-question")
        yield Static(TEXT("checkin_why", self.lang), classes="review-muted")
        for number, condition in enumerate(CONDITIONS, start=1):
            key = Content.from_markup(
                f"[@click=screen.checkin('{condition}')]$label[/]", label=f" {number} "
            ).stylize("bold on $panel")
            meaning = condition_summary(condition, self.daily_minutes, self.lang)
            yield Horizontal(Static(key, classes="checkin-key"),
                             Static(meaning, id=f"checkin-{condition}", classes="checkin-meaning"),
                             classes="checkin-choice")
        yield Static(TEXT("checkin_honest", self.lang), classes="review-muted")
