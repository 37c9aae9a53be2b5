"""Lesson: moving between sections, flagging, the quiz and exercise keys, rating at the end."""

from snapshot_steps import frames_drawn
from textual.widgets import Markdown, OptionList, Static

from studytrack.store.database import open_database
from studytrack.store.journal import latest_ratings
from studytrack.ui.app import make_app


async def open_lesson(app, pilot, settle, lesson_id: str, topic_id: str | None = None):
    """Open a lesson over Home once the data is read."""
    await settle(app, pilot)
    app.open_lesson(lesson_id, topic_id)
    await pilot.pause()


async def test_n_and_p_move_between_sections(session, settle):
    """n and p move through the sections; the table of contents follows."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "gradient-descent")
        screen = app.screen
        assert screen.current_section.topic_id == "gd.idea"
        await pilot.press("n", "n")
        assert screen.current_section.topic_id == "gd.learning-rate"
        assert screen.query_one("#toc", OptionList).highlighted == 2
        await pilot.press("p")
        assert screen.current_section.topic_id == "gd.update-rule"
        assert screen.sub_title == "Section 2 of 5"


async def test_a_section_change_comes_in_one_frame(session, settle, monkeypatch):
    """n and p: no frame shows the new section's title, contents mark or hint over the old
    section's text (the text is parsed and mounted over several turns of the event loop)."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "gradient-descent")
        await settle(app, pilot)
        screen = app.screen
        titles = [section.title.get("en") for section in screen.shown.sections]

        def shown() -> tuple[int, int, str]:
            """The section the header and the contents say, and the heading the text shows."""
            heading = screen.query("#section-text MarkdownH2")
            return (int(screen.sub_title.split()[1]), screen.query_one("#toc", OptionList).highlighted + 1,
                    str(heading.first().source) if heading else "")

        frames = frames_drawn(monkeypatch, screen, shown)
        for key in ("n", "n", "p", "n", "n"):
            await pilot.press(key)
            await settle(app, pilot)
        assert {number for number, _, _ in frames} == {2, 3, 4}
        for number, marked, heading in frames:
            assert marked == number and heading.strip() == f"## {titles[number - 1]}", frames


async def test_opening_at_a_section(session, settle):
    """A lesson opened for a topic starts at that topic's section."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "loss-function", "loss.zero")
        assert app.screen.current_section.topic_id == "loss.zero"
        markdown = app.screen.query_one("#section-text", Markdown)
        assert "Loss = 0" in markdown.source


async def test_the_last_section_invites_a_rating(session, settle):
    """On the last section a visible line says n rates the lesson."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "optima-convexity", "opt.convex")
        hint = app.screen.query_one("#lesson-hint", Static)
        assert hint.display
        assert "rate this lesson" in str(hint.render())


async def test_rating_a_lesson_after_its_last_section(session, settle):
    """n after the last section asks for a rating; 3 stores too_hard and goes back home."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "closed-form-hard", "opt.normal-equations")
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "RateDialog"
        await pilot.press("3")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        lessons = app.screen.query_one("#lessons", OptionList)
        assert str(lessons.get_option("closed-form-hard").prompt).startswith("✓")
    ratings = latest_ratings(open_database(session.db_path))
    assert ratings["closed-form-hard"].rating == "too_hard"


async def test_not_rating_now_keeps_the_lesson_open(session, settle):
    """Escape in the rating dialog stores nothing and stays on the lesson."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "closed-form-hard", "opt.normal-equations")
        await pilot.press("n", "escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"
    assert latest_ratings(open_database(session.db_path)) == {}


async def test_q_opens_the_quiz_of_the_current_section(session, settle):
    """q asks the quiz items of the section's topic."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "loss-function", "loss.zero")
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"
        assert app.screen.items and {item.topic for item in app.screen.items} == {"loss.zero"}
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"


async def test_escape_goes_back_home(session, settle):
    """Escape leaves the lesson for the screen it came from."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "loss-function")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_selecting_a_section_in_the_contents(session, settle):
    """Enter on a section of the table of contents shows it."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "loss-function")
        toc = app.screen.query_one("#toc", OptionList)
        toc.focus()
        toc.highlighted = 3
        await pilot.press("enter")
        assert app.screen.current_section.topic_id == "loss.error"


async def test_reopening_a_lesson_offers_to_resume_where_reading_stopped_even_after_a_restart(session, settle):
    """Read to section 3, quit; a new app run marks that lesson next on Home with the cursor on
    it, Enter opens it at section 3; opened from its start, it asks to continue there (y)."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "loss-function")
        await pilot.press("n", "n")
        assert app.screen.index == 2
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        lessons = app.screen.query_one("#lessons", OptionList)
        marked = lessons.get_option_at_index(lessons.highlighted)
        assert marked.id == "loss-function" and "▸" in str(marked.prompt)
        lessons.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.current_section.topic_id == "loss.notation"
        app.pop_screen()
        await pilot.pause()
        app.open_lesson("loss-function")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert "section 3" in str(app.screen.query_one(".panel-title").render())
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.index == 2


async def test_declining_to_resume_starts_at_the_top(session, settle):
    """n in the resume question keeps the first section."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "loss-function")
        await pilot.press("n")
        app.pop_screen()
        await pilot.pause()
        app.open_lesson("loss-function")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen" and app.screen.index == 0
