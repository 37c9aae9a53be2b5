"""Quiz: picking and typing answers, immediate feedback, recorded attempts, flags and the summary."""

from datetime import timedelta

from textual.widgets import Input, OptionList, Static

from studytrack.clock import fixed_clock
from studytrack.store.database import open_database
from studytrack.store.flags import list_flags
from studytrack.store.quiz_attempts import quiz_attempts
from studytrack.ui.app import make_app


async def open_quiz(app, pilot, settle, **kwargs):
    """Open a quiz over Home once the data is read."""
    await settle(app, pilot)
    app.open_screen("quiz", **kwargs)
    await pilot.pause()
    await pilot.pause()


def feedback(app) -> str:
    """The feedback line's text."""
    return str(app.screen.query_one("#quiz-feedback", Static).render())


async def test_a_right_choice_is_recorded_with_the_seconds_it_took(session, settle):
    """Pressing 1 then Enter answers a choice item right; the attempt is stored with its time."""
    start = session.now()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(app, pilot, settle, item_ids=["parametric-which-models"])
        session.clock = fixed_clock(start + timedelta(seconds=42))
        await pilot.press("2", "enter")
        await pilot.pause()
        assert "✓" in feedback(app)
        assert "not every model" in str(app.screen.query_one("#quiz-explanation", Static).render())
    [attempt] = quiz_attempts(open_database(session.db_path))
    assert (attempt.item_id, attempt.topic_id, attempt.answer, attempt.outcome) == (
        "parametric-which-models", "learning.parametric", "parametric-models", "correct"
    )
    assert attempt.seconds == 42.0


async def test_a_wrong_choice_is_recorded_and_explained(session, settle):
    """A wrong choice says so, shows the explanation and stores an incorrect attempt; the choices
    are locked as they look, keeping the focus: the arrows, a number and a click leave the answer
    highlighted, and nothing is checked again."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(app, pilot, settle, item_ids=["parametric-which-models"])
        await pilot.press("3", "enter")
        await pilot.pause()
        assert "Not quite" in feedback(app)
        assert "your answer: 3" in feedback(app)
        choices = app.screen.query_one("#quiz-choices", OptionList)
        assert choices.locked and not choices.disabled and app.focused is choices
        await pilot.press("up", "home", "1")
        await pilot.click(choices, offset=(4, 1))
        await settle(app, pilot)
        assert choices.highlighted == 2 and app.screen.card.answer == "3" and "your answer: 3" in feedback(app)
    [attempt] = quiz_attempts(open_database(session.db_path))
    assert (attempt.answer, attempt.outcome) == ("nearest-neighbours", "incorrect")


async def test_true_false_is_typed_with_t_or_f(session, settle):
    """A true/false item takes f (false) in its answer field."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(app, pilot, settle, item_ids=["parametric-not-every-model"])
        assert isinstance(app.screen.focused, Input)
        await pilot.press("f", "enter")
        await pilot.pause()
        assert "✓" in feedback(app)
    assert [a.outcome for a in quiz_attempts(open_database(session.db_path))] == ["correct"]


async def test_an_invalid_number_shows_why_and_can_be_fixed(session, settle):
    """A decimal comma is invalid with the reason; the corrected answer is then checked."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(app, pilot, settle, item_ids=["notation-predict-one"])
        await pilot.press(*"4,1", "enter")
        await pilot.pause()
        assert "Can't check this answer" in feedback(app)
        assert "4.1" in feedback(app)
        assert not app.screen.query_one("#quiz-answer", Input).disabled
        await pilot.press("ctrl+u", *"4.1", "enter")
        await pilot.pause()
        assert "✓" in feedback(app)
    outcomes = [(a.answer, a.outcome) for a in quiz_attempts(open_database(session.db_path))]
    assert outcomes == [("4,1", "invalid"), ("4.1", "correct")]


async def test_an_empty_answer_is_not_attempted_and_a_second_enter_skips(session, settle):
    """Enter on nothing says no answer yet (recorded); Enter again skips to the next item."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(app, pilot, settle, item_ids=["notation-predict-one", "loss-zero-equation"])
        await pilot.press("enter")
        await pilot.pause()
        assert "skip" in feedback(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.item.id == "loss-zero-equation"
        assert app.screen.skipped == 1
    assert [a.outcome for a in quiz_attempts(open_database(session.db_path))] == ["not_attempted"]


async def test_the_summary_names_the_topics_to_revisit_and_opens_their_section(session, settle):
    """After the last item the summary counts right answers and opens a wrong topic's section."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(app, pilot, settle, topics=["loss.zero"])
        screen = app.screen
        assert [item.id for item in screen.items] == [
            "loss-zero-meaning", "loss-zero-equation", "loss-zero-no-cancelling",
            "loss-zero-course-data",
        ]
        await pilot.press("1", "enter", "enter")  # wrong, then next
        await pilot.press(*"y = ŷ", "enter", "enter")  # right, then next
        await pilot.press("t", "enter", "enter")  # wrong, then next
        await pilot.press("t", "enter", "enter")  # wrong, then the summary
        await pilot.pause()
        assert screen.item is None
        assert "1 of 4" in str(screen.query_one("#quiz-summary", Static).render())
        revisit = screen.query_one("#quiz-revisit", OptionList)
        assert [option.id for option in revisit.options] == ["topic-loss.zero"]
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LessonScreen"
        assert app.screen.current_section.topic_id == "loss.zero"
    outcomes = [a.outcome for a in quiz_attempts(open_database(session.db_path))]
    assert outcomes == ["incorrect", "correct", "incorrect", "incorrect"]


async def test_f_flags_the_items_topic(session, settle):
    """f (or ctrl+f while typing) flags the current item's topic with the flag dialog."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(app, pilot, settle, item_ids=["parametric-which-models", "notation-predict-one"])
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "FlagDialog"
        await pilot.press("tab", *"which?", "enter")
        await pilot.pause()
        await pilot.press("1", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen.focused, Input)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert type(app.screen).__name__ == "FlagDialog"
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuizScreen"
    flags = list_flags(open_database(session.db_path))
    assert [(f.topic_id, f.note) for f in flags] == [
        ("learning.parametric", "which?"), ("loss.notation", "")
    ]


async def test_a_topic_without_questions_opens_no_quiz(mini_course, session, settle):
    """Asking for a quiz on a topic with no items explains it and stays put."""
    session.content_dir = mini_course
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_quiz(["loss.zero"])
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("no quiz questions" in str(n.message) for n in app._notifications)


async def test_a_lesson_quiz_schedules_the_item_it_checks(session, settle):
    """A graded answer in the quiz reviews the item's card (``record_answer``): a right first
    answer creates the card and logs the review; an invalid one schedules nothing."""
    from studytrack.store.cards import card_row

    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(app, pilot, settle, item_ids=["notation-predict-one"])
        await pilot.press(*"4,1", "enter")
        await pilot.pause()
        assert card_row(open_database(session.db_path), "notation-predict-one") is None
        await pilot.press("ctrl+u", *"4.1", "enter")
        await pilot.pause()
    db = open_database(session.db_path)
    card = card_row(db, "notation-predict-one")
    assert card is not None and card["reps"] == 1 and card["due"] > "2026-11-29"
    logs = db.execute("SELECT kind, item_id, rating, outcome FROM review_logs").fetchall()
    assert logs == [("review", "notation-predict-one", 3, "correct")]
