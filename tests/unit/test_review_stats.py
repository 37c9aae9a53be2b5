"""Honest progress: mastery per topic and what to look at next, true retention, the review
forecast, flags over time and the consistency calendar."""

from dataclasses import replace
from datetime import date, timedelta

from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizResult
from studytrack.domain.planning.today import outline_of
from studytrack.domain.progress.mastery import (
    FLAGGED_MASTERY_CAP,
    MAX_SUGGESTIONS,
    TopicMastery,
    measure_topic,
    spread_forecast,
    suggest_next,
)
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.breaks import plan_break
from studytrack.store.flags import add_flag, resolve_flag
from studytrack.store.plan import course_items, plan_today
from studytrack.store.progress import latest_graded_outcomes
from studytrack.store.settings import set_setting
from studytrack.store.stats import (
    CALENDAR_WEEKS,
    activity_calendar,
    flag_history,
    review_forecast,
    review_stats,
    topic_mastery,
    true_retention,
)

COURSE = load_course(bundled_content_dir())


def items_of(topic):
    return [item for item in COURSE.quiz_items if item.topic == topic]


def answer(db, item, outcome, moment, **options):
    return record_answer(db, item, QuizResult(item.id, outcome, "", None, "x"), moment, **options)


def test_mastery_counts_coverage_and_recall_and_an_open_flag_caps_it():
    assert measure_topic("t", 4, [], 0).mastery == 0.0
    half = measure_topic("t", 4, [1.0, 1.0], 0)
    assert half.mastery == 0.5 and half.mean_retrievability == 1.0 and half.cards == 2
    assert measure_topic("t", 2, [0.9, 0.7], 0).mastery == 0.8
    assert measure_topic("t", 2, [1.0, 1.0], 1).mastery == FLAGGED_MASTERY_CAP
    assert measure_topic("t", 0, [], 0).mastery is None


def test_suggestions_are_few_and_one_per_reason_first():
    topics = [
        TopicMastery("a", 3, 3, 0.95, 0, 0.95),
        TopicMastery("b", 3, 2, 0.4, 0, 0.3),
        TopicMastery("c", 3, 1, 0.6, 0, 0.2),
        TopicMastery("d", 3, 0, None, 0, 0.0),
        TopicMastery("e", 3, 0, None, 0, 0.0),
    ]
    chosen = suggest_next(topics, ["x", "y", "x"])
    assert [(s.topic_id, s.reason) for s in chosen] == [("x", "flagged"), ("b", "fading"),
                                                        ("d", "next")]
    assert len(suggest_next(topics, ["p", "q", "r", "s"])) == MAX_SUGGESTIONS
    assert suggest_next([TopicMastery("a", 3, 3, 0.95, 0, 0.95)]) == ()
    assert chosen[0].why.text("ko") and chosen[0].why.text("en")


def test_topic_mastery_from_the_store(db, now, learner):
    zero = items_of("loss.zero")
    for item in zero:
        answer(db, item, "correct", now - timedelta(days=1))
    answer(db, items_of("gd.idea")[0], "incorrect", now - timedelta(days=1))
    add_flag(learner, "gd.idea", "math", "")
    report = topic_mastery(db, COURSE, now)
    by_topic = {t.topic_id: t for t in report.topics}
    assert [t.topic_id for t in report.topics] == list(COURSE.topic_ids)
    held = by_topic["loss.zero"]
    assert held.cards == held.items == len(zero) and 0.9 < held.mastery <= 1.0
    shaky = by_topic["gd.idea"]
    assert shaky.open_flags == 1 and shaky.cards == 1 and shaky.mastery < 0.5
    assert by_topic["gd.stopping"].mastery == 0.0
    assert report.suggestions[0].topic_id == "gd.idea"
    assert len(report.suggestions) <= MAX_SUGGESTIONS
    later = topic_mastery(db, COURSE, now + timedelta(days=60))
    assert {t.topic_id: t for t in later.topics}["loss.zero"].mastery < held.mastery


def test_true_retention_counts_only_reviews_a_day_or_more_apart(db, now):
    item, other = items_of("loss.zero")[:2]
    assert true_retention(db, now).rate is None
    answer(db, item, "correct", now)  # a first answer: no previous review
    answer(db, item, "incorrect", now + timedelta(hours=5))  # same day: not counted
    answer(db, item, "correct", now + timedelta(days=2))
    answer(db, item, "correct", now + timedelta(days=6), hinted=True)  # hint: still correct
    answer(db, other, "correct", now)
    answer(db, other, "incorrect", now + timedelta(days=3))
    answer(db, other, "correct", now + timedelta(days=9), practice=True)  # practice: not counted
    retention = true_retention(db, now + timedelta(days=10))
    assert (retention.reviews, retention.correct) == (3, 2)
    assert retention.rate == 2 / 3
    recent = true_retention(db, now + timedelta(days=10), days=5)
    assert (recent.reviews, recent.correct) == (1, 1)


