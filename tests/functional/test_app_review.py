"""Review: today's session from the check-in to the summary, flags revisited both ways, undo,
practice that leaves the schedule alone, a low day, an empty day, opening straight on it, and
each key updating the widgets it changes in place."""

import asyncio
from datetime import timedelta

import pytest
from snapshot_steps import frames_drawn
from textual import events
from textual.binding import Binding
from textual.widgets import Header, Input, OptionList, Static

from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.breaks import plan_break
from studytrack.store.cards import card_row
from studytrack.store.database import open_database
from studytrack.store.flags import add_flag, get_flag
from studytrack.store.journal import check_in
from studytrack.store.learner import Learner
from studytrack.ui.app import make_app
from studytrack.ui.widgets.keys_line import KeysLine

EARLIER = timedelta(days=5)
"""How long before the test's moment the seeded items were first answered (they are due now)."""


@pytest.fixture
def course():
    """The bundled course."""
    from studytrack.domain.content.course import load_course

    return load_course(bundled_content_dir())


def right_keys(item) -> list[str]:
    """The keys that answer a choice or true/false item right."""
    if item.type == "choice":
        return [str(item.answer)]
    return ["t" if item.answer else "f"]


def wrong_keys(item) -> list[str]:
    """The keys that answer a choice or true/false item wrong."""
    if item.type == "choice":
        return [str(1 if item.answer != 1 else 2)]
    return ["f" if item.answer else "t"]


def answered_before(session, course, item_ids, outcome="correct", when=EARLIER):
    """Answer ``item_ids`` ``when`` before the test's moment, so their cards are due now."""
    db = open_database(session.db_path)
    for item_id in item_ids:
        item = course.quiz_item(item_id)
        keys = right_keys(item) if outcome == "correct" else wrong_keys(item)
        record_answer(db, item, check_quiz_answer(item, keys[0]), session.now() - when)
    db.close()


def checked_in_with_due(session, course, item_ids: list[str], **answered):
    """``session``, checked in okay today with ``item_ids`` due (answered before, as
    ``answered_before`` with ``answered``): a session of those items."""
    answered_before(session, course, item_ids, **answered)
    db = open_database(session.db_path)
    check_in(Learner(db, session.clock), session.now().date(), "okay")
    db.close()
    return session


def text_of(app, selector: str) -> str:
    """The text a Static shows."""
    return str(app.screen.query_one(selector, Static).render())


def review_logs(session) -> list[tuple]:
    """``(kind, item_id, flag_id, rating, outcome)`` of every review log row, in order."""
    return open_database(session.db_path).execute(
        "SELECT kind, item_id, flag_id, rating, outcome FROM review_logs ORDER BY id"
    ).fetchall()


async def answer(app, pilot, settle, keys: list[str]) -> None:
    """Type ``keys`` for the current item, check, and wait for the redraw."""
    await pilot.press(*keys, "enter")
    await settle(app, pilot)


