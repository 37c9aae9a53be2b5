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