def test_the_forecast_counts_due_cards_per_day_and_spreads_them_within_the_budget(db, now, learner):
    set_setting(db, "timezone", "Asia/Seoul")
    set_setting(db, "daily_minutes", "2")  # 4 reviews a day at 30 s
    for item in COURSE.quiz_items[:10]:
        answer(db, item, "correct", now - timedelta(days=5))  # all overdue now
    answer(db, COURSE.quiz_items[10], "correct", now)  # due in two days
    forecast = review_forecast(db, COURSE, now)
    assert len(forecast) == 14 and forecast[0].day == date(2026, 11, 28)
    assert [d.due for d in forecast[:3]] == [10, 0, 1]
    assert [d.planned for d in forecast[:5]] == [4, 4, 3, 0, 0]
    assert sum(d.planned for d in forecast) == 11
    plan_break(learner, date(2026, 11, 29), date(2026, 11, 30))
    paused = review_forecast(db, COURSE, now)
    assert [d.planned for d in paused[:5]] == [4, 0, 0, 4, 3]


def test_cards_of_items_no_longer_in_the_course_count_neither_in_the_forecast_nor_in_mastery(db, now, learner):
    """A card whose item left the course (the content changed) is never scheduled by today's plan,
    so the forecast does not count it and no topic's mastery takes it in; the course's own cards
    are counted as before."""
    kept = COURSE.quiz_items[0]
    gone = replace(kept, id="gone.item-left-the-course")
    answer(db, kept, "correct", now - timedelta(days=5))
    answer(db, gone, "correct", now - timedelta(days=5))
    assert db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 2
    assert sum(day.due for day in review_forecast(db, COURSE, now)) == 1
    assert [review.item_id for review in plan_today(db, COURSE, now).items] == [kept.id]
    topic = next(t for t in topic_mastery(db, COURSE, now).topics if t.topic_id == kept.topic)
    answer(db, gone, "correct", now - timedelta(days=4))  # the card left out: nothing changes
    again = next(t for t in topic_mastery(db, COURSE, now).topics if t.topic_id == kept.topic)
    assert again == topic


def test_latest_outcomes_read_for_mastery_are_the_course_items_alone(db, now):
    """Mastery reads the latest answers of the course's items only (by a seek each): an item that
    left the course is not read, with or without ``only_wrong``; without ``items`` every item is."""
    kept, other = COURSE.quiz_items[0], COURSE.quiz_items[1]
    gone = replace(kept, id="gone.item-left-the-course")
    answer(db, kept, "correct", now - timedelta(days=2))
    answer(db, other, "incorrect", now - timedelta(days=2))
    answer(db, gone, "incorrect", now - timedelta(days=2))
    items = course_items(outline_of(COURSE))
    assert latest_graded_outcomes(db, items=items) == {kept.id: (kept.topic, "correct"),
                                                       other.id: (other.topic, "incorrect")}
    assert latest_graded_outcomes(db, items=items, only_wrong=True) == {other.id: (other.topic, "incorrect")}
    assert set(latest_graded_outcomes(db)) == {kept.id, other.id, gone.id}


def test_spreading_never_plans_more_than_the_capacity():
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(6)]
    due = {days[0]: 9, days[2]: 1}
    spread = spread_forecast(due, days, 3, {days[1]})
    assert [(d.due, d.planned) for d in spread] == [(9, 3), (0, 0), (1, 3), (0, 3), (0, 1), (0, 0)]


def test_flag_history_counts_open_and_resolved_each_week(db, now, learner):
    set_setting(db, "timezone", "Asia/Seoul")
    old = add_flag(learner.at(now - timedelta(weeks=5)), "gd.idea", "math", "")
    add_flag(learner.at(now - timedelta(weeks=2)), "loss.zero", "math", "")
    resolve_flag(learner.at(now - timedelta(weeks=1)), old.id, "drew it")
    history = flag_history(db, now)
    assert len(history) == CALENDAR_WEEKS and history[-1].day == date(2026, 11, 28)
    assert [(p.open, p.resolved) for p in history[-7:]] == [
        (0, 0), (1, 0), (1, 0), (1, 0), (2, 0), (1, 1), (1, 1)]


def test_the_calendar_covers_twelve_weeks_from_a_monday_with_reviews_counted(db, now):
    set_setting(db, "timezone", "America/New_York")
    answer(db, COURSE.quiz_items[0], "correct", now - timedelta(days=3))
    calendar = activity_calendar(db, now)
    assert calendar[0][0].weekday() == 0 and calendar[-1][0] == date(2026, 11, 28)
    assert 7 * (CALENDAR_WEEKS - 1) < len(calendar) <= 7 * CALENDAR_WEEKS
    counts = dict(calendar)
    assert counts[date(2026, 11, 25)] == 1  # one answer counts once (its quiz attempt)
    assert sum(counts.values()) == 1


def test_review_stats_gathers_everything(db, now):
    set_setting(db, "timezone", "Asia/Seoul")
    answer(db, COURSE.quiz_items[0], "correct", now)
    found = review_stats(db, COURSE, now)
    assert found.mastery.topics and len(found.forecast) == 14
    assert len(found.flags) == CALENDAR_WEEKS and found.calendar[-1][1] == 1
