"""Finding things: the mistakes view, the exercise browser and `/` search."""

from datetime import timedelta

from textual.widgets import Input, OptionList

from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.store.answers import record_answer
from studytrack.store.cards import card_row
from studytrack.store.database import open_database
from studytrack.store.exercise_attempts import record_exercise_attempt
from studytrack.store.flags import add_flag
from studytrack.store.learner import Learner
from studytrack.ui.app import make_app


def wrong_choice(item) -> str:
    """A choice number that is not the answer."""
    return str(1 if item.answer != 1 else 2)


def prompts(app, list_id: str) -> list[str]:
    """The text of every option of the list ``list_id``."""
    return [str(option.prompt) for option in app.screen.query_one(list_id, OptionList).options]


async def test_mistakes_list_wrong_answers_newest_first_with_my_answer_and_filter_by_topic(session, settle):
    """A wrong quiz answer and a wrong exercise check are listed newest first with what was
    answered; t filters to one topic; a right answer is not a mistake."""
    course = session.course()
    item = next(i for i in course.quiz_items if i.type == "choice")
    db = open_database(session.db_path)
    earlier = session.now() - timedelta(hours=2)
    record_answer(db, item, check_quiz_answer(item, wrong_choice(item)), earlier)
    record_exercise_attempt(db, "mse-by-hand", 7, {"loss": "42"}, "incorrect", session.now() - timedelta(hours=1))
    record_exercise_attempt(db, "gradient-by-hand", 7, {"dw": "1", "db": "1"}, "correct", session.now())
    db.close()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("M")
        await settle(app, pilot)
        shown = prompts(app, "#mistake-list")
        assert len(shown) == 2
        assert "loss = 42" in shown[0] and "Mean squared error by hand" in shown[0]
        chosen = item.choices[int(wrong_choice(item)) - 1].get("en")
        assert f"your answer: {chosen}" in shown[1]
        await pilot.press("t")
        await pilot.pause()
        first_topic = app.screen.topic
        assert first_topic is not None
        assert len(prompts(app, "#mistake-list")) == 1


async def test_enter_on_a_quiz_mistake_drills_it_as_practice_and_the_schedule_stays(session, settle):
    """Enter opens the item as practice: the answer is recorded, the card does not move."""
    course = session.course()
    item = next(i for i in course.quiz_items if i.type == "choice")
    db = open_database(session.db_path)
    record_answer(db, item, check_quiz_answer(item, wrong_choice(item)), session.now() - timedelta(days=2))
    before = card_row(db, item.id)
    db.close()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "QuizScreen" and app.screen.practice
        await pilot.press(str(item.answer), "enter")
        await settle(app, pilot)
    db = open_database(session.db_path)
    assert card_row(db, item.id) == before
    assert db.execute("SELECT COUNT(*) FROM quiz_attempts WHERE item_id = ?", [item.id]).fetchone()[0] == 2


async def test_the_exercise_browser_opens_from_home_and_ticks_solved_ones(session, settle):
    """E on Home lists every exercise, the solved one ticked; Enter opens the highlighted one."""
    db = open_database(session.db_path)
    record_exercise_attempt(db, "mse-by-hand", 7, {"loss": "1"}, "correct", session.now())
    db.close()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("E")
        await settle(app, pilot)
        listing = app.screen.query_one("#exercise-list", OptionList)
        ids = [option.id for option in listing.options]
        assert "mse-by-hand" in ids and "implement-gradient-descent" in ids
        assert str(listing.get_option_at_index(ids.index("mse-by-hand")).prompt).startswith("✓")
        listing.highlighted = ids.index("implement-gradient-descent")
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ExerciseScreen"
        assert app.screen.exercise.id == "implement-gradient-descent"


async def test_slash_searches_sections_quiz_prompts_and_flag_notes_in_the_current_language(session, settle):
    """/ then words: lesson sections, quiz prompts and a flag note that hold them; in Korean the
    Korean texts; Enter on a section opens it."""
    db = open_database(session.db_path)
    add_flag(Learner(db, session.clock), "opt.saddle", "math", "why is the saddle flat?")
    db.close()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await settle(app, pilot)
        assert isinstance(app.focused, Input)
        await pilot.press(*"saddle")
        await pilot.pause()
        kinds = {hit.kind for hit in app.screen.hits}
        assert kinds == {"section", "quiz", "flag"}
        assert not any(mark in hit.snippet for hit in app.screen.hits for mark in ("**", "](", "`"))
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        app.screen.query_one("#search-box", Input).value = "안장점"
        await pilot.pause()
        assert app.screen.hits and all(hit.kind != "flag" for hit in app.screen.hits)
        assert "레슨" in prompts(app, "#search-hits")[0]
        await pilot.press("enter")
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "LessonScreen"
        assert app.screen.current_section.topic_id == app.screen.start_topic
