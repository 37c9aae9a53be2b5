"""One step of a review session: where the session is, then the question card of an item or the
flag to revisit.

On an item step the widget checks and records the answer the card submitted (a review of the
item's card, rated Hard when the learner looked at the lesson first); on a flag step
``FlagRevisit`` records it. Either way the screen hears ``ReviewStep.Answered``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from studytrack.domain.content.quiz import QuizItem
from studytrack.domain.progress.standing import SessionStep, days_until
from studytrack.i18n import Catalog
from studytrack.store.flags import Flag
from studytrack.store.settings import DaySettings
from studytrack.ui.widgets.flag_revisit import FlagRevisit
from studytrack.ui.widgets.question import QuestionCard, check_and_record
from studytrack.ui.widgets.session_summary import when_text
from studytrack.vocabulary import GRADED_OUTCOMES, FlagReviewOutcome

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.widgets.review_step")


class ReviewStep(Vertical):
    """The step shown: the progress line, then the item's card or the flag."""

    DEFAULT_CSS = """
    ReviewStep {
        height: auto;
    }
    """
    """As tall as its lines; the screen's body scrolls."""

    class Answered(Message):
        """The step's answer was checked and stored: how it went (a quiz outcome, or a
        ``FlagReviewOutcome``), in how many days an item comes back (None when graded nothing),
        and the log row undo can take back (None when nothing was logged)."""

        def __init__(self, step: ReviewStep, outcome: str, days: int | None, log_id: int | None) -> None:
            """``step`` was answered with ``outcome``."""
            super().__init__()
            self.step = step
            """The step answered."""
            self.outcome = outcome
            """The check's outcome, or how the flag's review ended."""
            self.days = days
            """In how many study days the item comes back, for a graded answer."""
            self.log_id = log_id
            """The review log row of a graded answer, or None."""

        @property
        def control(self) -> ReviewStep:
            """The step (what ``@on(..., selector)`` matches)."""
            return self.step

    def __init__(
        self,
        step: SessionStep,
        progress: tuple[int, int],
        subject: QuizItem | Flag,
        title: str,
        days: DaySettings,
        lang: str,
        *,
        shown_at: datetime | None,
        previous: QuestionCard | None,
    ) -> None:
        """``step``, number ``progress[0]`` of ``progress[1]``, asking quiz item or revisiting
        flag ``subject`` about the topic titled ``title``; ``previous``: the card shown before a
        language switch (kept when it asked the same item)."""
        super().__init__(id="review-step")
        self.step = step
        """The session step shown."""
        self.progress = progress
        """Its number and the number of steps."""
        self.days = days
        """The learner's day settings (when an item comes back, how old a flag is)."""
        self.lang = lang
        """The language of the texts."""
        self.shown_at = shown_at
        """When the step appeared (for the seconds an answer took)."""
        self.card = QuestionCard.for_item(subject, lang, previous) if isinstance(subject, QuizItem) else None
        """The item's card, or None on a flag step."""
        self.flag = None if isinstance(subject, QuizItem) else FlagRevisit(subject, title, days, lang, shown_at)
        """The flag to revisit, or None on an item step."""
        self.title = title
        """The step's topic title."""

    def compose(self) -> ComposeResult:
        """The progress line, then the card or the flag."""
        step, (number, count) = self.step, self.progress
        if step.kind == "review":
            kind = TEXT("kind_review", self.lang, percent=round((step.retrievability or 0) * 100))
        else:
            kind = TEXT(f"kind_{step.kind}", self.lang)
        yield Static(TEXT("step", self.lang, number=number, count=count, kind=kind, topic=self.title),
                     id="quiz-progress")
        if self.card is not None:
            yield self.card
        if self.flag is not None:
            yield self.flag

    def hint(self, last: bool) -> str:
        """What the keys do on this step (``last``: the session's last step)."""
        card = self.card
        if card is None:
            return TEXT("hint_flag", self.lang)
        if card.graded:
            return TEXT("hint_graded_last" if last else "hint_graded", self.lang)
        typing = card.item.type != "choice"  # while typing, o is a letter
        return card.hint() + ("" if self.step.kind != "new" or typing else TEXT("hint_new", self.lang))

    def graded_note(self, days: int | None) -> str:
        """The line under a graded answer: when the item comes back (in ``days``)."""
        return "" if days is None else TEXT("next_review", self.lang, when=when_text(days, self.lang))

    def check(self, hinted: bool) -> None:
        """Check the card's answer, record it as a review (``hinted``: the learner looked at the
        lesson first), show the result on the card and post ``Answered``."""
        card, app = self.card, cast("StudyApp", self.app)
        if card is None:
            return
        result, recorded = check_and_record(app, card.item, card.answer, self.shown_at, hinted=hinted)
        days = log_id = None
        if result.outcome in GRADED_OUTCOMES and recorded is not None:
            log_id = recorded.log_id
            if recorded.card is not None:
                days = days_until(recorded.card.due, app.session.now(), self.days.tz, self.days.rollover_hour)
        card.note = self.graded_note(days)
        card.result = result
        self.post_message(self.Answered(self, result.outcome, days, log_id))

    @on(FlagRevisit.Reviewed)
    def flag_reviewed(self, event: FlagRevisit.Reviewed) -> None:
        """The flag's answer is stored: tell the screen."""
        event.stop()
        review = event.review
        outcome = FlagReviewOutcome.STILL_CONFUSED if review.still_confused else FlagReviewOutcome.RESOLVED
        self.post_message(self.Answered(self, outcome, None, review.log_id))
