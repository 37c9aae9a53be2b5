"""The end of a review session: what was answered, the flags, when these come back, and a
closing line that fits the day (``studytrack.domain.progress.standing.SessionSummary``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from studytrack.domain.progress.standing import SessionSummary
from studytrack.i18n import Catalog
from studytrack.ui.widgets.blank import Column

TEXT = Catalog("ui.widgets.session_summary")


def when_text(days: int, lang: str) -> str:
    """``days`` from today as a person says it: today, tomorrow, in 3 days."""
    if days <= 0:
        return TEXT("today", lang)
    return TEXT("tomorrow", lang) if days == 1 else TEXT("in_days", lang, days=days)


class SessionSummaryPanel(Column):
    """What today's session came to, and a kind word for the day's condition."""

    DEFAULT_CSS = """
    SessionSummaryPanel {
        height: auto;
    }
    """
    """As tall as its lines; the screen's body scrolls."""

    def __init__(self, summary: SessionSummary, condition: str, lang: str) -> None:
        """The summary of a session on a ``condition`` day, in ``lang``."""
        super().__init__(id="summary")
        self.summary = summary
        """What the session came to."""
        self.condition = condition
        """Today's check-in (the closing line fits it)."""
        self.lang = lang
        """The language of the texts."""

    def compose(self) -> ComposeResult:
        """The answers, the flags, when these come back, the closing line and the keys."""
        summary, lang = self.summary, self.lang
        yield Static(TEXT("summary_title", lang), id="summary-title")
        yield Static(self.answers_line(), id="summary-answers")
        if summary.resolved or summary.still_confused:
            key = "summary_flags"
            if not summary.still_confused:
                key = "summary_flags_resolved"
            elif not summary.resolved:
                key = "summary_flags_open"
            yield Static(TEXT(key, lang, resolved=summary.resolved, confused=summary.still_confused),
                         id="summary-flags")
        if summary.coming_back:
            parts = [TEXT("coming_back_part", lang, when=when_text(days, lang), count=count)
                     for days, count in summary.coming_back]
            yield Static(TEXT("coming_back", lang, when=" · ".join(parts)), id="summary-coming-back")
        yield Static(TEXT(f"closing_{self.condition}", lang), id="summary-closing")
        yield Static(TEXT("after_summary", lang), classes="review-muted")

    def answers_line(self) -> str:
        """How many were answered, right and not yet, how many new, and how many skipped."""
        summary, lang = self.summary, self.lang
        if summary.answered:
            line = TEXT("summary_answered", lang, answered=summary.answered, right=summary.right,
                        wrong=summary.wrong)
            if summary.new:
                line += " " + TEXT("summary_new", lang, count=summary.new)
        else:
            line = TEXT("summary_nothing", lang)
        if summary.skipped:
            line += " " + TEXT("summary_skipped", lang, count=summary.skipped)
        return line
