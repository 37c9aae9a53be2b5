"""Today's session: sized to the check-in and the budget, most forgotten first, a backlog spread
over days (after an absence or a planned break), the 04:00 day boundary, lesson ratings, and
queries that never scan the log."""

import os
import random
import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytrack.clock import fixed_clock
from studytrack.domain.content.course import CourseError, load_course
from studytrack.domain.content.quiz import QuizResult
from studytrack.domain.planning.today import (
    DEFAULT_FLAG_SECONDS,
    DEFAULT_ITEM_SECONDS,
    LOW_MINUTES,
    NEW_ITEMS_PER_DAY,
    CourseOutline,
    DueCard,
    NewItem,
    OpenFlag,
    PlanInputs,
    measured_seconds,
    plan_session,
)
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.breaks import plan_break
from studytrack.store.database import open_database
from studytrack.store.flag_reviews import review_flag
from studytrack.store.flags import add_flag
from studytrack.store.journal import check_in, rate_lesson
from studytrack.store.learner import Learner
from studytrack.store.outline_cache import course_outline
from studytrack.store.plan import plan_today
from studytrack.store.settings import day_settings, set_setting

COURSE = load_course(bundled_content_dir())
ITEMS = {item.id: item for item in COURSE.quiz_items}
DAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
SEOUL = ZoneInfo("Asia/Seoul")


def due_card(item_id, recall, topic="loss.zero", days_overdue=1):
    return DueCard(item_id, topic, NOW - timedelta(days=days_overdue), recall)


def inputs(**overrides):
    """Plan inputs of a learner with 60 due cards, 3 open flags and 30 new items."""
    values = {
        "day": DAY,
        "condition": "good",
        "daily_minutes": 20,
        "due_cards": [due_card(f"due-{n:02}", 0.3 + n / 100) for n in range(60)],
        "open_flags": [OpenFlag(n, "gd.idea", f"2026-11-0{n}T10:00:00+00:00") for n in (1, 2, 3)],
        "new_items": [NewItem(f"new-{n:02}", "gd.idea", "gradient-descent") for n in range(30)],
        "flagged_topics": frozenset({"gd.idea"}),
    }
    values.update(overrides)
    return PlanInputs(**values)


def seconds_of(plan):
    return (len(plan.items) + len(plan.new_items)) * plan.item_seconds + len(
        plan.flag_ids) * plan.flag_seconds


# --- the pure planner ------------------------------------------------------------------------


def test_a_low_day_is_five_minutes_one_flag_and_nothing_new():
    plan = plan_session(inputs(condition="low"))
    assert plan.budget_minutes == LOW_MINUTES and plan.estimated_minutes <= LOW_MINUTES
    assert plan.flag_ids == (1,) and plan.new_items == ()
    assert [r.item_id for r in plan.items] == ["due-00", "due-01", "due-02", "due-03", "due-04",
                                               "due-05"]
    assert plan.note_keys == ("low",)


def test_an_okay_day_brings_reviews_and_flags_but_nothing_new():
    plan = plan_session(inputs(condition="okay"))
    assert plan.new_items == () and plan.flag_ids
    assert plan.estimated_minutes <= 20 and seconds_of(plan) > 20 * 60 - DEFAULT_ITEM_SECONDS


def test_a_good_day_adds_new_items_within_the_budget():
    light = inputs(due_cards=[due_card("a", 0.5), due_card("b", 0.7)], open_flags=[])
    plan = plan_session(light)
    assert len(plan.new_items) == NEW_ITEMS_PER_DAY and plan.new_lessons == ("gradient-descent",)
    assert [r.item_id for r in plan.items] == ["a", "b"]
    assert plan.estimated_minutes == (2 + NEW_ITEMS_PER_DAY) * DEFAULT_ITEM_SECONDS / 60
    assert plan_session(inputs(due_cards=light.due_cards, open_flags=[], new_today=7)).new_items \
        == tuple(light.new_items[:3])
    full = plan_session(inputs())  # 60 due cards fill the budget: nothing new fits
    assert full.new_items == () and full.estimated_minutes <= 20


def test_no_check_in_plans_an_okay_day_and_says_so():
    plan = plan_session(inputs(condition=None))
    assert plan.condition == "okay" and not plan.checked_in and plan.new_items == ()
    assert plan.note_keys[0] == "no_checkin"
    assert "check-in" in plan.note().text("en") and "컨디션" in plan.note().text("ko")


def test_reviews_come_most_forgotten_first():
    cards = [due_card("fresh", 0.95), due_card("gone", 0.1), due_card("mid", 0.6),
             due_card("tie-late", 0.6, days_overdue=1), due_card("tie-early", 0.6, days_overdue=5)]
    plan = plan_session(inputs(due_cards=cards, open_flags=[], new_items=[]))
    assert [r.item_id for r in plan.items] == ["gone", "tie-early", "mid", "tie-late", "fresh"]
    recalls = [r.retrievability for r in plan.items]
    assert recalls == sorted(recalls)


