"""The daily check-in on the review screen: how are you today, and what each answer means today.

Each answer is a clickable key (``screen.checkin('good')``); the screen binds 1, 2 and 3 to the
same action, so the learner answers with the keyboard or the mouse. Home asks the same question
in one line and says what the answer means with ``condition_summary``.
"""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from studytrack.i18n import Catalog
from studytrack.ui.widgets.blank import Column, Row
from studytrack.vocabulary import Condition

TEXT = Catalog("ui.widgets.checkin")

CONDITIONS = tuple(Condition)
"""The check-in's answers, in the order of their keys 1, 2, 3."""


def minutes_text(minutes: float) -> str:
    """Minutes as a person reads them: whole, rounded up, at least 1."""
    return str(max(1, math.ceil(round(minutes, 2))))


def condition_summary(condition: str, daily_minutes: float, lang: str) -> str:
    """What a ``condition`` day holds, in the planner's own terms (``studytrack.domain.planning.today``):
    good → reviews and flags, then new material, within the daily budget; okay → reviews and
    flags only; low → at most ``LOW_MINUTES``, the most forgotten items and one flag."""
    # Deferred: the planner module costs ~15 ms to import; Home loads it after the first frame.
    from studytrack.domain.planning.today import budget_minutes  # noqa: PLC0415

    minutes = minutes_text(budget_minutes(condition, daily_minutes))
    return TEXT(f"plan_{condition}", lang, minutes=minutes)



def checkin_key(condition: str, label: str) -> Content:
    """``label`` as a clickable answer that checks the learner in as ``condition`` (Home's line
    and the review's check-in step both offer them)."""
    return Content.from_markup(f"[@click=screen.checkin('{condition}')]$label[/]", label=label)


def how_are_you(lang: str) -> str:
    """The check-in question, in ``lang``."""
    return TEXT("how_are_you", lang)

class CheckInPanel(Column):
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
        yield Static(how_are_you(self.lang), id="checkin-question")
        yield Static(TEXT("checkin_why", self.lang), classes="review-muted")
        for number, condition in enumerate(CONDITIONS, start=1):
            key = checkin_key(condition, f" {number} ").stylize("bold on $panel")
            meaning = condition_summary(condition, self.daily_minutes, self.lang)
            yield Row(Static(key, classes="checkin-key"),
                             Static(meaning, id=f"checkin-{condition}", classes="checkin-meaning"),
                             classes="checkin-choice")
        yield Static(TEXT("checkin_honest", self.lang), classes="review-muted")
