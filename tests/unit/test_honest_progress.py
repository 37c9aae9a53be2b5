"""Honest progress: mastery never rises after a wrong answer, rises after a right one, and solved
exercises are counted per topic ("2 of 3 exercises solved")."""

from datetime import timedelta

from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizResult
from studytrack.domain.progress.mastery import measure_topic
from studytrack.i18n import Catalog
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.exercise_attempts import record_exercise_attempt
from studytrack.store.stats import exercise_counts, topic_mastery

COURSE = load_course(bundled_content_dir())


def items_of(topic):
    return [item for item in COURSE.quiz_items if item.topic == topic]


def answer(db, item, outcome, moment):
    return record_answer(db, item, QuizResult(item.id, outcome, "", None, "x"), moment)


def mastery_of(db, topic, moment):
    return next(t for t in topic_mastery(db, COURSE, moment).topics if t.topic_id == topic)


def test_three_wrong_answers_to_a_new_item_leave_the_topic_at_zero_not_full(db, now):
    item = items_of("loss.zero")[0]
    for step in range(3):
        moment = now + timedelta(minutes=step)
        before = mastery_of(db, "loss.zero", moment).mastery
        answer(db, item, "incorrect", moment)
        after = mastery_of(db, "loss.zero", moment)
        assert after.mastery <= before
        assert after.mastery == 0.0 and after.cards == 1 and after.right == 0


def test_a_wrong_answer_on_an_overdue_mature_card_lowers_mastery(db, now):
    item = items_of("gd.update-rule")[0]
    moment = now
    for gap in (0, 1, 3, 8, 20):
        moment += timedelta(days=gap)
        answer(db, item, "correct", moment)
    overdue = moment + timedelta(days=200)
    before = mastery_of(db, "gd.update-rule", overdue).mastery
    assert before > 0
    answer(db, item, "incorrect", overdue)
    after = mastery_of(db, "gd.update-rule", overdue).mastery
    assert after < before
    # and later, recall recovering under FSRS does not bring it back while the latest is wrong
    assert mastery_of(db, "gd.update-rule", overdue + timedelta(days=1)).mastery == after == 0.0


def test_a_right_answer_raises_mastery_and_a_wrong_one_after_it_takes_the_credit_back(db, now):
    first, second = items_of("gd.learning-rate")[:2]
    start = mastery_of(db, "gd.learning-rate", now).mastery
    answer(db, first, "correct", now)
    raised = mastery_of(db, "gd.learning-rate", now).mastery
    assert raised > start
    answer(db, second, "incorrect", now + timedelta(minutes=1))
    assert mastery_of(db, "gd.learning-rate", now + timedelta(minutes=1)).mastery <= raised
    answer(db, first, "incorrect", now + timedelta(minutes=2))
    assert mastery_of(db, "gd.learning-rate", now + timedelta(minutes=2)).mastery == 0.0
    answer(db, first, "correct", now + timedelta(minutes=3))
    assert mastery_of(db, "gd.learning-rate", now + timedelta(minutes=3)).mastery > 0.0


def test_measure_topic_counts_only_the_credited_items_and_keeps_the_mean_of_all():
    measured = measure_topic("t", 4, [1.0, 0.5], 0, credited=[1.0], exercises=(3, 2))
    assert measured.mastery == 0.25 and measured.mean_retrievability == 0.75
    assert (measured.cards, measured.right) == (2, 1)
    assert (measured.exercises, measured.exercises_solved) == (3, 2)


def test_solved_exercises_are_counted_per_topic_once_each(db, now):
    topics = {"a": "gd.idea", "b": "gd.idea", "c": "gd.idea", "d": "loss.zero"}
    record_exercise_attempt(db, "a", 1, {"x": "1"}, "incorrect", now)
    record_exercise_attempt(db, "a", 1, {"x": "2"}, "correct", now)
    record_exercise_attempt(db, "a", 2, {"x": "2"}, "correct", now)
    record_exercise_attempt(db, "b", 1, {"file": "f.py"}, "correct", now)
    record_exercise_attempt(db, "d", 1, {"x": "9"}, "diverged", now)
    assert exercise_counts(db, topics) == {"gd.idea": (3, 2), "loss.zero": (1, 0)}
    measured = next(t for t in topic_mastery(db, COURSE, now, topics).topics if t.topic_id == "gd.idea")
    assert (measured.exercises, measured.exercises_solved) == (3, 2)


def test_the_definition_is_written_for_the_stats_help_in_both_languages():
    text = Catalog("domain.progress.mastery")
    assert "latest answer" in text("definition", "en") and "wrong" in text("definition", "en")
    assert "마지막 답" in text("definition", "ko")