def test_time_already_spent_today_comes_off_the_budget():
    plan = plan_session(inputs(condition="okay", spent_seconds=18 * 60))
    assert seconds_of(plan) <= 2 * 60 and plan.done_minutes == 18
    done = plan_session(inputs(condition="low", spent_seconds=LOW_MINUTES * 60))
    assert done.is_empty and done.note_keys == ("done",)
    empty = plan_session(inputs(due_cards=[], open_flags=[], new_items=[], condition="okay"))
    assert empty.is_empty and empty.note_keys == ("nothing",)


def test_a_break_day_is_empty_and_says_until_when():
    plan = plan_session(inputs(break_until=date(2026, 12, 3)))
    assert plan.is_empty and plan.note_keys[0] == "break"
    assert "2026-12-03" in plan.note().text("en") and "2026-12-03" in plan.note().text("ko")


def test_a_lesson_rated_too_hard_brings_its_flagged_topics_first_with_easier_variants():
    cards = [due_card("other", 0.2, topic="loss.zero"),
             due_card("hard-topic", 0.8, topic="gd.learning-rate")]
    flags = [OpenFlag(1, "loss.zero", "2026-11-01T00:00:00+00:00"),
             OpenFlag(2, "gd.learning-rate", "2026-11-20T00:00:00+00:00")]
    new = [NewItem("n-easy", "loss.zero", "loss-function"),
           NewItem("n-hard", "gd.learning-rate", "gradient-descent")]
    lessons = {"gradient-descent": ("gd.idea", "gd.learning-rate"),
               "loss-function": ("loss.zero",), "how-to-study": ("advice.focus",)}
    plan = plan_session(inputs(
        due_cards=cards, open_flags=flags, new_items=new,
        flagged_topics=frozenset({"loss.zero", "gd.learning-rate"}),
        lesson_ratings={"gradient-descent": "too_hard", "how-to-study": "too_easy"},
        lesson_topics=lessons,
    ))
    assert plan.focus_topics == {"gd.learning-rate"}
    assert [r.item_id for r in plan.items] == ["hard-topic", "other"] and plan.items[0].focus
    assert plan.flag_ids == (2, 1)
    assert [n.item_id for n in plan.new_items] == ["n-hard", "n-easy"]
    assert plan.difficulty_for("gd.learning-rate") == "easy"
    assert plan.difficulty_for("gd.idea") == "easy"
    assert plan.difficulty_for("advice.focus") == "hard"
    assert plan.difficulty_for("loss.zero") == "normal"
    assert "focus" in plan.note_keys


def test_time_estimates_use_the_learners_own_median():
    assert measured_seconds([None] * 50, 30.0, (5, 180)) == 30.0
    assert measured_seconds([12.0] * 9, 30.0, (5, 180)) == 30.0  # not enough yet
    assert measured_seconds([10, 12, 14, 3600, None] * 3, 30.0, (5, 180)) == 13
    assert measured_seconds([1.0] * 20, 30.0, (5, 180)) == 5


# --- the store gathers the inputs ------------------------------------------------------------


def fresh_db(folder, zone="Asia/Seoul", daily=None):
    db = open_database(Path(folder) / "sim.db")
    db.execute("PRAGMA synchronous=OFF")  # simulated months; durability is not under test here
    set_setting(db, "timezone", zone)
    if daily is not None:
        set_setting(db, "daily_minutes", str(daily))
    return db


def answer(db, item_id, outcome, moment, **options):
    item = ITEMS[item_id]
    return record_answer(db, item, QuizResult(item_id, outcome, "", None, "x"), moment, **options)


def study(db, moment, rng, condition="good", accuracy=0.8):
    """One day as a learner: check in, plan, do the whole session; returns the plan."""
    day = day_settings(db).day(moment)
    check_in(Learner(db, fixed_clock(moment)), day, condition)
    plan = plan_today(db, COURSE, moment)
    for item_id in plan.item_ids:
        answer(db, item_id, "correct" if rng.random() < accuracy else "incorrect", moment)
    for flag_id in plan.flag_ids:
        review_flag(Learner(db, fixed_clock(moment)), flag_id, True, "")
    return plan


def due_item_ids(db, moment):
    days = day_settings(db)
    end = days.end(days.day(moment)).isoformat(timespec="seconds")
    return {row[0] for row in db.execute("SELECT item_id FROM cards WHERE due < ?", [end])}


