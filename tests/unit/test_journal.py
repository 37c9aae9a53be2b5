"""Check-ins, the long-view goal, lesson ratings, settings and the consistency calendar."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytrack.clock import to_iso
from studytrack.domain.planning.days import day_start, study_day
from studytrack.errors import StudytrackError
from studytrack.store.activity import _bucket_at, _walked_days, active_days
from studytrack.store.flags import add_flag
from studytrack.store.journal import (
    check_in,
    checkin_days,
    checkin_for,
    current_goal,
    latest_ratings,
    rate_lesson,
    set_goal,
)
from studytrack.store.quiz_attempts import record_quiz_attempt
from studytrack.store.settings import all_settings, get_setting, set_setting


def test_the_latest_check_in_of_a_day_counts(db, now, learner):
    day = date(2026, 11, 28)
    assert checkin_for(db, day) is None
    check_in(learner, day, "okay")
    check_in(learner.at(now + timedelta(minutes=5)), day, "low")
    assert checkin_for(db, day).condition == "low"
    assert checkin_days(db, day - timedelta(days=3)) == {"2026-11-28": "low"}
    with pytest.raises(StudytrackError):
        check_in(learner, day, "fantastic")


def test_the_goal_keeps_its_history_and_the_latest_counts(db, now, learner):
    assert current_goal(db) is None
    set_goal(learner, "  build a   recommender ")
    set_goal(learner.at(now + timedelta(days=1)), "work as an ML engineer")
    goal = current_goal(db)
    assert goal.text == "work as an ML engineer"
    assert goal.created_at == "2026-11-29T09:30:00+00:00"
    assert db.execute("SELECT COUNT(*) FROM goals").fetchone()[0] == 2
    with pytest.raises(StudytrackError):
        set_goal(learner, "   ")


def test_lesson_ratings_latest_per_lesson(db, now, learner):
    rate_lesson(learner, "gradient-descent", "too_hard")
    rate_lesson(learner.at(now + timedelta(days=2)), "gradient-descent", "just_right")
    rate_lesson(learner, "loss-function", "too_easy")
    latest = latest_ratings(db)
    assert {k: v.rating for k, v in latest.items()} == {
        "gradient-descent": "just_right", "loss-function": "too_easy"
    }


def test_settings_have_defaults_and_can_change(db):
    assert get_setting(db, "rollover_hour") == "4"
    set_setting(db, "daily_minutes", "30")
    set_setting(db, "daily_minutes", "25")
    assert all_settings(db)["daily_minutes"] == "25"
    with pytest.raises(StudytrackError):
        get_setting(db, "volume")


def test_active_days_count_actions_per_local_study_day(db, learner):
    seoul = ZoneInfo("Asia/Seoul")
    late = datetime(2026, 11, 27, 18, 50, tzinfo=UTC)  # 03:50 KST: still the 27th
    record_quiz_attempt(db, "q1", "loss.zero", "1", "correct", late)
    record_quiz_attempt(db, "q1", "loss.zero", "1", "correct", late + timedelta(minutes=20))
    add_flag(learner.at(late + timedelta(days=2)), "loss.zero", "math", "")  # 03:50 KST on the 30th
    days = active_days(db, late - timedelta(days=1), seoul, 4)
    assert days == {date(2026, 11, 27): 1, date(2026, 11, 28): 1, date(2026, 11, 29): 1}
    assert active_days(db, late + timedelta(days=1), seoul, 4) == {date(2026, 11, 29): 1}


def test_an_answer_counts_once_on_the_calendar_and_a_flag_review_counts_too(db, now, learner):
    from studytrack.domain.content.course import load_course
    from studytrack.domain.content.quiz import check_quiz_answer
    from studytrack.paths import bundled_content_dir
    from studytrack.store.answers import record_answer
    from studytrack.store.flag_reviews import review_flag

    item = load_course(bundled_content_dir()).quiz_items[0]
    record_answer(db, item, check_quiz_answer(item, "1"), now)
    flag = add_flag(learner.at(now + timedelta(minutes=1)), "loss.zero", "math", "")
    review_flag(learner.at(now + timedelta(minutes=2)), flag.id, True, "")
    utc = ZoneInfo("UTC")
    assert active_days(db, now - timedelta(hours=1), utc, 4) == {date(2026, 11, 28): 3}


ZONES = ("UTC", "Asia/Seoul", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "Europe/London")
"""Whole-hour zones, daylight saving, a 45-minute offset and a half-hour daylight saving shift."""


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(st.tuples(st.integers(0, 129), st.one_of(st.sampled_from([-10, -5, 0, 5, 10]),
                                                                   st.integers(0, 1439))), max_size=40),
       zone=st.sampled_from(ZONES), rollover=st.integers(0, 23), since_day=st.integers(0, 40))
def test_active_days_summed_by_sqlite_equal_the_walk_over_every_bucket(db, actions, zone, rollover, since_day):
    """The calendar's days summed per study day by SQLite (a range of bucket keys per day) are
    the days found by walking every bucket, whatever the zone, its daylight saving and the
    rollover hour; actions just before, at and after a study day's start included."""
    tz, origin = ZoneInfo(zone), date(2026, 8, 1)
    moments = {day_start(origin + timedelta(days=day), tz, rollover) + timedelta(minutes=minute)
               for day, minute in actions}
    db.execute("DELETE FROM activity_buckets")
    for moment in moments:
        db.execute("INSERT INTO activity_buckets (bucket, actions) VALUES (?, 1) "
                   "ON CONFLICT (bucket) DO UPDATE SET actions = actions + 1", [to_iso(moment)[:15]])
    since = day_start(origin + timedelta(days=since_day), tz, rollover)
    summed = active_days(db, since, tz, rollover)
    assert summed == _walked_days(db, since, tz, rollover)
    assert sum(summed.values()) == sum(1 for moment in moments if to_iso(moment)[:15] >= _bucket_at(since))
    assert all(day >= study_day(since, tz, rollover) and count > 0 for day, count in summed.items())
