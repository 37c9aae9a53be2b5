"""The rules behind the app's screens (domain.progress, store.progress), checked without the UI."""

from datetime import UTC, date, datetime, timedelta

from studytrack.domain.progress.standing import (
    ReadingPoint,
    about_topics,
    activity_level,
    age_in_days,
    calendar_weeks,
    filter_flags,
    new_material_today,
    next_in_cycle,
    next_lesson,
    topics_to_practise,
    topics_to_revisit,
)
from studytrack.store.flags import add_flag, list_flags, resolve_flag
from studytrack.store.progress import last_studied_topic, latest_graded_outcomes
from studytrack.store.quiz_attempts import record_quiz_attempt
from studytrack.store.settings import day_settings, set_setting

LESSONS = [("a", ["a.1", "a.2"]), ("b", ["b.1"]), ("c", ["c.1", "c.2"])]


def test_next_lesson_is_the_first_unrated_or_where_you_were():
    """The first unfinished lesson, unless the latest activity is in another unfinished one."""
    assert next_lesson(LESSONS, []) == ReadingPoint("a")
    assert next_lesson(LESSONS, ["a"]) == ReadingPoint("b")
    assert next_lesson(LESSONS, ["a"], "c.2") == ReadingPoint("c", "c.2", continuing=True)
    assert next_lesson(LESSONS, ["a"], "a.1") == ReadingPoint("b")
    assert next_lesson(LESSONS, ["a", "b", "c"]) is None


def test_only_a_good_day_brings_new_lessons():
    """New material on a good day (or before checking in), not on okay or low days."""
    assert new_material_today("good") and new_material_today(None)
    assert not new_material_today("okay") and not new_material_today("low")


def test_topics_to_practise_come_from_wrong_latest_answers_and_flags_in_course_order():
    """A topic whose latest answer on some item was wrong, or that is flagged, in course order."""
    latest = {"i1": ("t2", "incorrect"), "i2": ("t1", "correct"), "i3": ("t3", "correct")}
    assert topics_to_practise(latest, ["t3"], ["t1", "t2", "t3"]) == ["t2", "t3"]
    assert topics_to_practise({}, [], ["t1"]) == []


def test_quiz_helpers():
    """Items about topics keep their order; the topics to revisit are the wrong ones, once each."""

    class Item:
        """Anything with a topic."""
        def __init__(self, topic):
            """An item about ``topic``."""
            self.topic = topic

    items = [Item("x"), Item("y"), Item("x")]
    assert about_topics(items, ["x"]) == [items[0], items[2]]
    results = [("x", "incorrect"), ("y", "correct"), ("x", "incorrect"), ("z", "incorrect")]
    assert topics_to_revisit(results) == ["x", "z"]


def test_the_calendar_grid_ends_with_this_week():
    """Twelve Monday-first weeks; days after today are empty."""
    saturday = date(2026, 11, 28)
    weeks = calendar_weeks(saturday)
    assert len(weeks) == 12 and all(len(week) == 7 for week in weeks)
    assert weeks[0][0] == date(2026, 9, 7)
    assert weeks[-1][5] == saturday and weeks[-1][6] is None


def test_activity_levels():
    """Nothing is 0; a little is 1; a lot is 4."""
    assert [activity_level(n) for n in (0, 1, 2, 3, 5, 6, 10, 11, 500)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_a_flags_age_counts_study_days():
    """01:00 belongs to the day before (rollover 04:00); ages are never negative."""
    now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    assert age_in_days(datetime(2026, 11, 28, 5, 0, tzinfo=UTC), now, UTC) == 0
    assert age_in_days(datetime(2026, 11, 28, 1, 0, tzinfo=UTC), now, UTC) == 1
    assert age_in_days(now + timedelta(days=2), now, UTC) == 0


def test_filters_and_cycles(db, learner):
    """Flags filter by category and open/resolved; the category filter cycles round."""
    first = add_flag(learner, "loss.zero", "math", "")
    add_flag(learner, "gd.idea", "intuition", "")
    resolve_flag(learner, first.id, "")
    flags = list_flags(db, include_resolved=True)
    assert [f.topic_id for f in filter_flags(flags)] == ["gd.idea"]
    assert [f.topic_id for f in filter_flags(flags, "math", include_resolved=True)] == ["loss.zero"]
    assert next_in_cycle((None, "a", "b"), "b") is None
    assert next_in_cycle((None, "a", "b"), None) == "a"


def test_latest_graded_outcomes_and_last_topic(db, now, learner):
    """The latest correct/incorrect answer per item counts; invalid ones don't."""
    record_quiz_attempt(db, "i1", "t1", "1", "incorrect", now - timedelta(minutes=5))
    record_quiz_attempt(db, "i1", "t1", "2", "correct", now - timedelta(minutes=3))
    record_quiz_attempt(db, "i1", "t1", "x", "invalid", now - timedelta(minutes=1))
    record_quiz_attempt(db, "i2", "t2", "1", "incorrect", now - timedelta(minutes=2))
    assert latest_graded_outcomes(db) == {"i1": ("t1", "correct"), "i2": ("t2", "incorrect")}
    assert last_studied_topic(db) == "t1"
    add_flag(learner, "t9", "other", "")
    assert last_studied_topic(db) == "t9"


def test_the_learners_day_follows_their_settings(db):
    """The zone and rollover hour in the settings decide the study day."""
    moment = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)
    set_setting(db, "timezone", "Asia/Seoul")
    assert day_settings(db).day(moment) == date(2026, 11, 29)
    set_setting(db, "rollover_hour", "6")
    assert day_settings(db).day(moment) == date(2026, 11, 28)
