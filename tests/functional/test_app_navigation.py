"""Moving around: named screens, h for home, F for flags, exercises, and errors that don't crash."""

import subprocess
import sys

from studytrack.session import Session
from studytrack.ui.app import NAMED_SCREENS, exit_status, make_app, screen_class
from studytrack.ui.screens.stats import StatsScreen


async def test_h_goes_home_from_anywhere(session, settle):
    """h closes every screen above Home."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_lesson("loss-function")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"
        assert len(app.screen_stack) == 3
        await pilot.press("h")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert len(app.screen_stack) == 1


async def test_capital_f_opens_the_flags_once(session, settle):
    """F opens the flags screen; F there does not stack another one."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "FlagsScreen"]


async def test_typing_in_a_field_never_triggers_global_keys(session, settle):
    """h, F and ? typed into an answer are text, not commands."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("quiz", item_ids=["loss-zero-equation"])
        await pilot.pause()
        await pilot.press("h", "F", "question_mark")
        assert app.screen.query_one("#quiz-answer").value == "hF?"


def test_the_first_screen_imports_nothing_slow():
    """The app and Home import neither sqlite-utils, numpy, fsrs nor plotext, nor other screens:
    only the store modules a usable Home reads with (plain sqlite3)."""
    code = (
        "import sys\n"
        "from studytrack.ui.app import NAMED_SCREENS, make_app, screen_class\n"
        "screen_class('home')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlite_utils', 'numpy', 'fsrs', 'plotext')"
        " or m.startswith('studytrack.ui.screens.') or m == 'studytrack.domain.content.course'))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.split() == ["['studytrack.ui.screens.base',", "'studytrack.ui.screens.home']"]


async def test_named_screens_and_unknown_names(session, settle, notifications):
    """Review and stats are reserved by name; an unknown name is a notification, not a crash."""
    assert {"review", "stats"} <= set(NAMED_SCREENS)
    assert screen_class("stats") is StatsScreen
    app = make_app(session)
    shown = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("nonsense")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("no screen called 'nonsense'" in message for message in shown)


async def test_e_on_a_topic_without_exercises_says_so(mini_course, session, settle, notifications):
    """e on a section whose topic has no exercises explains it instead of opening a screen."""
    session.content_dir = mini_course
    app = make_app(session)
    shown = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_exercises("loss.zero")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("no exercises yet" in m or "not part of this version" in m for m in shown)


async def test_a_database_error_while_running_shows_the_message_screen(session, settle):
    """A write that fails on the database shows the clear message instead of a traceback."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.db().execute("DROP TABLE checkins")
        await pilot.press("1")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ErrorScreen"
        assert str(session.db_path) in str(app.screen.query_one("#error-message").render())
        await pilot.press("h")
        await pilot.pause()
        assert type(app.screen).__name__ == "ErrorScreen"


async def test_quitting_the_message_screen_of_a_bad_db_exits_with_status_2(tmp_path, course_dir, settle):
    """A --db that is not SQLite: the message screen, and q ends the app with exit status 2."""
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    app = make_app(Session(db_path=bad, content_dir=course_dir, lang="en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ErrorScreen"
        await pilot.press("q")
    assert exit_status(app) == 2
    assert bad.read_text() == "not a database"


async def test_quitting_a_healthy_app_exits_with_status_0(session, settle):
    """Without a problem the exit status is 0."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+q")
    assert exit_status(app) == 0
