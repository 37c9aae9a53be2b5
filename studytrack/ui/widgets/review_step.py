"""One step of a review session: where the session is, then the question card of an item or the
flag to revisit.

On an item step the widget checks and records the answer the card submitted (a review of the
item's card, rated Hard when the learner looked at the lesson first) and hands the screen how it
went; on a flag step ``FlagRevisit`` records it and the screen hears ``ReviewStep.Answered``. The step keeps
what belongs to it (when it appeared, whether the lesson was looked at), so a language switch draws
it again as it was and an undone answer asks its item afresh on the same card.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static

from studytrack.domain.content.quiz import QuizItem, QuizResult
from studytrack.domain.progress.standing import SessionStep, days_until
from studytrack.i18n import Catalog
from studytrack.store.answers import AnswerOutlook
from studytrack.store.flags import Flag
from studytrack.store.settings import DaySettings
from studytrack.ui.widgets.flag_revisit import FlagRevisit
from studytrack.ui.widgets.one_layout import Settled
from studytrack.ui.widgets.question import QuestionCard, check_and_record
from studytrack.ui.widgets.session_summary import when_text
from studytrack.vocabulary import GRADED_OUTCOMES, FlagReviewOutcome

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.widgets.review_step")


class ReviewStep(Settled):
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
        now: datetime,
        previous: ReviewStep | None,
        outlook: AnswerOutlook | None = None,
    ) -> None:
        """``step``, number ``progress[0]`` of ``progress[1]``, asking quiz item or revisiting
        flag ``subject`` about the topic titled ``title``, shown from ``now``; ``previous``: the
        step drawn before (a language switch draws the same step again: its card, clock and
        look at the lesson are kept); ``outlook``: what a review of the item starts from (the
        card then draws each answer's feedback ahead, when the item would come back included)."""
        super().__init__(id="review-step")
        same = previous if previous is not None and previous.step is step else None
        self.step: SessionStep = step
        """The session step shown."""
        self.progress = progress
        """Its number and the number of steps."""
        self.days = days
        """The learner's day settings (when an item comes back, how old a flag is)."""
        self.lang = lang
        """The language of the texts."""
        self.shown_at: datetime = same.shown_at if same else now
        """When the step appeared (for the seconds an answer took)."""
        self.peeked: bool = same.peeked if same else False
        """Whether the learner looked at the lesson before answering (a right answer is then Hard)."""
        previous_card = same.card if same else None
        self.card: QuestionCard | None = (QuestionCard.for_item(subject, lang, previous_card)
                                          if isinstance(subject, QuizItem) else None)
        """The item's card, or None on a flag step."""
        self.outlook = outlook
        """What a review of the item starts from, read with the session (None: not foreseen)."""
        if self.card is not None and outlook is not None:
            self.card.note_ahead = self.foreseen_note
        self.flag = None if isinstance(subject, QuizItem) else FlagRevisit(subject, title, days, lang, self.shown_at)
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

    def days_to(self, due: datetime, now: datetime) -> int:
        """In how many of the learner's study days ``due`` comes, seen from ``now``."""
        return days_until(due, now, self.days.tz, self.days.rollover_hour)

    def foreseen_note(self, result: QuizResult) -> str:
        """The note ``result`` would bring if the answer came now (when the item comes back,
        scheduled from the card read with the session); "" when it would grade nothing."""
        # Deferred: fsrs costs ~40 ms to import, and the worker that read the outlook has
        # imported it already; a step without an outlook, or a flag step, never needs it.
        from studytrack.domain.planning.schedule import rating_for, review  # noqa: PLC0415

        rating, outlook, card = rating_for(result.outcome, self.peeked), self.outlook, self.card
        if rating is None or outlook is None or card is None:
            return ""
        item, now = card.item, cast("StudyApp", self.app).session.now()
        after = review(outlook.cards.get(item.id), item.id, rating, now, outlook.retention, outlook.parameters)
        return self.graded_note(self.days_to(after.due, now))

    def peek(self) -> bool:
        """The learner opens the lesson before answering: True the first time on an unanswered
        item, whose right answer then counts as one given with a hint."""
        if self.card is None or self.card.graded or self.peeked:
            return False
        self.peeked = True
        return True

    def ask_again(self, now: datetime) -> None:
        """The item's answer was taken back: ask it afresh on the same card, from ``now``."""
        self.shown_at, self.peeked = now, False
        if self.card is not None:
            self.card.ask_again()

    def check(self) -> ReviewStep.Answered | None:
        """Check the card's answer, record it as a review (with a hint when the learner looked at
        the lesson first) and show the result on the card; returns how it went (None on a flag
        step). The screen that asked takes the answer in at once rather than as a posted message,
        so the card, the hint and the footer's keys change in one frame."""
        card, app = self.card, cast("StudyApp", self.app)
        if card is None:
            return None
        result, recorded = check_and_record(app, card.item, card.answer, self.shown_at, hinted=self.peeked)
        days = log_id = None
        if result.outcome in GRADED_OUTCOMES and recorded is not None:
            log_id = recorded.log_id
            if recorded.card is not None:
                days = self.days_to(recorded.card.due, app.session.now())
        card.show_result(result, self.graded_note(days))
        return self.Answered(self, result.outcome, days, log_id)

    @on(FlagRevisit.Reviewed)
    def flag_reviewed(self, event: FlagRevisit.Reviewed) -> None:
        """The flag's answer is stored: tell the screen."""
        event.stop()
        review = event.review
        outcome = FlagReviewOutcome.STILL_CONFUSED if review.still_confused else FlagReviewOutcome.RESOLVED
        self.post_message(self.Answered(self, outcome, None, review.log_id))
