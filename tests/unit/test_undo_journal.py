"""The learner can correct their own record: every entry is undoable the same study day, newest
first; flags are edited, moved, deleted and brought back; breaks are listed, cancelled and never
overlap; notes have a cap; where reading stopped is remembered."""

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizResult
from studytrack.errors import StudytrackError, UnknownIdError
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.breaks import breaks, cancel_break, plan_break, upcoming_breaks
from studytrack.store.database import open_database
from studytrack.store.flag_reviews import review_flag
from studytrack.store.flags import (
    MAX_NOTE_LENGTH,
    NoteTooLongError,
    add_flag,
    add_to_flag,
    delete_flag,
    edit_flag,
    get_flag,
    list_flags,
    open_flag_on,
    resolve_flag,
)
from studytrack.store.journal import (
    check_in,
    checkin_for,
    current_goal,
    latest_ratings,
    rate_lesson,
    reading_position,
    remember_reading,
    set_goal,
)
from studytrack.store.undo import (
    entry_for_review_log,
    latest_entry,
    undo_entry,
    undo_last_review,
    undo_latest,
    undo_review,
)

COURSE = load_course(bundled_content_dir())
TODAY = date(2026, 11, 28)


def test_every_kind_of_entry_is_undone_newest_first_and_says_what_it_was(learner, db):
    check_in(learner, TODAY, "low")
    set_goal(learner, "first goal")
    set_goal(learner, "second goal")
    rate_lesson(learner, "loss-function", "too_hard")
    planned = plan_break(learner, TODAY + timedelta(days=2), TODAY + timedelta(days=3))
    made = add_flag(learner, "loss.zero", "math", "why zero?")
    edit_flag(learner, made.id, category="notation")
    resolve_flag(learner, made.id, "y equals y hat")
    said = []
    while (undone := undo_latest(learner)) is not None:
        said.append(undone.describe("en"))
    assert said == [
        "Undid resolving flag 1 (loss.zero); it is open again.",
        "Undid your change to flag 1 (loss.zero); it is as it was before.",
        "Undid making flag 1 (loss.zero); it is gone.",
        f"Undid planning break {planned.id} (2026-11-30 to 2026-12-01).",
        "Undid your rating 'too_hard' of lesson 'loss-function'.",
        "Undid your goal change ('second goal'); the goal before is back.",
        "Undid your goal change ('first goal'); the goal before is back.",
        "Undid your check-in 'low' for 2026-11-28.",
    ]
    assert list_flags(db, include_resolved=True) == [] and breaks(db) == []
    assert checkin_for(db, TODAY) is None and current_goal(db) is None and latest_ratings(db) == {}
    assert undo_latest(learner) is None


def test_a_goal_change_undone_brings_the_goal_before_back(learner, db):
    set_goal(learner, "ship a project")
    set_goal(learner, "typo")
    assert "되돌렸어요" in undo_latest(learner).describe("ko")
    assert current_goal(db).text == "ship a project"


def test_reviews_join_the_same_journal_and_undo_restores_the_card(learner, db, now):
    item = COURSE.quiz_items[0]
    check_in(learner, TODAY, "good")
    recorded = record_answer(db, item, QuizResult(item.id, "correct", "", None, "x"), now)
    entry = latest_entry(db, now)
    assert entry.kind == "review" and entry.id == entry_for_review_log(db, recorded.log_id)
    assert "Undid your answer to" in undo_latest(learner).describe("en")
    assert db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0
    assert undo_latest(learner).entry.kind == "checkin"


def test_the_review_screens_own_step_back_drops_the_journal_entry_too(learner, db, now):
    item = COURSE.quiz_items[0]
    check_in(learner, TODAY, "good")
    record_answer(db, item, QuizResult(item.id, "incorrect", "", None, "x"), now)
    assert undo_last_review(db, now).item_id == item.id
    assert latest_entry(db, now).kind == "checkin"


def test_the_review_screens_undo_never_takes_back_an_answer_logged_in_between(db, now):
    """The screen undoes the answer the learner saw; one another process logged since stays."""
    first, second = COURSE.quiz_items[0], COURSE.quiz_items[1]
    seen = record_answer(db, first, QuizResult(first.id, "incorrect", "", None, "x"), now)
    record_answer(db, second, QuizResult(second.id, "correct", "", None, "y"), now)  # e.g. `studytrack quiz check`
    assert undo_review(db, seen.log_id) == "changed"
    assert db.execute("SELECT COUNT(*) FROM review_logs").fetchone()[0] == 2
    newest = db.execute("SELECT MAX(id) FROM review_logs").fetchone()[0]
    assert undo_review(db, newest).item_id == second.id
    assert undo_review(db, seen.log_id).item_id == first.id
    assert undo_review(db, seen.log_id) is None


def test_a_flag_review_that_resolved_is_one_entry_not_two(learner, db):
    made = add_flag(learner, "gd.idea", "intuition", "")
    review_flag(learner, made.id, still_confused=False, note="drew it")
    assert undo_latest(learner).entry.kind == "review"
    assert get_flag(db, made.id).is_open
    assert undo_latest(learner).entry.kind == "flag"


def test_undo_stays_within_the_current_study_day(learner, db, now):
    yesterday = learner.at(now - timedelta(days=1))
    check_in(yesterday, TODAY - timedelta(days=1), "good")
    add_flag(yesterday, "loss.zero", "math", "old")
    assert undo_latest(learner) is None
    assert len(list_flags(db)) == 1 and checkin_for(db, TODAY - timedelta(days=1)) is not None