async def test_a_session_from_the_check_in_to_the_summary(session, course, settle):
    """Check in, answer the due items most forgotten first (right → Good, wrong → Again, each
    card moved on), and end on a summary that says when they come back."""
    answered_before(session, course, ["long-view-ten-months"], outcome="incorrect")
    answered_before(session, course, ["condition-exhausted-today"])
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.phase == "checkin"
        assert "How are you today?" in text_of(app, "#checkin-question")
        assert "Nothing new today" in text_of(app, "#checkin-okay")
        await pilot.press("2")
        await settle(app, pilot)
        assert screen.phase == "session"
        assert [step.item_id for step in screen.progress.steps] == ["long-view-ten-months", "condition-exhausted-today"]
        assert "1 of 2 · review (recall" in text_of(app, "#quiz-progress")

        first = course.quiz_item("long-view-ten-months")
        await answer(app, pilot, settle, wrong_keys(first))
        assert "✗" in text_of(app, "#quiz-feedback")
        assert "Next review: tomorrow." in text_of(app, "#quiz-feedback")
        await pilot.press("enter")
        await settle(app, pilot)
        second = course.quiz_item("condition-exhausted-today")
        await answer(app, pilot, settle, right_keys(second))
        assert "✓" in text_of(app, "#quiz-feedback")
        await pilot.press("enter")
        await settle(app, pilot)

        assert screen.phase == "summary"
        assert text_of(app, "#summary-answers") == "Answered 2: 1 right, 1 not yet."
        coming = text_of(app, "#summary-coming-back")
        assert coming.startswith("Next review of these: tomorrow (1) · in ")
        assert "steady day" in text_of(app, "#summary-closing")

    db = open_database(session.db_path)
    today = db.execute(
        "SELECT item_id, rating, outcome FROM review_logs WHERE kind = 'review' AND created_at >= ? "
        "ORDER BY id", ["2026-11-28"]
    ).fetchall()
    assert today == [("long-view-ten-months", 1, "incorrect"), ("condition-exhausted-today", 3, "correct")]
    wrong, right = card_row(db, "long-view-ten-months"), card_row(db, "condition-exhausted-today")
    assert wrong["last_review"] == right["last_review"] == "2026-11-28T09:30:00+00:00"
    assert wrong["due"].startswith("2026-11-29")
    assert right["due"] > "2026-11-30"
    assert db.execute("SELECT COUNT(*) FROM checkins WHERE day = '2026-11-28' AND condition = 'okay'"
                      ).fetchone() == (1,)


async def test_a_flag_review_both_ways(session, settle):
    """1 keeps a flag open (logged as still confused); 2 asks what made it click and resolves it
    with that note."""
    db = open_database(session.db_path)
    check_in(Learner(db, session.clock), session.now().date(), "okay")
    learner = Learner(db, session.clock)
    confusing = add_flag(learner.at(session.now() - timedelta(days=3)), "loss.notation", "notation",
                         "why is x a constant?")
    clicked = add_flag(Learner(db, session.clock).at(session.now() - timedelta(days=2)), "gd.idea", "intuition", "")
    db.close()
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert [step.flag_id for step in screen.progress.steps] == [confusing.id, clicked.id]
        assert "why is x a constant?" in text_of(app, "#flag-note")
        assert "3 days ago" in text_of(app, "#flag-heading")
        assert screen.query_one("#flag-section")
        await pilot.press("1")
        await settle(app, pilot)
        assert screen.progress.index == 1 and "You left no note." in text_of(app, "#flag-note")
        await pilot.press("2")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResolveDialog"
        await pilot.press(*"drawing the hill", "enter")
        await settle(app, pilot)
        assert screen.phase == "summary"
        assert text_of(app, "#summary-flags") == "Flags: 1 resolved, 1 kept open."
        assert "Answered" not in text_of(app, "#summary-answers")

    db = open_database(session.db_path)
    assert get_flag(db, confusing.id).is_open
    resolved = get_flag(db, clicked.id)
    assert not resolved.is_open and resolved.resolution_note == "drawing the hill"
    assert review_logs(session) == [
        ("flag", None, confusing.id, None, "still_confused"),
        ("flag", None, clicked.id, None, "resolved"),
    ]


async def test_undo_restores_the_card_exactly_and_steps_back(session, course, settle):
    """u after an answer puts the card row back exactly, removes the log row and the attempt, and
    shows the item again unanswered; from the summary it steps back to the last item."""
    answered_before(session, course, ["condition-exhausted-today", "long-view-ten-months"])
    db = open_database(session.db_path)
    check_in(Learner(db, session.clock), session.now().date(), "okay")
    before = {item: card_row(db, item) for item in ("condition-exhausted-today", "long-view-ten-months")}
    attempts_before = db.execute("SELECT COUNT(*) FROM quiz_attempts").fetchone()
    db.close()
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        first = screen.progress.steps[0].item_id
        await answer(app, pilot, settle, wrong_keys(course.quiz_item(first)))
        assert card_row(open_database(session.db_path), first) != before[first]
        await pilot.press("u")
        await settle(app, pilot)
        assert screen.progress.index == 0 and screen.card.result is None
        assert card_row(open_database(session.db_path), first) == before[first]
        assert review_logs(session)[2:] == []

        await answer(app, pilot, settle, right_keys(course.quiz_item(first)))
        await pilot.press("enter")
        await settle(app, pilot)
        second = screen.progress.steps[1].item_id
        await answer(app, pilot, settle, right_keys(course.quiz_item(second)))
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.phase == "summary"
        await pilot.press("u")
        await settle(app, pilot)
        assert screen.phase == "session" and screen.progress.index == 1 and screen.card.result is None
        assert card_row(open_database(session.db_path), second) == before[second]
        await pilot.press("u")
        await settle(app, pilot)
        assert screen.progress.index == 0
        assert card_row(open_database(session.db_path), first) == before[first]
    db = open_database(session.db_path)
    assert db.execute("SELECT COUNT(*) FROM quiz_attempts").fetchone() == attempts_before
    assert [row[0] for row in review_logs(session)] == ["review", "review"]  # the seeded answers


