"""Home: the check-in, today's plan, the next lesson, what to practise, the goal and the calendar."""

import gc
from datetime import timedelta

from textual.widgets import OptionList, Static

import studytrack.ui.app as app_module
import studytrack.ui.home_data as home_data_module
import studytrack.ui.screens.home as home_module
from studytrack.errors import StudytrackError
from studytrack.store.breaks import plan_break, upcoming_breaks
from studytrack.store.database import open_database
from studytrack.store.flags import add_flag
from studytrack.store.journal import check_in, rate_lesson, set_goal
from studytrack.store.learner import Learner
from studytrack.store.quiz_attempts import record_quiz_attempt
from studytrack.ui.app import make_app
from studytrack.ui.widgets.calendar import ConsistencyCalendar


def text_of(app, selector: str) -> str:
    """The text a Static shows."""
    return str(app.screen.query_one(selector, Static).render())


async def test_checking_in_stores_the_day_and_changes_the_plan(session, settle):
    """Pressing 2 stores an okay check-in for today and says what an okay day holds."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "Check in first" in text_of(app, "#plan")
        await pilot.press("2")
        await settle(app, pilot)
        assert "Nothing new today" in text_of(app, "#plan")
        row = app.screen.query_one("#checkin-row", Static).content
        chosen = [row.plain[span.start:span.end] for span in row.spans if "$primary" in str(span.style)]
        assert chosen == [" 2 Okay "]
        await pilot.press("3")
        await settle(app, pilot)
        assert "at most 5 minutes" in text_of(app, "#plan")
    rows = open_database(session.db_path).execute("SELECT day, condition FROM checkins").fetchall()
    assert rows == [("2026-11-28", "okay"), ("2026-11-28", "low")]


async def test_clicking_an_answer_checks_in_too(session, settle):
    """Clicking “1 Good” is the same as pressing 1."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        row = app.screen.query_one("#checkin-row", Static)
        await pilot.click(row, offset=(1 + row.content.plain.index("1 Good") + 2, 0))
        await settle(app, pilot)
        assert "then new material, within your 20 minutes" in text_of(app, "#plan")
    rows = open_database(session.db_path).execute("SELECT condition FROM checkins").fetchall()
    assert rows == [("good",)]


async def test_home_says_what_today_holds_as_studytrack_due_does(session, run_cli, settle):
    """The plan line counts today's reviews, flags and new items from the planner (what today
    holds, not the backlog), and each condition is described as the planner sizes it."""
    import json

    db = open_database(session.db_path)
    add_flag(Learner(db, session.clock).at(session.now() - timedelta(days=1)), "gd.idea", "intuition", "")
    db.close()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert text_of(app, "#plan").splitlines()[1] == "Today: 1 flag · about 2 min · R starts"
        await pilot.press("1")
        await settle(app, pilot)
        due = json.loads(run_cli("due", "--json").stdout)
        assert (len(due["items"]), len(due["flags"]), len(due["new"])) == (0, 1, 10)
        assert text_of(app, "#plan").splitlines()[1] == "Today: 1 flag · 10 new · about 7 min · R starts"
        await pilot.press("2")
        await settle(app, pilot)
        assert text_of(app, "#plan").splitlines() == [
            "Okay day: reviews and flags only, within your 20 minutes. Nothing new today.",
            "Today: 1 flag · about 2 min · R starts",
        ]
        await pilot.press("3")
        await settle(app, pilot)
        assert text_of(app, "#plan").startswith(
            "Low day: at most 5 minutes: the most forgotten items, one flag, nothing new."
        )


async def test_home_and_the_planner_share_one_study_day(session, settle):
    """At 02:00, before the rollover, Home's check-in and today's plan are both the day before."""
    from datetime import UTC, datetime

    from studytrack.clock import fixed_clock

    session.clock = fixed_clock(datetime(2026, 11, 28, 2, 0, tzinfo=UTC))
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        overview = app.screen.data.overview
        assert overview.day == overview.plan.day == datetime(2026, 11, 27).date()
        assert overview.plan.checked_in and overview.plan.condition == "okay"


