"""A check-in on Home reads again only what a check-in changes (``read_after_checkin``): today's
check-in, today's session and today's square. What it gives is exactly what reading everything
again gives, and Home redraws only the lines and panels whose content changed."""

from datetime import timedelta

from textual.strip import Strip
from textual.widgets import OptionList, Static

from studytrack.clock import fixed_clock
from studytrack.store.flags import add_flag
from studytrack.store.journal import check_in, checkin_for, set_goal
from studytrack.store.learner import Learner
from studytrack.store.quiz_attempts import record_quiz_attempt
from studytrack.ui.app import make_app
from studytrack.ui.home_data import read_after_checkin, read_home_data
from studytrack.ui.widgets.calendar import ROWS, ConsistencyCalendar


def lived_in(session) -> None:
    """A learner with flags, a goal, answers today and a check-in three days ago."""
    db, learner = session.db(), session.learner("en")
    add_flag(learner, "loss.zero", "math", "why zero?")
    set_goal(learner, "Read a paper on optimisers")
    for _ in range(3):
        record_quiz_attempt(db, "x", "loss.zero", "1", "incorrect", session.now())
    three_days_ago = session.now() - timedelta(days=3)
    check_in(Learner(db, session.clock).at(three_days_ago), three_days_ago.date(), "low")


def test_a_check_in_read_is_what_reading_everything_gives(session):
    lived_in(session)
    before = read_home_data(session)
    for condition in ("good", "low", "okay"):
        check_in(session.learner("en"), before.overview.day, condition)
        after = read_after_checkin(session, before)
        assert after == read_home_data(session, before.course)
        assert after.overview.checkin is not None and after.overview.checkin.condition == condition
        assert after.overview.plan is not None and after.overview.plan.condition == condition
        assert after.overview.activity != before.overview.activity  # today counts one more action
        before = after


def test_a_check_in_read_on_another_study_day_reads_everything(session):
    lived_in(session)
    yesterday = read_home_data(session)
    stale = yesterday._replace(overview=yesterday.overview._replace(
        day=yesterday.overview.day - timedelta(days=1), open_flags=[]))
    assert read_after_checkin(session, stale) == read_home_data(session, yesterday.course)


async def test_a_check_in_redraws_in_place_only_what_changed(session, settle):
    """Pressing 1 then 2: the check-in line, the plan and the next lesson's note change; the
    practise and flags lists keep their options, the goal its text (a learner who has not
    started a lesson: the note says whether today is for new material)."""
    set_goal(session.learner("en"), "Read a paper on optimisers")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        practise = list(screen.query_one("#practise", OptionList).options)
        flags = list(screen.query_one("#open-flags", OptionList).options)
        lessons = screen.query_one("#lessons", OptionList)
        lesson_ids = [option.id for option in lessons.options]
        goal = screen.query_one("#goal-text", Static).content
        calendar = screen.query_one(ConsistencyCalendar)
        before = drawn_rows(calendar)
        notes = []
        for key in ("1", "2"):
            await pilot.press(key)
            await settle(app, pilot)
            marked = next(str(option.prompt) for option in lessons.options if str(option.prompt).startswith("▸"))
            notes.append(marked.rsplit("  ", 1)[1])
            assert screen.panels.data is screen.data
        assert notes == ["next", "another day"]
        assert [option.id for option in lessons.options] == lesson_ids
        assert list(screen.query_one("#practise", OptionList).options) == practise
        assert list(screen.query_one("#open-flags", OptionList).options) == flags
        assert screen.query_one("#goal-text", Static).content is goal
        assert "Nothing new today" in str(screen.query_one("#plan", Static).render())
        assert calendar.levels[screen.data.overview.day] >= 1
        fresh = [list(Strip(row).adjust_cell_length(calendar.size.width, calendar.rich_style))
                 for row in calendar.rows()]
        assert drawn_rows(calendar) == fresh != before  # today's square drawn in its new shade


def drawn_rows(calendar: ConsistencyCalendar) -> list[list]:
    """The segments of each row the calendar draws now."""
    return [list(calendar.render_line(y)) for y in range(ROWS)]


async def test_two_quick_check_ins_end_on_the_second_with_everything_read(session, settle):
    """1 then 2 before the first read is back: the second reads everything again, and Home shows
    the okay day as a full read sees it."""
    lived_in(session)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("1", "2")
        await settle(app, pilot)
        screen = app.screen
        assert screen.data == read_home_data(session, screen.data.course)
        assert screen.data.overview.checkin.condition == "okay"
        assert screen.panels.data is screen.data
        assert "Nothing new today" in str(screen.query_one("#plan", Static).render())


async def test_a_check_in_after_the_day_rolled_over_is_for_the_new_day(session, settle):
    """Home read yesterday and left open past the rollover: the key records today's check-in
    (not the day Home last read) and Home, read again in full, shows it."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        read_day = screen.data.overview.day
        session.clock = fixed_clock(session.now() + timedelta(days=1))
        await pilot.press("1")
        await settle(app, pilot)
        db = session.db()
        assert checkin_for(db, read_day) is None
        assert checkin_for(db, read_day + timedelta(days=1)).condition == "good"
        assert screen.data.overview.day == read_day + timedelta(days=1)
        assert screen.data.overview.checkin is not None and screen.data.overview.checkin.condition == "good"
