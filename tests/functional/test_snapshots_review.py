"""SVG snapshots of the review session, the stats screen and Home's plan for today, at 80×24 on a
temporary database and the fixed clock.

Update them with ``pytest tests/functional/test_snapshots_review.py --snapshot-update`` and look
at the report before committing.
"""

from datetime import timedelta

import pytest
from snapshot_steps import loaded, then

from studytrack.clock import fixed_clock
from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.database import open_database
from studytrack.store.flags import add_flag, resolve_flag
from studytrack.store.journal import check_in, rate_lesson, set_goal
from studytrack.store.learner import Learner
from studytrack.ui.app import make_app


def answer(db, course, item_id: str, right: bool, when) -> None:
    """Answer a choice item right (its answer) or wrong (another choice) at ``when``."""
    item = course.quiz_item(item_id)
    given = item.answer if right else item.answer % len(item.choices) + 1
    record_answer(db, item, check_quiz_answer(item, str(given)), when)


@pytest.fixture
def reviewer(session):
    """A learner with two items due (one answered wrong five days ago), two open flags, a goal
    and a rated lesson, who has not checked in today."""
    course = load_course(bundled_content_dir())
    db = open_database(session.db_path)
    now = session.now()
    learner = Learner(db, fixed_clock(now))
    answer(db, course, "long-view-ten-months", False, now - timedelta(days=5))
    answer(db, course, "condition-exhausted-today", True, now - timedelta(days=5))
    add_flag(learner.at(now - timedelta(days=9)), "loss.notation", "notation", "why is x a constant here?")
    add_flag(learner.at(now - timedelta(days=2)), "gd.learning-rate", "intuition", "what does too large look like?")
    set_goal(learner.at(now - timedelta(days=20)), "ship a small image classifier that my team actually uses")
    rate_lesson(learner.at(now - timedelta(days=6)), "how-to-study", "just_right")
    db.close()
    return session


def checked_in(session, condition: str):
    """``session`` with today's check-in ``condition``."""
    db = open_database(session.db_path)
    check_in(Learner(db, session.clock), session.now().date(), condition)
    db.close()
    return session


@pytest.fixture
def history(session):
    """Three weeks of answers and flags: mastery, retention, a forecast and flags over time."""
    course = load_course(bundled_content_dir())
    db = open_database(session.db_path)
    now = session.now()
    learner = Learner(db, fixed_clock(now))
    choices = [item.id for item in course.quiz_items if item.type == "choice"][:16]
    for number, item_id in enumerate(choices):
        for days_ago in (21, 8, 2)[: 1 + number % 3]:
            answer(db, course, item_id, (number + days_ago) % 5 != 0, now - timedelta(days=days_ago, hours=number))
    add_flag(learner.at(now - timedelta(days=30)), "loss.notation", "notation", "why is x a constant here?")
    resolved = add_flag(learner.at(now - timedelta(days=20)), "gd.idea", "math", "")
    resolve_flag(learner.at(now - timedelta(days=10)), resolved.id, "the hill picture")
    add_flag(learner.at(now - timedelta(days=2)), "opt.saddle", "math", "")
    db.close()
    return session


# ── review ──────────────────────────────────────────────────────────────────────────────


def test_review_check_in(snap_compare, reviewer):
    """No check-in yet: how are you, and what each answer means for today."""
    assert snap_compare(make_app(reviewer, initial_screen="review"), run_before=then())


def test_review_item(snap_compare, reviewer):
    """After an okay check-in: the most forgotten item first, with its recall."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    assert snap_compare(app, run_before=then())


def test_review_wrong_answer(snap_compare, reviewer):
    """A wrong answer: the explanation, and when the item comes back (tomorrow)."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    assert snap_compare(app, press=["2", "enter"], run_before=then())


def test_review_flag(snap_compare, reviewer):
    """A flag to revisit: its note, the question, and the lesson section again."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    keys = ["2", "enter", "enter", "4", "enter", "enter"]
    assert snap_compare(app, press=keys, run_before=then())


async def test_moving_on_from_a_scrolled_card_leaves_no_old_thumb(reviewer):
    """The card before the flag was scrolled to its explanation: the flag step starts at the top
    and its scrollbar's thumb says so (the body's scrollbar, hidden for a moment while the step is
    swapped, kept the old card's position when the body was scrolled home after the swap)."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "enter", "enter", "4", "enter", "enter")
        await loaded(pilot)
        body = app.screen.query_one("#review-body")
        assert app.screen.query("#flag-note") and body.max_scroll_y > 0
        assert body.scroll_y == 0 and body.vertical_scrollbar.position == 0


def test_review_summary(snap_compare, reviewer):
    """The end of an okay day's session: answers, flags, when these come back, a kind word."""
    app = make_app(checked_in(reviewer, "okay"), initial_screen="review")
    keys = ["2", "enter", "enter", "4", "enter", "enter", "1", "1"]
    assert snap_compare(app, press=keys, run_before=then())


def test_review_low_day_summary_korean(snap_compare, reviewer):
    """A low day in Korean: a short session, and "that's enough for today, rest well"."""
    reviewer.lang = "ko"
    app = make_app(checked_in(reviewer, "low"), initial_screen="review")
    keys = ["2", "enter", "enter", "4", "enter", "enter", "1"]
    assert snap_compare(app, press=keys, run_before=then())


def test_review_nothing_due(snap_compare, session):
    """Nothing due on an okay day: a gentle word, and practice if you like."""
    app = make_app(checked_in(session, "okay"), initial_screen="review")
    assert snap_compare(app, run_before=then())


# ── stats ───────────────────────────────────────────────────────────────────────────────


def test_stats_top(snap_compare, history):
    """What to look at next, and mastery per topic grouped by lesson, open flags marked."""
    assert snap_compare(make_app(history, initial_screen="stats"), run_before=then())


def test_stats_calendar_and_retention(snap_compare, history):
    """The days studied beside true retention in plain words."""

    def scroll(app) -> None:
        """Bring the calendar and retention row to the top."""
        app.screen.query_one("#stats-body").scroll_to_widget(
            app.screen.query_one("#stats-row"), animate=False, top=True)

    assert snap_compare(make_app(history, initial_screen="stats"), run_before=then(scroll))


def test_stats_forecast_and_flags(snap_compare, history):
    """The next 14 days' reviews as a chart, and flags over time."""

    def scroll(app) -> None:
        """Bring the forecast to the top."""
        app.screen.query_one("#stats-body").scroll_to_widget(
            app.screen.query_one("#forecast-panel"), animate=False, top=True)

    assert snap_compare(make_app(history, initial_screen="stats"), run_before=then(scroll))


# ── home ────────────────────────────────────────────────────────────────────────────────


def test_home_with_todays_plan(snap_compare, reviewer):
    """Home on a good day: what the condition means and what today holds."""
    assert snap_compare(make_app(checked_in(reviewer, "good")), run_before=then())