async def test_a_check_in_before_the_rollover_counts_for_the_day_before(session, settle):
    """At 02:00 (before the 04:00 rollover) the check-in belongs to the previous study day."""
    from datetime import UTC, datetime

    from studytrack.clock import fixed_clock

    session.clock = fixed_clock(datetime(2026, 11, 28, 2, 0, tzinfo=UTC))
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("1")
        await settle(app, pilot)
    rows = open_database(session.db_path).execute("SELECT day FROM checkins").fetchall()
    assert rows == [("2026-11-27",)]


async def test_setting_the_goal_shows_it_with_its_date(session, settle):
    """g opens the goal dialog; the saved goal is stored and shown with the day it was set."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "Press g to write it down" in text_of(app, "#goal-text")
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "GoalDialog"
        await pilot.press(*"ship a demo", "enter")
        await settle(app, pilot)
        assert text_of(app, "#goal-text") == "ship a demo"
        assert "2026-11-28" in text_of(app, "#goal-date")
    rows = open_database(session.db_path).execute("SELECT text FROM goals").fetchall()
    assert rows == [("ship a demo",)]


async def test_an_empty_goal_is_not_saved(session, settle):
    """Saving an empty goal keeps the dialog open and stores nothing."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("g", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "GoalDialog"
        await pilot.press("escape")
        await pilot.pause()
    assert open_database(session.db_path).execute("SELECT COUNT(*) FROM goals").fetchone() == (0,)


async def test_the_goal_dialog_edits_the_current_goal(session, settle):
    """The dialog starts with the current goal; the home screen shows the latest one."""
    set_goal(Learner(open_database(session.db_path), session.clock), "old plan")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        assert app.screen.query_one("#entry-text").value == "old plan"
        await pilot.press("ctrl+u", *"new", "enter")
        await settle(app, pilot)
        assert text_of(app, "#goal-text") == "new"


