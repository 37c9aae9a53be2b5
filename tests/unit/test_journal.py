"""Check-ins, the long-view goal, lesson ratings, settings and the consistency calendar."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from studytrack.errors import StudytrackError
from studytrack.store.activity import active_days
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


def test_the_latest_check_in_of_a_day_counts(db, now):
    day = date(2026, 11, 28)
    assert checkin_for(db, day) is None
    check_in(db, day, "okay", now)
    check_in(db, day, "low", now + timedelta(minutes=5))
    assert checkin_for(db, day).condition == "low"
    assert checkin_days(db, day - timedelta(days=3)) == {"2026-11-28": "low"}
    with pytest.raises(StudytrackError):
        check_in(db, day, "fantastic", now)


def test_the_goal_keeps_its_history_and_the_latest_counts(db, now):
    assert current_goal(db) is None
    set_goal(db, "  build a   recommender ", now)
    set_goal(db, "work as an ML engineer", now + timedelta(days=1))
    goal = current_goal(db)
    assert goal.text == "work as an ML engineer"
    assert goal.created_at == "2026-11-29T09:30:00+00:00"
    assert db.execute("SELECT COUNT(*) FROM goals").fetchone()[0] == 2
    with pytest.raises(StudytrackError):
        set_goal(db, "   ", now)


def test_lesson_ratings_latest_per_lesson(db, now):
    rate_lesson(db, "gradient-descent", "too_hard", now)
    rate_lesson(db, "gradient-descent", "just_right", now + timedelta(days=2))
    rate_lesson(db, "loss-function", "too_easy", now)
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


def test_active_days_count_actions_per_local_study_day(db):
    seoul = ZoneInfo("Asia/Seoul")
    late = datetime(2026, 11, 27, 18, 50, tzinfo=UTC)  # 03:50 KST: still the 27th
    record_quiz_attempt(db, "q1", "loss.zero", "1", "correct", late)
    record_quiz_attempt(db, "q1", "loss.zero", "1", "correct", late + timedelta(minutes=20))
    add_flag(db, "loss.zero", "math", "", late + timedelta(days=2))  # 03:50 KST on the 30th
    days = active_days(db, late - timedelta(days=1), seoul, 4)
    assert days == {date(2026, 11, 27): 1, date(2026, 11, 28): 1, date(2026, 11, 29): 1}
    assert active_days(db, late + timedelta(days=1), seoul, 4) == {date(2026, 11, 29): 1}


def test_an_answer_counts_once_on_the_calendar_and_a_flag_review_counts_too(db, now):
    from studytrack.domain.content.course import load_course
    from studytrack.domain.content.quiz import check_quiz_answer
    from studytrack.paths import bundled_content_dir
    from studytrack.store.reviews import record_answer, review_flag

    item = load_course(bundled_content_dir()).quiz_items[0]
    record_answer(db, item, check_quiz_answer(item, "1"), now)
    flag = add_flag(db, "loss.zero", "math", "", now + timedelta(minutes=1))
    review_flag(db, flag.id, True, "", now + timedelta(minutes=2))
    utc = ZoneInfo("UTC")
    assert active_days(db, now - timedelta(hours=1), utc, 4) == {date(2026, 11, 28): 3}