def test_the_day_begins_at_four_in_the_learners_zone(db):
    item = COURSE.quiz_items[0]
    for zone in ("Asia/Seoul", "America/New_York"):
        tz = ZoneInfo(zone)
        set_setting(db, "timezone", zone)
        local_day = date(2026, 12, 1)
        due = datetime(2026, 12, 1, 5, 0, tzinfo=tz)  # due at 05:00 local time
        db.execute(
            "INSERT INTO cards VALUES (?, ?, 2, NULL, 2.0, 5.0, ?, ?, 1, 0, ?)",
            [item.id, item.topic, due.astimezone(UTC).isoformat(),
             (due - timedelta(days=2)).astimezone(UTC).isoformat(), NOW.isoformat()],
        )
        before = datetime(2026, 12, 1, 3, 59, tzinfo=tz)
        early = plan_today(db, COURSE, before.astimezone(UTC))
        late = plan_today(db, COURSE, (before + timedelta(minutes=1)).astimezone(UTC))
        assert early.day == local_day - timedelta(days=1) and late.day == local_day
        assert item.id not in [r.item_id for r in early.items]
        assert item.id in [r.item_id for r in late.items]
        db.execute("DELETE FROM cards")


def test_the_low_day_of_a_real_learner(db):
    set_setting(db, "timezone", "Asia/Seoul")
    rng = random.Random(1)
    for offset in range(5):
        study(db, NOW + timedelta(days=offset), rng, accuracy=0.5)
    add_flag(Learner(db, fixed_clock(NOW)), "loss.zero", "math", "")
    add_flag(Learner(db, fixed_clock(NOW)), "gd.idea", "math", "")
    later = NOW + timedelta(days=9)
    check_in(Learner(db, fixed_clock(later)), day_settings(db).day(later), "low")
    plan = plan_today(db, COURSE, later)
    assert plan.condition == "low" and plan.estimated_minutes <= LOW_MINUTES
    assert len(plan.flag_ids) == 1 and plan.new_items == ()
    assert plan.items and len(plan.items) < len(due_item_ids(db, later))
    assert [r.retrievability for r in plan.items] == sorted(r.retrievability for r in plan.items)


def test_a_ten_day_absence_is_spread_over_the_next_days():
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        db = fresh_db(folder, daily=5)
        moment = NOW
        for _ in range(30):
            plan = study(db, moment, rng)
            assert plan.estimated_minutes <= plan.budget_minutes
            moment += timedelta(days=1)
        moment += timedelta(days=10)
        backlog = due_item_ids(db, moment)
        came_back = moment
        first = plan_today(db, COURSE, moment)
        assert len(first.items) < len(backlog)  # not a wall
        for _ in range(20):
            plan = study(db, moment, rng)
            assert plan.estimated_minutes <= plan.budget_minutes == 5
            moment += timedelta(days=1)
        reviewed = {row[0] for row in db.execute(
            "SELECT item_id FROM cards WHERE last_review >= ?", [came_back.isoformat()])}
        assert backlog <= reviewed
        db.close()


def test_a_planned_break_piles_nothing_up():
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        db = fresh_db(folder, zone="America/New_York", daily=5)
        moment = NOW
        for _ in range(20):
            study(db, moment, rng)
            moment += timedelta(days=1)
        today = day_settings(db).day(moment)
        planned = plan_break(Learner(db, fixed_clock(moment)), today, today + timedelta(days=6))
        for _ in range(7):
            plan = study(db, moment, rng)
            assert plan.is_empty and plan.break_until == planned.end_day
            moment += timedelta(days=1)
        backlog = due_item_ids(db, moment)
        back = moment
        plans = []
        for _ in range(14):
            plans.append(study(db, moment, rng))
            moment += timedelta(days=1)
        assert all(p.estimated_minutes <= p.budget_minutes for p in plans)
        assert len(plans[0].items) < len(backlog) and not plans[0].is_empty
        reviewed = {row[0] for row in db.execute(
            "SELECT item_id FROM cards WHERE last_review >= ?", [back.isoformat()])}
        assert backlog <= reviewed
        db.close()


DAYS = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=6),  # days until the learner comes back
        st.sampled_from(["good", "okay", "low"]),
        st.floats(min_value=0.0, max_value=1.0),  # how well it goes
        st.booleans(),  # plans again after studying
    ),
    min_size=3,
    max_size=10,
)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(days=DAYS, minutes=st.integers(min_value=2, max_value=15), seed=st.integers(0, 99))
def test_no_day_is_ever_over_its_budget(days, minutes, seed):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        db = fresh_db(folder, daily=minutes)
        moment = NOW
        for gap, condition, accuracy, again in days:
            plan = study(db, moment, rng, condition, accuracy)
            assert plan.estimated_minutes <= plan.budget_minutes
            if condition != "good":
                assert plan.new_items == ()
            if again:
                later = plan_today(db, COURSE, moment + timedelta(minutes=30))
                assert later.estimated_minutes + later.done_minutes <= later.budget_minutes + 1e-9
            moment += timedelta(days=gap)
        db.close()