async def test_the_next_lesson_is_the_first_unrated_one(session, settle):
    """A rated lesson is ticked; the first unrated one is marked next and highlighted."""
    rate_lesson(Learner(open_database(session.db_path), session.clock), "how-to-study", "just_right")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        lessons = app.screen.query_one("#lessons", OptionList)
        assert lessons.highlighted_option.id == "loss-function"
        assert str(lessons.get_option_at_index(0).prompt).startswith("✓")
        assert "next" in str(lessons.get_option_at_index(1).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.lesson.id == "loss-function"
        assert app.screen.index == 0


async def test_continue_where_you_were(session, settle):
    """After answering in a section of an unfinished lesson, Enter continues at that section."""
    record_quiz_attempt(open_database(session.db_path), "x", "loss.zero", "1", "correct", session.now())
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        lessons = app.screen.query_one("#lessons", OptionList)
        assert lessons.highlighted_option.id == "loss-function"
        assert "continue" in str(lessons.highlighted_option.prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.current_section.topic_id == "loss.zero"


async def test_wrong_answers_and_flags_are_topics_to_practise(session, settle):
    """A wrong latest answer and an open flag list their topics; p starts a practice quiz (the
    answers are recorded, the schedule does not move)."""
    db = open_database(session.db_path)
    record_quiz_attempt(db, "gd-lr-too-large", "gd.learning-rate", "1", "incorrect", session.now())
    record_quiz_attempt(db, "zero-meaning", "loss.zero", "1", "incorrect", session.now())
    record_quiz_attempt(db, "zero-meaning", "loss.zero", "2", "correct", session.now())
    add_flag(Learner(db, session.clock), "opt.saddle", "intuition", "")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        practise = app.screen.query_one("#practise", OptionList)
        assert [option.id for option in practise.options] == ["topic-opt.saddle", "topic-gd.learning-rate"]
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"
        assert {item.topic for item in app.screen.items} == {"opt.saddle", "gd.learning-rate"}
        assert app.screen.practice


async def test_nothing_to_practise_says_so(session, settle, notifications):
    """With no wrong answers and no flags, p explains there is nothing to practise."""
    app = make_app(session)
    shown = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("Nothing yet" in message for message in shown)


async def test_open_flags_show_the_oldest_three_and_how_many_more(session, settle):
    """Home lists the three oldest open flags with their age, and how many more there are."""
    db = open_database(session.db_path)
    for days, topic in enumerate(["loss.zero", "gd.idea", "opt.saddle", "loss.error"]):
        add_flag(Learner(db, session.clock).at(session.now() - timedelta(days=4 - days)), topic, "math", f"note {days}")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        flags = app.screen.query_one("#open-flags", OptionList)
        prompts = [str(option.prompt) for option in flags.options]
        assert "4 days ago" in prompts[0] and "note 0" in prompts[0]
        assert "1 more" in prompts[3]
        assert flags.border_title.startswith("Open flags: 4")


async def test_the_calendar_shades_active_days_without_a_streak(session, settle):
    """Days with recorded actions get a shade; the home screen never counts a streak."""
    db = open_database(session.db_path)
    three_days_ago = session.now() - timedelta(days=3)
    check_in(Learner(db, session.clock).at(three_days_ago), three_days_ago.date(), "good")
    for _ in range(12):
        record_quiz_attempt(db, "x", "loss.zero", "1", "correct", session.now())
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        calendar = app.screen.query_one(ConsistencyCalendar)
        today = session.now().date()
        assert calendar.levels[today] == 4
        assert calendar.levels[today - timedelta(days=3)] == 1
        assert len(calendar.weeks) == 12
        assert calendar.weeks[-1][today.weekday()] == today
        screen_text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "streak" not in screen_text.lower()
        assert "Days off are fine" in screen_text


async def test_q_quits_from_home(session, settle):
    """q on Home quits the app."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0  # set by App.exit: None while the app runs


async def test_a_planned_break_shows_on_home_and_b_cancels_it_after_asking(session, settle):
    """A break typed wrong is on Home with its key; b asks, y cancels it (no longer listed), and
    ctrl+z brings it back the same day."""
    db = open_database(session.db_path)
    start = session.now().date() + timedelta(days=10)
    plan_break(Learner(db, session.clock), start, start + timedelta(days=3))
    db.close()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        plan = str(app.screen.query_one("#plan").render())
        assert f"Break planned: {start.isoformat()}" in plan and "b cancels it" in plan
        await pilot.press("b")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await settle(app, pilot)
        assert upcoming_breaks(open_database(session.db_path), session.now().date()) == []
        assert "Break planned" not in str(app.screen.query_one("#plan").render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "cancelling break" in str(app.screen.query_one("#confirm-dialog Label.dialog-explanation").render())
        await pilot.press("y")
        await settle(app, pilot)
        assert len(upcoming_breaks(open_database(session.db_path), session.now().date())) == 1
        assert "Break planned" in str(app.screen.query_one("#plan").render())


async def test_a_failed_first_read_of_home_still_lets_the_collector_run_and_the_day_s_care_start(
        session, settle, monkeypatch):
    """Home's first read fails with an ordinary problem (shown as a notice): the garbage collector,
    paused for the start, runs again and the day's record care starts all the same."""
    def failing_read(*_):
        raise StudytrackError("The course outline could not be read just now.")

    monkeypatch.setattr(home_data_module, "read_home_data", failing_read)  # the early read
    monkeypatch.setattr(home_module, "read_home_data", failing_read)  # Home's later reads
    monkeypatch.setattr(app_module, "START_FALLBACK", 0.3)
    assert gc.isenabled()
    app = make_app(session)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert app.screen.data is None  # Home never got its data
            await pilot.pause(1.2)
            assert gc.isenabled()
            assert app.record_care_started
    finally:
        gc.enable()
