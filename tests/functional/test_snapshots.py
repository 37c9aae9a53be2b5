"""SVG snapshots of every screen at 80×24, on a temporary database and the fixed clock.

Update them with ``pytest tests/functional/test_snapshots.py --snapshot-update`` and look at the
report before committing.
"""

from datetime import timedelta

import pytest
from snapshot_steps import then

from studytrack.clock import fixed_clock
from studytrack.store.database import open_database
from studytrack.store.flags import add_flag, resolve_flag
from studytrack.store.journal import check_in, rate_lesson, set_goal
from studytrack.store.learner import Learner
from studytrack.store.quiz_attempts import record_quiz_attempt
from studytrack.ui.app import make_app


@pytest.fixture
def lived_in(session):
    """A learner a few weeks in: check-ins, answers, a goal, a rated lesson and three flags."""
    db = open_database(session.db_path)
    now = session.now()
    learner = Learner(db, fixed_clock(now))
    for days_ago in (0, 1, 2, 4, 8, 9, 15, 23, 30, 44, 45, 60):
        moment = now - timedelta(days=days_ago)
        check_in(learner.at(moment), moment.date(), "good" if days_ago % 3 else "okay")
        for number in range(days_ago % 7):
            outcome = "incorrect" if number == 1 else "correct"
            record_quiz_attempt(db, "gd-lr-too-large", "gd.learning-rate", "2", outcome, moment, 12.0)
    set_goal(learner.at(now - timedelta(days=20)), "ship a small image classifier that my team actually uses")
    rate_lesson(learner.at(now - timedelta(days=30)), "how-to-study", "just_right")
    add_flag(learner.at(now - timedelta(days=9)), "loss.notation", "notation", "why is x a constant here?")
    add_flag(learner.at(now - timedelta(days=2)), "gd.learning-rate", "intuition", "what does too large look like?")
    add_flag(learner.at(now - timedelta(days=1)), "opt.saddle", "math", "")
    resolved = add_flag(learner.at(now - timedelta(days=12)), "loss.zero", "math", "zero of what?")
    resolve_flag(learner.at(now - timedelta(days=5)), resolved.id, "the valley picture")
    record_quiz_attempt(db, "notation-predict-one", "loss.notation", "3", "incorrect", now)
    return session


# ── home ────────────────────────────────────────────────────────────────────────────────


def test_home_first_run(snap_compare, session):
    """Home on an empty database: check in first, no goal yet, an empty calendar."""
    assert snap_compare(make_app(session), run_before=then())


def test_home_lived_in(snap_compare, lived_in):
    """Home with a check-in, lessons to continue, topics to practise, flags, goal and calendar."""
    assert snap_compare(make_app(lived_in), run_before=then())


def test_home_korean(snap_compare, lived_in):
    """Home in Korean: wide characters line up at 80 columns."""
    lived_in.lang = "ko"
    assert snap_compare(make_app(lived_in), run_before=then())


def test_home_light_theme(snap_compare, lived_in):
    """Home in the light theme."""
    assert snap_compare(make_app(lived_in), press=["ctrl+t"], run_before=then())


def test_home_goal_dialog(snap_compare, lived_in):
    """The goal dialog, holding the current goal."""
    assert snap_compare(make_app(lived_in), press=["g"], run_before=then())


def test_home_help(snap_compare, session):
    """The help lists Home's keys and the global ones."""
    assert snap_compare(make_app(session), press=["question_mark"], run_before=then())


# ── lesson ──────────────────────────────────────────────────────────────────────────────


def test_lesson_first_section(snap_compare, session):
    """A lesson's first section with its introduction and the table of contents."""
    assert snap_compare(make_app(session), run_before=then(lambda app: app.open_lesson("loss-function")))


def test_lesson_korean(snap_compare, session):
    """A lesson section in Korean."""
    session.lang = "ko"
    open_section = then(lambda app: app.open_lesson("gradient-descent", "gd.learning-rate"))
    assert snap_compare(make_app(session), run_before=open_section)


def test_lesson_flag_dialog(snap_compare, session):
    """f on a section: what kind of confusion, and what exactly?"""
    open_section = then(lambda app: app.open_lesson("loss-function", "loss.notation"))
    assert snap_compare(make_app(session), press=["f"], run_before=open_section)


def test_lesson_last_section_and_rating(snap_compare, session):
    """After the last section, n asks how the lesson was."""
    open_section = then(lambda app: app.open_lesson("closed-form-hard", "opt.normal-equations"))
    assert snap_compare(make_app(session), press=["n"], run_before=open_section)


# ── quiz ────────────────────────────────────────────────────────────────────────────────


def test_quiz_choice_item(snap_compare, session):
    """A choice item before answering: numbered choices, the hint line."""
    ask = then(lambda app: app.open_screen("quiz", item_ids=["parametric-which-models"]))
    assert snap_compare(make_app(session), run_before=ask)


def test_quiz_wrong_answer_with_explanation(snap_compare, session):
    """A wrong choice: what was answered, and the explanation."""
    ask = then(lambda app: app.open_screen("quiz", item_ids=["parametric-which-models"]))
    assert snap_compare(make_app(session), press=["3", "enter"], run_before=ask)


def test_quiz_invalid_number(snap_compare, session):
    """A decimal comma in a numeric answer: why it can't be checked."""
    ask = then(lambda app: app.open_screen("quiz", item_ids=["notation-predict-one"]))
    assert snap_compare(make_app(session), press=["4", ",", "1", "enter"], run_before=ask)


def test_quiz_summary(snap_compare, session):
    """The summary: how many right, and the topics to revisit."""
    ask = then(lambda app: app.open_screen("quiz", item_ids=["loss-zero-meaning", "notation-x-is-given"]))
    keys = ["1", "enter", "enter", "f", "enter", "enter"]
    assert snap_compare(make_app(session), press=keys, run_before=ask)


# ── flags ───────────────────────────────────────────────────────────────────────────────


def test_flags_open(snap_compare, lived_in):
    """The open flags, oldest first, with topic, category, age and note."""
    assert snap_compare(make_app(lived_in, initial_screen="flags"), run_before=then())


def test_flags_math_with_resolved(snap_compare, lived_in):
    """Only math flags, resolved ones included with what made them click."""
    keys = ["c", "c", "c", "c", "a"]
    assert snap_compare(make_app(lived_in, initial_screen="flags"), press=keys, run_before=then())


def test_flags_resolve_dialog(snap_compare, lived_in):
    """r: what made it click?"""
    assert snap_compare(make_app(lived_in, initial_screen="flags"), press=["r"], run_before=then())


# ── errors ──────────────────────────────────────────────────────────────────────────────


def test_error_screen(snap_compare, session):
    """A database that can't be used: the message, and nothing lost."""
    message = "/home/learner/studytrack.db is not a SQLite database; move it away or pass another --db PATH."
    assert snap_compare(make_app(session), run_before=then(lambda app: app.show_error(message)))