def test_the_plan_uses_the_learners_answer_times(db):
    set_setting(db, "timezone", "Asia/Seoul")
    set_setting(db, "daily_minutes", "5")
    check_in(Learner(db, fixed_clock(NOW)), day_settings(db).day(NOW), "good")
    assert plan_today(db, COURSE, NOW).item_seconds == DEFAULT_ITEM_SECONDS
    yesterday = NOW - timedelta(days=1)
    for item in COURSE.quiz_items[-12:]:
        answer(db, item.id, "correct", yesterday, seconds=60)
    plan = plan_today(db, COURSE, NOW)
    assert plan.item_seconds == 60 and plan.flag_seconds == DEFAULT_FLAG_SECONDS
    assert plan.items == () and len(plan.new_items) == 5 and plan.estimated_minutes == 5


def test_building_the_plan_never_scans_the_log(db):
    """Nor every card: on a good day the new items are found by a seek per course item."""
    set_setting(db, "timezone", "Asia/Seoul")
    check_in(Learner(db, fixed_clock(NOW)), day_settings(db).day(NOW), "good")
    rate_lesson(Learner(db, fixed_clock(NOW)), "gradient-descent", "too_hard")
    add_flag(Learner(db, fixed_clock(NOW)), "gd.idea", "math", "")
    answer(db, COURSE.quiz_items[0].id, "correct", NOW - timedelta(days=5))
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        plan_today(db, COURSE, NOW)
    finally:
        db.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert any("review_logs" in s for s in selects) and any("quiz_attempts" in s for s in selects)
    for statement in selects:
        details = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {statement}")]
        for detail in details:
            assert not detail.startswith("SCAN cards"), (statement, details)  # only the course's cards
            for table in ("review_logs", "quiz_attempts"):
                if detail.startswith(f"SCAN {table}"):
                    # only a newest-first read that stops after a fixed number of rows
                    assert "WHERE" not in statement.upper(), (statement, details)
                    assert "LIMIT" in statement.upper(), (statement, details)


@pytest.mark.parametrize("zone", ["Asia/Seoul", "America/New_York"])
def test_plan_today_can_take_the_zone_as_an_argument(db, zone):
    plan = plan_today(db, COURSE, NOW, tz=ZoneInfo(zone))
    assert plan.day == (NOW.astimezone(ZoneInfo(zone)) - timedelta(hours=4)).date()


def test_the_course_outline_is_cached_until_a_file_changes(db, tmp_path, monkeypatch):
    folder = tmp_path / "course"
    shutil.copytree(bundled_content_dir(), folder)
    outline = course_outline(db, folder)
    assert outline == CourseOutline.of(COURSE)
    assert [n.item_id for n in outline.reading_order()][:3] == [
        n.item_id for n in CourseOutline.of(COURSE).reading_order()][:3]

    import studytrack.domain.content.course as course_module

    def no_parsing(root):
        raise AssertionError("the cached outline should have been used")

    monkeypatch.setattr(course_module, "load_course", no_parsing)
    assert course_outline(db, folder) == outline
    monkeypatch.undo()

    quiz = next((folder / "quizzes").glob("*.toml"))
    quiz.write_text(quiz.read_text(encoding="utf-8") + "\nbroken = [", encoding="utf-8")
    os.utime(quiz, ns=(1, 1))
    with pytest.raises(CourseError):
        course_outline(db, folder)


def test_planning_from_the_outline_or_the_course_is_the_same(db):
    set_setting(db, "timezone", "Asia/Seoul")
    rng = random.Random(5)
    for offset in range(4):
        study(db, NOW + timedelta(days=offset), rng)
    later = NOW + timedelta(days=8)
    assert plan_today(db, COURSE, later) == plan_today(db, CourseOutline.of(COURSE), later)


def test_the_flag_revisited_longest_ago_comes_first(db):
    older = add_flag(Learner(db, fixed_clock(NOW)), "loss.zero", "math", "")
    newer = add_flag(Learner(db, fixed_clock(NOW + timedelta(minutes=1))), "gd.idea", "math", "")
    review_flag(Learner(db, fixed_clock(NOW + timedelta(days=1))), newer.id, True, "")
    review_flag(Learner(db, fixed_clock(NOW + timedelta(days=2))), older.id, True, "")
    later = NOW + timedelta(days=3)
    assert plan_today(db, COURSE, later).flag_ids == (newer.id, older.id)