async def test_undo_never_takes_back_an_answer_made_elsewhere(session, course, settle):
    """After a practice answer made since, u on the review screen leaves both alone and says why."""
    checked_in_with_due(session, course, ["long-view-ten-months"], outcome="incorrect")
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        review = app.screen
        await answer(app, pilot, settle, right_keys(course.quiz_item("long-view-ten-months")))
        app.open_quiz(["advice.long-view"], practice=True)
        await settle(app, pilot)
        await answer(app, pilot, settle, right_keys(app.screen.item))
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is review
        await pilot.press("u")
        await settle(app, pilot)
        assert review.card.result is not None and review.progress.history
        assert any("studytrack undo" in str(n.message) for n in app._notifications)
    assert [row[0] for row in review_logs(session)] == ["review", "review", "practice"]


async def test_practice_leaves_the_cards_untouched(session, course, settle):
    """p on Home is practice: the answer is recorded (attempt and practice log) and no card moves;
    p on the review screen opens the same practice."""
    answered_before(session, course, ["long-view-ten-months"], outcome="incorrect")
    db = open_database(session.db_path)
    before = card_row(db, "long-view-ten-months")
    db.close()
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        quiz = app.screen
        assert type(quiz).__name__ == "QuizScreen" and quiz.practice
        assert quiz.sub_title == "your schedule stays as it is"
        while quiz.item is not None and quiz.item.id != "long-view-ten-months":
            await pilot.press("enter", "enter")
            await settle(app, pilot)
        await answer(app, pilot, settle, wrong_keys(quiz.item))
        assert "review schedule stays as it was" in text_of(app, "#quiz-feedback")
        await pilot.press("escape", "R")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        await pilot.press("p")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "QuizScreen" and app.screen.practice
    db = open_database(session.db_path)
    assert card_row(db, "long-view-ten-months") == before
    practice = db.execute("SELECT item_id, outcome FROM review_logs WHERE kind = 'practice'").fetchall()
    assert practice == [("long-view-ten-months", "incorrect")]
    assert db.execute(
        "SELECT COUNT(*) FROM quiz_attempts WHERE item_id = 'long-view-ten-months'"
    ).fetchone() == (2,)


async def test_a_low_day_is_short_with_one_flag_and_nothing_new(session, course, settle):
    """Checking in low gives at most 5 minutes: the most forgotten items and one flag, nothing
    new; the summary says that's enough for today."""
    items = [item.id for item in course.quiz_items if item.type in ("choice", "truefalse")][:20]
    answered_before(session, course, items)
    db = open_database(session.db_path)
    for topic in ("loss.zero", "gd.idea", "opt.saddle"):
        add_flag(Learner(db, session.clock).at(session.now() - timedelta(days=1)), topic, "math", "")
    db.close()
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert "at most 5 minutes" in text_of(app, "#checkin-low")
        await pilot.press("3")
        await settle(app, pilot)
        kinds = [step.kind for step in screen.progress.steps]
        assert kinds.count("flag") == 1 and "new" not in kinds
        assert 0 < kinds.count("review") < len(items)
        assert screen.today.plan.budget_minutes == 5 and screen.today.plan.estimated_minutes <= 5
        recalls = [step.retrievability for step in screen.progress.steps if step.kind == "review"]
        assert recalls == sorted(recalls)
        assert "low day" in screen.sub_title
        for step in list(screen.progress.steps):
            if step.kind == "flag":
                await pilot.press("1")
            else:
                await answer(app, pilot, settle, right_keys(course.quiz_item(step.item_id)))
                await pilot.press("enter")
            await settle(app, pilot)
        assert screen.phase == "summary"
        assert text_of(app, "#summary-closing") == "That's enough for today. Rest well."


