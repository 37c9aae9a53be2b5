"""A gentle word when today's review session holds nothing: a planned break, today's share
already done, or nothing due; practice is still there for whoever wants it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from studytrack.domain.planning.today import TEXT as TODAY_TEXT
from studytrack.domain.planning.today import TodayPlan
from studytrack.i18n import Catalog
from studytrack.ui.widgets.blank import Column

TEXT = Catalog("ui.widgets.empty_day")


class EmptyDayPanel(Column):
    """Why today holds nothing, and a word that fits the learner's condition."""

    DEFAULT_CSS = """
    EmptyDayPanel {
        height: auto;
    }
    """
    """As tall as its lines; the screen's body scrolls."""

    def __init__(self, plan: TodayPlan, lang: str) -> None:
        """The word for an empty ``plan``, in ``lang``."""
        super().__init__(id="empty-day")
        self.plan = plan
        """Today's (empty) plan: a break, or nothing left."""
        self.lang = lang
        """The language of the texts."""

    def compose(self) -> ComposeResult:
        """The reason and the word for the day, then that practice is still there."""
        plan, lang = self.plan, self.lang
        if plan.break_until is not None:
            message = TODAY_TEXT("break", lang, end=plan.break_until.isoformat())
        else:
            message = f"{plan.note().text(lang)} {TEXT(f'empty_{plan.condition}', lang)}"
        yield Static(message, id="review-empty")
        yield Static(TEXT("empty_practise", lang), classes="review-muted")
