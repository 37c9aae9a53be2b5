"""What the review screen reads off the UI thread: today's plan, the open flags, the learner's
day settings, the session's steps with what each asks and what reviews of its items start from,
in one worker
(``StudyScreen.load_in_worker``); and the screen's helpers: the header's subtitle and taking an
answer back (``base.layouts_posted``, shared with the exercise screen, lays a key's change out in
its first frame)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from studytrack.domain.content.quiz import QuizItem
from studytrack.domain.planning.today import TodayPlan
from studytrack.domain.progress.standing import SessionStep, session_steps
from studytrack.store.answers import AnswerOutlook, answer_outlook
from studytrack.store.flags import Flag, list_flags
from studytrack.store.plan import plan_today
from studytrack.store.settings import DaySettings, day_settings
from studytrack.store.undo import UndoneReview, undo_review
from studytrack.ui.widgets.checkin import minutes_text

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp
    from studytrack.ui.screens.review import ReviewScreen


class Today(NamedTuple):
    """Today's session as planned, with what its steps need to be shown."""

    plan: TodayPlan
    flags: dict[int, Flag]
    """The open flags by id, for the flag steps."""
    days: DaySettings
    """The learner's day settings (zone, rollover hour): when items come back, how old flags are."""
    steps: list[SessionStep]
    """The session's steps (``session_steps``), items the course no longer has left out."""
    subjects: list[QuizItem | Flag]
    """What each step asks: its quiz item or its flag."""
    outlook: AnswerOutlook
    """The cards of the items asked and the scheduler's settings: each answer's feedback is
    foreseen from them, and drawn while the question is read."""


def read_today(app: StudyApp) -> Today:
    """Today's plan, the open flags, the day settings and the outlook of the items asked of
    ``app``'s learner (run it in a worker: it queries the database and imports fsrs)."""
    db, course = app.db(), app.course()
    flags = {flag.id: flag for flag in list_flags(db)}
    plan = plan_today(db, course, app.session.now())
    steps: list[SessionStep] = []
    subjects: list[QuizItem | Flag] = []
    for step in session_steps(plan, {flag_id: flag.topic_id for flag_id, flag in flags.items()}):
        subject = course.quiz_item(step.item_id) if step.item_id is not None else flags.get(step.flag_id or 0)
        if subject is not None:
            steps.append(step)
            subjects.append(subject)
    outlook = answer_outlook(db, [subject.id for subject in subjects if isinstance(subject, QuizItem)])
    return Today(plan, flags, day_settings(db), steps, subjects, outlook)


def take_back(screen: ReviewScreen, log_id: int) -> UndoneReview | None:
    """Undo review-log row ``log_id`` of ``screen``'s session while it is still the latest in the
    log (a practice answer or the command line may have logged one since: then say so)."""
    app = screen.app
    with app.reporting_errors():
        undone = undo_review(app.db(), log_id)
        if undone == "changed":
            screen.notify(screen.t("not_latest"), severity="warning")
            return None
        return undone
    return None


def subtitle(plan: TodayPlan | None, checking_in: bool, t: Callable[..., str]) -> str:
    """The header's second line, worded by the screen's ``t``: the day's condition and the
    session's minutes once ``plan`` is read (nothing while ``checking_in`` or on a break). The
    screen sets it once per change: each change of a title redraws the header."""
    if plan is None or checking_in or plan.break_until is not None:
        return ""
    condition = t(plan.condition)
    if plan.is_empty:
        return t("subtitle_day", condition=condition)
    return t("subtitle", condition=condition, minutes=minutes_text(plan.estimated_minutes))