async def test_an_empty_day_gets_a_gentle_message(session, settle):
    """Nothing due on an okay day: a gentle word, no session."""
    db = open_database(session.db_path)
    check_in(Learner(db, session.clock), session.now().date(), "okay")
    db.close()
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.phase == "empty"
        message = text_of(app, "#review-empty")
        assert "Nothing is due today." in message and "Enjoy the day" in message


async def test_on_a_break_there_is_no_check_in_and_nothing_waits(session, course, settle):
    """On a planned break the screen says so, without asking how you feel."""
    answered_before(session, course, ["long-view-ten-months"])
    db = open_database(session.db_path)
    today = session.now().date()
    plan_break(Learner(db, session.clock), today, today + timedelta(days=3))
    db.close()
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.phase == "empty"
        assert "You're on a break until 2026-12-01" in text_of(app, "#review-empty")


async def test_the_app_can_open_on_the_review_screen(session, settle):
    """``studytrack review`` opens the app on the review screen, over Home."""
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "ReviewScreen"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_capital_r_and_s_open_review_and_stats_once(session, settle):
    """R and S work from every screen and never stack a second copy."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("R")
        await settle(app, pilot)
        await pilot.press("R")
        await settle(app, pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "ReviewScreen"]
        await pilot.press("S")
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "ReviewScreen", "StatsScreen"]


def test_every_key_of_review_and_stats_has_a_label_in_both_languages():
    """The help and the footer can name every key of the new screens."""
    from studytrack.ui.keys import KEYS, action_name
    from studytrack.ui.screens.review import ReviewScreen
    from studytrack.ui.screens.stats import StatsScreen

    for cls in (ReviewScreen, StatsScreen):
        for binding in Binding.make_bindings(cls.BINDINGS):
            assert action_name(binding) in KEYS.entries, f"{cls.__name__}: {binding.action}"


@pytest.mark.parametrize("name", ["review", "stats"])
async def test_the_help_lists_every_key_of_review_and_stats(name, session, settle):
    """? on the review and stats screens lists each of their keys with its label."""
    from studytrack.ui.app import screen_class
    from studytrack.ui.keys import KEYS, action_name

    app = make_app(session, initial_screen=name)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_help()
        await pilot.pause()
        shown = app.screen.help_text()
        for binding in Binding.make_bindings(screen_class(name).BINDINGS):
            assert KEYS(action_name(binding), "en") in shown, binding.action


async def test_the_review_screen_speaks_korean(session, course, settle):
    """ctrl+l redraws the session in Korean, keeping the item and what was typed."""
    checked_in_with_due(session, course, ["long-view-ten-months"])
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert "1개 중 1번째 · 복습" in text_of(app, "#quiz-progress")
        assert app.screen.sub_title.startswith("컨디션 보통")


async def test_looking_at_the_lesson_before_answering_counts_as_a_hint(session, course, settle):
    """Opening the item's lesson section (o) before a right answer rates it Hard, not Good."""
    answered_before(session, course, ["condition-exhausted-today"])
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        review = app.screen
        await pilot.press("o")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "LessonScreen"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is review
        await answer(app, pilot, settle, right_keys(course.quiz_item("condition-exhausted-today")))
        assert "✓" in text_of(app, "#quiz-feedback")
    ratings = [row[3] for row in review_logs(session) if row[0] == "review"]
    assert ratings[-1] == 2  # fsrs Rating.Hard


