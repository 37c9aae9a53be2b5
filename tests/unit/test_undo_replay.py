"""Undoing a review recomputes its card from the reviews left in its log: reviews imported from
another machine after the undone one keep their effect, each review replays with the FSRS
parameters in force when it was made, and undo still never takes back an imported review."""

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studytrack.clock import fixed_clock, to_iso
from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizResult
from studytrack.domain.planning.fitting import DEFAULT_WEIGHTS
from studytrack.domain.planning.forgetting import DECAY_INDEX
from studytrack.domain.planning.parameters import Fit, Score
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.database import open_database
from studytrack.store.fitting import accept_fit
from studytrack.store.learner import Learner
from studytrack.store.transfer import export_lines, import_records
from studytrack.store.undo import undo_last_review, undo_latest

COURSE = load_course(bundled_content_dir())
ITEM = COURSE.quiz_items[0]
T1 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
FITTED = tuple(0.5 if index == DECAY_INDEX else weight * (1.3 if index in (2, 3) else 1)
               for index, weight in enumerate(DEFAULT_WEIGHTS))


def answer(db, outcome: str, moment: datetime) -> None:
    record_answer(db, ITEM, QuizResult(ITEM.id, outcome, "", None, "x"), moment)


def fresh_db():
    return open_database(Path(tempfile.mkdtemp()) / "studytrack.db")


def card(db):
    return db.execute("SELECT * FROM cards").fetchall()


def test_undoing_a_local_review_keeps_a_later_imported_review_of_the_same_card(db):
    other = fresh_db()
    answer(db, "correct", T1)
    answer(other, "incorrect", T1 + timedelta(days=2))
    import_records(db, export_lines(other, "9.9.9", "2026-12-01T00:00:00+00:00"))
    only_imported = fresh_db()
    answer(only_imported, "incorrect", T1 + timedelta(days=2))
    stored_before = card(db)

    undone = undo_last_review(db, T1 + timedelta(days=2))

    assert undone is not None and undone.created_at == to_iso(T1)
    assert card(db) == card(only_imported) != stored_before
    assert undone.card is not None and undone.card.stability == card(only_imported)[0][4]
    assert undo_last_review(db, T1 + timedelta(days=2)) is None  # the imported review stays
    assert db.execute("SELECT count(*) FROM review_logs WHERE imported = 1").fetchone()[0] == 1


def test_the_journal_undo_replays_too(db):
    other = fresh_db()
    learner = Learner(db, fixed_clock(T1 + timedelta(hours=1)))
    answer(other, "correct", T1 - timedelta(days=3))
    answer(other, "correct", T1 + timedelta(minutes=30))
    answer(db, "incorrect", T1)
    import_records(db, export_lines(other, "9.9.9", "2026-12-01T00:00:00+00:00"))
    only_imported = fresh_db()
    answer(only_imported, "correct", T1 - timedelta(days=3))
    answer(only_imported, "correct", T1 + timedelta(minutes=30))

    undone = undo_latest(learner)

    assert undone is not None and undone.entry.kind == "review"
    assert card(db) == card(only_imported)


def test_undoing_the_only_review_removes_the_card(db):
    answer(db, "correct", T1)
    assert undo_last_review(db, T1).card is None
    assert card(db) == []


def test_each_remaining_review_replays_with_the_parameters_then_in_force(db):
    accepted_at = T1 + timedelta(days=1)
    answer(db, "correct", T1)
    accept_fit(db, Fit(FITTED, Score(0.5, 0.1), Score(0.4, 0.05), 500), accepted_at)
    db.execute("UPDATE setting_changes SET changed_at = ? WHERE key = 'fsrs_parameters'", [to_iso(accepted_at)])
    answer(db, "correct", T1 + timedelta(days=3))
    with_fit = card(db)
    answer(db, "incorrect", T1 + timedelta(days=9))

    undo_last_review(db, T1 + timedelta(days=9))

    assert card(db) == with_fit
    reference = fresh_db()
    answer(reference, "correct", T1)
    answer(reference, "correct", T1 + timedelta(days=3))  # with FSRS's defaults throughout
    assert card(reference) != with_fit
