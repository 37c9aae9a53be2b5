"""The app's first path: open a lesson, flag a section with ``f``, find the row in the database."""

from studytrack.store.database import open_database
from studytrack.store.flags import add_flag, list_flags
from studytrack.store.learner import Learner
from studytrack.ui.app import make_app


async def wait_loaded(app, pilot):
    """Wait until the app has drawn and its workers have finished."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_home_shows_lessons_and_open_flags(session):
    """Home lists every lesson and the open flags with their notes."""
    add_flag(Learner(open_database(session.db_path), session.clock), "loss.zero", "math", "why zero?")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        lessons = app.screen.query_one("#lessons")
        assert lessons.option_count == len(session.course().lessons)
        flags = app.screen.query_one("#open-flags")
        assert "why zero?" in str(flags.get_option_at_index(0).prompt)


async def test_flag_a_section_from_the_lesson(session):
    """f on a lesson section stores a flag with the chosen category and note."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        course = session.course()
        index = [lesson.id for lesson in course.lessons].index("loss-function")
        app.screen.query_one("#lessons").highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"
        await pilot.press("n", "n")  # to the third section: loss.notation
        assert app.screen.current_section.topic_id == "loss.notation"
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "FlagDialog"
        await pilot.press("down")  # notation
        await pilot.press("space")
        await pilot.press("tab")
        await pilot.press(*"w or b?")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"
    flags = list_flags(open_database(session.db_path))
    assert [(f.topic_id, f.category, f.note) for f in flags] == [
        ("loss.notation", "notation", "w or b?")
    ]
    assert flags[0].created_at == "2026-11-28T09:30:00+00:00"


async def test_cancelling_the_dialog_flags_nothing(session):
    """Escape in the flag dialog stores nothing."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("enter", "f")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"
    assert list_flags(open_database(session.db_path)) == []


async def test_a_flag_made_elsewhere_appears_after_refresh(session):
    """A flag made by another connection appears on Home after ctrl+r."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        add_flag(Learner(open_database(session.db_path), session.clock), "gd.idea", "intuition", "downhill?")
        await pilot.press("ctrl+r")
        await wait_loaded(app, pilot)
        flags = app.screen.query_one("#open-flags")
        assert "downhill?" in str(flags.get_option_at_index(0).prompt)


async def test_a_bad_database_shows_a_message_instead_of_crashing(session, tmp_path):
    """A file that is not a database shows the message screen, naming the file."""
    bad = tmp_path / "bad.db"
    bad.write_text("not a database at all, just some words " * 10)
    session.db_path = bad
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        assert type(app.screen).__name__ == "ErrorScreen"
        assert str(bad) in str(app.screen.query_one("#error-message").render())