async def test_ctrl_z_undoes_while_the_next_typed_answer_box_has_the_keys(session, course, settle):
    """Before anything is typed for a text item, u would type into the box: ctrl+z (shown in the
    footer) takes the previous answer back instead, and the box stays empty."""
    answered_before(session, course, ["condition-exhausted-today"], outcome="incorrect")
    db = open_database(session.db_path)
    typed = course.quiz_item("gd-idea-name")
    record_answer(db, typed, check_quiz_answer(typed, "gradient descent"), session.now() - EARLIER)
    check_in(Learner(db, session.clock), session.now().date(), "okay")
    db.close()
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert [step.item_id for step in screen.progress.steps] == ["condition-exhausted-today", "gd-idea-name"]
        await answer(app, pilot, settle, right_keys(course.quiz_item("condition-exhausted-today")))
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.progress.index == 1 and isinstance(app.focused, Input)
        assert "Undo" in {b.binding.description for b in screen.active_bindings.values()}
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert screen.progress.index == 0 and screen.card.result is None
        assert [row[0] for row in review_logs(session)] == ["review", "review"]


async def test_escape_asks_before_leaving_a_half_done_session(session, course, settle):
    """Esc after one of two items asks; n stays on the session, y leaves with the answer kept."""
    checked_in_with_due(session, course, ["condition-exhausted-today", "long-view-ten-months"])
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("review")
        await settle(app, pilot)
        screen = app.screen
        first = screen.progress.steps[0].item_id
        await answer(app, pilot, settle, right_keys(course.quiz_item(first)))
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert "1 of 2 done" in str(app.screen.query_one(".panel-title").render())
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HomeScreen"
    assert len(review_logs(session)) == 3


async def test_escape_before_any_answer_leaves_without_asking(session, course, settle):
    """Nothing answered yet: Esc simply goes back."""
    checked_in_with_due(session, course, ["condition-exhausted-today"])
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_screen("review")
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_an_answer_and_its_undo_update_the_step_in_place(session, course, settle):
    """The screen is composed once: an answer shows its check on the card shown, u clears that
    same card (nothing picked, the choices unlocked), and the next step replaces only the step;
    the header and the footer stay the widgets they were."""
    checked_in_with_due(session, course, ["condition-exhausted-today", "long-view-ten-months"])
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        header, footer, card = screen.query_one(Header), screen.query_one(KeysLine), screen.card
        first = course.quiz_item(screen.progress.steps[0].item_id)
        await answer(app, pilot, settle, wrong_keys(first))
        assert screen.card is card and card.graded and "✗" in text_of(app, "#quiz-feedback")
        await pilot.press("u")
        await settle(app, pilot)
        assert screen.card is card and card.result is None and card.answer == ""
        choices = card.query_one("#quiz-choices", OptionList)
        assert choices.highlighted is None and not choices.locked and app.focused is choices
        assert not screen.query_one("#quiz-feedback").display
        assert text_of(app, "#review-status").startswith("Undone")
        await answer(app, pilot, settle, right_keys(first))
        assert not screen.query_one("#review-status").display  # a new answer clears the status line
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.progress.index == 1 and screen.card is not card
        assert screen.query_one(Header) is header and screen.query_one(KeysLine) is footer


async def test_the_answered_choices_keep_the_focus_and_hand_the_keys_to_the_screen(session, course, settle):
    """After an answer the choices stay focused but locked: the arrows scroll the body instead of
    moving the answer's highlight, a number picks nothing, and the screen's keys work from the
    list: u takes the answer back, and Enter, after a new answer, goes on without checking again."""
    checked_in_with_due(session, course, ["condition-exhausted-today", "long-view-ten-months"])
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        first, logged = course.quiz_item(screen.progress.steps[0].item_id), len(review_logs(session))
        await answer(app, pilot, settle, wrong_keys(first))
        choices, body = screen.query_one("#quiz-choices", OptionList), screen.query_one("#review-body")
        highlighted, top = choices.highlighted, body.scroll_y
        assert app.focused is choices and choices.locked and body.max_scroll_y > 0
        await pilot.press("up", "up", "1")  # the feedback was brought into view: the body scrolls back up
        await settle(app, pilot)
        assert choices.highlighted == highlighted and body.scroll_y < top and app.focused is choices
        await pilot.press("u")
        await settle(app, pilot)
        assert not choices.locked and choices.highlighted is None and len(review_logs(session)) == logged
        await answer(app, pilot, settle, right_keys(first))
        assert len(review_logs(session)) == logged + 1 and screen.card.graded
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.progress.index == 1 and len(review_logs(session)) == logged + 1