def test_imported_reviews_are_never_journaled_nor_undone(learner, db, now):
    db.execute(
        "INSERT INTO review_logs (kind, item_id, topic_id, outcome, created_at, imported) "
        "VALUES ('review', 'x', 'loss.zero', 'correct', ?, 1)", [now.isoformat()])
    assert latest_entry(db, now) is None and undo_latest(learner) is None
    assert db.execute("SELECT COUNT(*) FROM review_logs").fetchone()[0] == 1


def test_undo_entry_undoes_only_the_entry_the_learner_saw(learner, db):
    seen = add_flag(learner, "loss.zero", "math", "mine")
    seen_id = latest_entry(db, learner.now()).id
    check_in(learner, TODAY, "okay")  # arrives from another process in between
    assert undo_entry(learner, seen_id) == "changed"
    assert len(list_flags(db)) == 1 and checkin_for(db, TODAY) is not None
    newest = latest_entry(db, learner.now()).id
    assert undo_entry(learner, newest).entry.kind == "checkin"
    assert undo_entry(learner, seen_id).entry.row_id == seen.id
    assert undo_entry(learner, seen_id) is None


def test_a_deleted_flag_comes_back_with_its_id_and_global_id(learner, db):
    made = add_flag(learner, "opt.saddle", "math", "gradient zero?")
    uid = db.execute("SELECT uid FROM flags WHERE id = ?", [made.id]).fetchone()[0]
    assert delete_flag(learner, made.id) == made
    with pytest.raises(UnknownIdError):
        get_flag(db, made.id)
    undo_latest(learner)
    assert get_flag(db, made.id) == made
    assert db.execute("SELECT uid FROM flags WHERE id = ?", [made.id]).fetchone()[0] == uid


def test_a_flag_moves_to_another_topic_and_an_empty_edit_is_refused(learner, db):
    made = add_flag(learner, "loss.zero", "other", "")
    moved = edit_flag(learner, made.id, topic_id="loss.error", note="it was about MSE")
    assert (moved.topic_id, moved.category, moved.note) == ("loss.error", "other", "it was about MSE")
    with pytest.raises(StudytrackError, match="Nothing to change"):
        edit_flag(learner, made.id)
    with pytest.raises(StudytrackError, match="Unknown category"):
        edit_flag(learner, made.id, category="vibes")


def test_a_second_note_on_a_topic_goes_to_its_open_flag(learner, db):
    first = add_flag(learner, "gd.idea", "intuition", "downhill?")
    assert open_flag_on(db, "gd.idea") == first and open_flag_on(db, "gd.update-rule") is None
    added = add_to_flag(learner, first.id, "which way is down?")
    assert added.note == "downhill?\nwhich way is down?" and len(list_flags(db)) == 1
    assert add_to_flag(learner, first.id, "  ") == added
    undo_latest(learner)
    assert get_flag(db, first.id).note == "downhill?"


def test_a_100000_character_note_is_refused_and_nothing_is_stored(learner, db):
    with pytest.raises(NoteTooLongError, match=f"at most {MAX_NOTE_LENGTH}"):
        add_flag(learner, "loss.zero", "math", "x" * 100_000)
    made = add_flag(learner, "loss.zero", "math", "x" * MAX_NOTE_LENGTH)
    with pytest.raises(NoteTooLongError):
        add_to_flag(learner, made.id, "y")
    with pytest.raises(NoteTooLongError):
        resolve_flag(learner, made.id, "z" * 100_000)
    with pytest.raises(StudytrackError, match="too long"):
        set_goal(learner, "g" * 100_000)
    assert [flag.note for flag in list_flags(db)] == ["x" * MAX_NOTE_LENGTH]


def test_breaks_are_listed_cancelled_and_never_overlap(learner, db):
    first = plan_break(learner, TODAY + timedelta(days=5), TODAY + timedelta(days=8))
    with pytest.raises(StudytrackError, match=f"overlaps break {first.id}.*--cancel {first.id}"):
        plan_break(learner, TODAY + timedelta(days=8), TODAY + timedelta(days=10))
    second = plan_break(learner, TODAY + timedelta(days=9), TODAY + timedelta(days=10))
    assert upcoming_breaks(db, TODAY) == [first, second]
    assert upcoming_breaks(db, TODAY + timedelta(days=9)) == [second]
    assert cancel_break(learner, first.id) == first
    assert upcoming_breaks(db, TODAY) == [second]
    with pytest.raises(UnknownIdError, match=f"planned: {second.id}"):
        cancel_break(learner, first.id)
    undo_latest(learner)
    assert upcoming_breaks(db, TODAY) == [first, second]


def test_where_reading_stopped_is_remembered_across_a_restart(learner, db, db_path):
    assert reading_position(db, "loss-function") is None
    remember_reading(learner, "loss-function", 2)
    remember_reading(learner, "loss-function", 3)
    remember_reading(learner, "gradient-descent", 0)
    reopened = open_database(db_path)
    assert reading_position(reopened, "loss-function") == 3
    assert reading_position(reopened, "gradient-descent") == 0
    reopened.close()
    with pytest.raises(ValueError):
        remember_reading(learner, "loss-function", -1)
    assert undo_latest(learner) is None  # reading on is not an entry to undo


def test_an_older_database_gets_its_learner_reviews_journaled_on_upgrade(tmp_path):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "databases" / "studytrack-0.1.0.db"
    copy = tmp_path / "old.db"
    shutil.copyfile(fixture, copy)  # never opened in place: closing would rewrite its -wal/-shm
    upgraded = open_database(copy)
    reviews = upgraded.execute("SELECT id FROM review_logs WHERE imported = 0 ORDER BY id").fetchall()
    journaled = upgraded.execute(
        "SELECT row_id FROM undo_journal WHERE table_name = 'review_logs' ORDER BY id").fetchall()
    assert reviews and journaled == reviews
    upgraded.close()
