"""Scheduling with FSRS: grading, growing and shrinking intervals, recording answers, practice,
flag reviews and undo that restores every field."""

import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizResult, check_quiz_answer
from studytrack.domain.planning.forgetting import DECAY, recall_probability
from studytrack.domain.planning.schedule import interval_days, rating_for, retrievability, review
from studytrack.errors import StudytrackError
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import answer_outlook, record_answer
from studytrack.store.cards import card_for, card_row
from studytrack.store.database import open_database
from studytrack.store.flag_reviews import review_flag
from studytrack.store.flags import add_flag, get_flag
from studytrack.store.quiz_attempts import quiz_attempts
from studytrack.store.settings import set_setting
from studytrack.store.undo import undo_last_review

COURSE = load_course(bundled_content_dir())
ITEM = COURSE.quiz_items[0]
OTHER = COURSE.quiz_items[1]
START = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def answer(db, item, outcome, now, **options):
    """Record ``outcome`` for ``item`` as if checked."""
    return record_answer(db, item, QuizResult(item.id, outcome, "", None, "x"), now, **options)


def table(db, name):
    return db.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall()


def test_outcomes_map_to_ratings():
    assert rating_for("correct") == Rating.Good
    assert rating_for("correct", hinted=True) == Rating.Hard
    assert rating_for("incorrect") == Rating.Again
    assert rating_for("incorrect", hinted=True) == Rating.Again
    assert rating_for("invalid") is None
    assert rating_for("not_attempted") is None


def test_intervals_grow_with_good_and_shrink_with_again(now):
    card, moment, intervals = None, now, []
    for _ in range(6):  # months of "Good", each answered when due
        card = review(card, "q", Rating.Good, moment)
        intervals.append(interval_days(card))
        moment = card.due
    assert card.state == State.Review
    assert intervals == sorted(intervals) and intervals[-1] > 60 > intervals[0]
    assert moment - now > timedelta(days=100)
    lapsed = review(card, "q", Rating.Again, moment)
    assert interval_days(lapsed) < intervals[-1] / 4
    assert lapsed.stability < card.stability
    recovered = review(lapsed, "q", Rating.Good, lapsed.due)
    assert interval_days(recovered) > interval_days(lapsed)


def test_scheduling_is_deterministic_and_day_granular(now):
    first = review(None, "q", Rating.Again, now)
    assert first == review(None, "q", Rating.Again, now)
    assert first.due - now >= timedelta(days=1)  # no minute steps: never again the same sitting
    hard, good = review(None, "q", Rating.Hard, now), review(None, "q", Rating.Good, now)
    assert first.due <= hard.due <= good.due
    assert retrievability(good, now) == 1.0
    assert 0 < retrievability(good, now + timedelta(days=30)) < 0.9


@settings(max_examples=200)
@given(stability=st.floats(min_value=0.001, max_value=36500), hours=st.integers(0, 24 * 3650))
def test_the_forgetting_curve_is_fsrs_own_bit_for_bit(stability, hours):
    assert DEFAULT_PARAMETERS[20] == -DECAY
    last = START - timedelta(hours=hours)
    card = Card(card_id=1, state=State.Review, stability=stability, difficulty=5.0, due=START,
                last_review=last)
    assert recall_probability(stability, last, START) == Scheduler().get_card_retrievability(
        card, START)
    assert recall_probability(None, None, START) == 0.0


def test_review_times_must_be_aware(now):
    with pytest.raises(ValueError):
        review(None, "q", Rating.Good, now.replace(tzinfo=None))


def test_an_answer_records_the_attempt_and_schedules_the_card(db, now):
    result = check_quiz_answer(ITEM, str(ITEM.answer))
    recorded = record_answer(db, ITEM, result, now, seconds=12.5)
    assert recorded.kind == "review" and recorded.rating == Rating.Good
    assert quiz_attempts(db, ITEM.id)[0].seconds == 12.5
    row = card_row(db, ITEM.id)
    assert row["topic_id"] == ITEM.topic and row["reps"] == 1 and row["lapses"] == 0
    assert row["last_review"] == "2026-11-28T09:30:00+00:00"
    assert card_for(db, ITEM.id) == recorded.card
    log = db.execute("SELECT kind, item_id, rating, outcome, seconds, previous, elapsed_days "
                     "FROM review_logs").fetchall()
    assert log == [("review", ITEM.id, 3, "correct", 12.5, None, None)]
    again = answer(db, ITEM, "incorrect", now + timedelta(days=3))
    assert again.card.stability < recorded.card.stability
    row = card_row(db, ITEM.id)
    assert (row["reps"], row["lapses"]) == (2, 1)
    assert db.execute("SELECT elapsed_days FROM review_logs ORDER BY id DESC").fetchone()[0] == 3


def test_invalid_or_empty_answers_only_record_the_attempt(db, now):
    for outcome in ("invalid", "not_attempted"):
        recorded = answer(db, ITEM, outcome, now)
        assert recorded.kind is None and recorded.card is None and recorded.log_id is None
    assert len(quiz_attempts(db)) == 2
    assert table(db, "cards") == [] and table(db, "review_logs") == []


def test_a_hinted_correct_answer_is_rated_hard(db, now):
    hinted = answer(db, ITEM, "correct", now, hinted=True)
    plain = answer(db, OTHER, "correct", now)
    assert hinted.rating == Rating.Hard and hinted.card.due < plain.card.due