async def test_an_answer_that_makes_the_card_scroll_keeps_its_text_where_it_was(session, course, settle):
    """At 80×20 the checked card no longer fits and the body's scrollbar appears, in the gutter
    kept for it: the prompt and the choices keep their width (nothing is wrapped again under the
    learner's eyes), and the answered choices keep the focus, so nothing repaints the screen."""
    checked_in_with_due(session, course, ["condition-exhausted-today"])
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        body = screen.query_one("#review-body")
        prompt, choices = screen.query_one("#quiz-prompt"), screen.query_one("#quiz-choices")
        widths = (prompt.size.width, choices.size.width)
        assert body.max_scroll_y == 0
        repaints = []
        screen.refresh = lambda *regions, **how: repaints.append(how) or type(screen).refresh(screen, *regions, **how)
        await answer(app, pilot, settle, wrong_keys(course.quiz_item("condition-exhausted-today")))
        assert body.max_scroll_y > 0 and body.show_vertical_scrollbar
        assert (prompt.size.width, choices.size.width) == widths
        assert app.focused is choices and repaints == []


async def test_the_footer_is_redrawn_only_when_its_keys_change(session, course, settle):
    """Asking for the keys again without a change leaves the footer's line as drawn; an answer
    adds undo to it, its undo drops that key and the next answer lists it again, the footer
    staying one widget throughout."""
    app = make_app(checked_in_with_due(session, course, ["condition-exhausted-today"]), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        footer = screen.query_one(KeysLine)
        drawn = footer.content
        screen.refresh_bindings()
        await settle(app, pilot)
        assert footer.content is drawn  # the same keys: the line was not drawn again
        assert "undo" not in {action for _, action, *_ in footer.listed}
        assert "u Undo" not in str(footer.render())
        for _ in range(2):  # answer, undo, answer again
            await answer(app, pilot, settle, right_keys(course.quiz_item("condition-exhausted-today")))
            assert "undo" in {action for _, action, *_ in footer.listed}
            assert "u Undo" in str(footer.render())
            await pilot.press("u")
            await settle(app, pilot)
            assert "undo" not in {action for _, action, *_ in footer.listed}
            assert "u Undo" not in str(footer.render())
        assert list(screen.query(KeysLine)) == [footer] and not footer.children


async def test_the_footer_lists_the_keys_that_work_now(session, course, settle):
    """The footer lists the keys shown now, one per action, as Textual's compact footer does: on
    an unanswered choice item (the choices have Enter) help, flag, back and the language; after
    the answer, check and undo join them."""
    app = make_app(checked_in_with_due(session, course, ["condition-exhausted-today"]), initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        footer = app.screen.query_one(KeysLine)
        assert [(key, action) for key, action, *_ in footer.listed] == [
            ("question_mark", "help"), ("f", "flag_item"), ("escape", "leave"), ("ctrl+l", "switch_language")]
        assert str(footer.render()) == "? Help f Flag esc Back ^l 한국어"
        await answer(app, pilot, settle, right_keys(course.quiz_item("condition-exhausted-today")))
        assert [action for _, action, *_ in footer.listed] == [
            "help", "check", "flag_item", "undo", "leave", "switch_language"]
        assert str(footer.render()) == "? Help ⏎ Check / next f Flag u Undo esc Back ^l 한국어"


async def test_an_undo_is_drawn_with_nothing_else_happening(session, course, settle, monkeypatch):
    """``u`` draws the card asked afresh by itself (the key holds frames back while the card lays
    itself out, then prompts the screen): posted and left alone, no pilot call prompting it."""
    checked_in_with_due(session, course, ["condition-exhausted-today", "long-view-ten-months"])
    app = make_app(session, initial_screen="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await answer(app, pilot, settle, wrong_keys(course.quiz_item(screen.progress.steps[0].item_id)))
        await pilot.pause(0.2)
        feedback = screen.query_one("#quiz-feedback")
        assert feedback.region.height > 0
        shown = frames_drawn(monkeypatch, screen, lambda: feedback.region.height)
        app.post_message(events.Key("u", "u"))
        await asyncio.sleep(0.5)
        assert screen.card.result is None
        assert shown and shown[-1] == 0, shown