def test_practice_is_recorded_but_leaves_the_schedule_untouched(db, now):
    answer(db, ITEM, "correct", now)
    before = card_row(db, ITEM.id)
    for outcome in ("incorrect", "correct", "incorrect"):
        practice = answer(db, ITEM, outcome, now + timedelta(days=1), practice=True)
        assert practice.kind == "practice"
    assert card_row(db, ITEM.id) == before
    new_item = answer(db, OTHER, "correct", now, practice=True)
    assert new_item.card is None and card_row(db, OTHER.id) is None
    kinds = [row[0] for row in db.execute("SELECT kind FROM review_logs ORDER BY id")]
    assert kinds == ["review", "practice", "practice", "practice", "practice"]
    assert len(quiz_attempts(db)) == 5


def test_undo_restores_the_exact_card_then_the_one_before(db, now):
    answer(db, ITEM, "correct", now)
    first = card_row(db, ITEM.id)
    answer(db, ITEM, "correct", now + timedelta(days=2, hours=3))
    second = card_row(db, ITEM.id)
    answer(db, ITEM, "incorrect", now + timedelta(days=9, minutes=7))
    assert card_row(db, ITEM.id) != second

    undone = undo_last_review(db, now)
    assert undone.kind == "review" and undone.outcome == "incorrect"
    assert card_row(db, ITEM.id) == second  # every column, floats bit for bit
    assert undone.card == card_for(db, ITEM.id)
    assert undo_last_review(db, now).card == card_for(db, ITEM.id)
    assert card_row(db, ITEM.id) == first
    first_undo = undo_last_review(db, now)
    assert first_undo.card is None and card_row(db, ITEM.id) is None
    assert undo_last_review(db, now) is None
    assert table(db, "review_logs") == [] and quiz_attempts(db) == []


def test_flag_reviews_are_logged_and_undone(db, now, learner):
    flag = add_flag(learner, "gd.learning-rate", "math", "why does it diverge?")
    still = review_flag(learner, flag.id, True, "still lost", seconds=90)
    assert still.flag.is_open and still.still_confused
    clicked = review_flag(learner.at(now + timedelta(days=1)), flag.id, False, "the step overshoots")
    assert not clicked.flag.is_open and clicked.flag.resolution_note == "the step overshoots"
    with pytest.raises(StudytrackError):
        review_flag(learner.at(now + timedelta(days=2)), flag.id, True, "")

    undone = undo_last_review(db, now)
    assert undone.kind == "flag" and undone.flag_id == flag.id
    assert get_flag(db, flag.id) == flag  # open again, exactly as before
    undo_last_review(db, now)
    assert get_flag(db, flag.id) == flag and table(db, "review_logs") == []


OUTCOMES = st.sampled_from(["correct", "incorrect", "invalid", "not_attempted"])
STEP = st.tuples(
    st.sampled_from([0, 1]),  # which item
    OUTCOMES,
    st.booleans(),  # hinted
    st.booleans(),  # practice
    st.integers(min_value=0, max_value=40 * 24),  # hours until the next answer
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=1, max_size=12))
def test_undo_always_restores_every_earlier_state(steps):
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "s.db")
        db.execute("PRAGMA synchronous=OFF")
        moment, snapshots = START, []
        items = (ITEM, OTHER)
        for which, outcome, hinted, practice, hours in steps:
            state = (table(db, "cards"), table(db, "review_logs"), table(db, "quiz_attempts"))
            recorded = answer(db, items[which], outcome, moment, hinted=hinted, practice=practice)
            if recorded.log_id is not None:
                snapshots.append(state)
            moment += timedelta(hours=hours)
        for state in reversed(snapshots):
            undone = undo_last_review(db, moment)
            assert undone is not None
            assert (table(db, "cards"), table(db, "review_logs")) == state[:2]
        assert undo_last_review(db, moment) is None
        assert table(db, "cards") == [] and table(db, "review_logs") == []
        db.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=1, max_size=12), retention=st.sampled_from(["0.8", "0.9", "0.95"]))
def test_the_outlook_read_before_an_answer_foresees_the_card_it_stores(steps, retention):
    """What the review screen reads with the session (``answer_outlook``) schedules each graded
    answer as ``record_answer`` then stores it, through practice, hints and other items' answers,
    at any desired retention: the day an answer's feedback foresees is the day it shows."""
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "s.db")
        db.execute("PRAGMA synchronous=OFF")
        set_setting(db, "desired_retention", retention)
        moment, items = START, (ITEM, OTHER)
        for which, outcome, hinted, practice, hours in steps:
            item = items[which]
            outlook = answer_outlook(db, [ITEM.id, OTHER.id, "no-such-item"])
            assert set(outlook.cards) == {i.id for i in items if card_for(db, i.id) is not None}
            assert outlook.retention == float(retention) and outlook.parameters is None
            recorded = answer(db, item, outcome, moment, hinted=hinted, practice=practice)
            rating = rating_for(outcome, hinted)
            if rating is not None and not practice:
                expected = review(outlook.cards.get(item.id), item.id, rating, moment, outlook.retention,
                                  outlook.parameters)
                assert recorded.card is not None and recorded.card.to_dict() == expected.to_dict()
            moment += timedelta(hours=hours)
        assert answer_outlook(db, []).cards == {}
        db.close()


def test_the_outlook_loads_the_scheduler_even_before_any_card(tmp_path):
    """A new learner's first session has no card: reading its outlook (in the review screen's
    worker) still imports fsrs and makes the scheduler, which the UI thread then finds ready."""
    code = (
        "import sys\n"
        "from studytrack.store.database import open_database\n"
        "from studytrack.store.answers import answer_outlook\n"
        f"db = open_database({str(tmp_path / 'new.db')!r})\n"
        "assert 'fsrs' not in sys.modules\n"
        "outlook = answer_outlook(db, ['no-card-yet'])\n"
        "from studytrack.domain.planning.schedule import scheduler\n"
        "assert outlook.cards == {} and 'fsrs' in sys.modules\n"
        "assert scheduler.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
