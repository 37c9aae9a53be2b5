"""``studytrack optimize`` and ``studytrack forecast`` end to end: too few reviews, asking before
storing, the fitted parameters scheduling the next review, going back to the defaults, and the
forecast at three retentions."""

import json
from datetime import timedelta

import pytest
from synthetic_learner import synthetic_reviews

from studytrack.clock import to_iso
from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.domain.planning.fitting import DEFAULT_WEIGHTS
from studytrack.domain.planning.schedule import review
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.cards import write_card
from studytrack.store.database import immediate, open_database
from studytrack.store.fitting import accepted_fit, review_count
from studytrack.store.settings import get_setting


@pytest.fixture(scope="module")
def course():
    """The bundled course."""
    return load_course(bundled_content_dir())


def seed_reviews(db_path, course, count: int, now) -> list[str]:
    """``count`` reviews of the synthetic learner on the course's items, logged and replayed into
    cards as the app would have; ends a day before ``now``. Returns the item ids never reviewed."""
    items = course.quiz_items
    reviews = synthetic_reviews(count, seed=5, items=len(items) - 6)
    shift = now - timedelta(days=1) - max(r.at for r in reviews)
    db = open_database(db_path)
    cards: dict[str, object] = {}
    with immediate(db):
        for logged in sorted(reviews, key=lambda r: r.at):
            item = items[int(logged.item_id.rsplit("-", 1)[1])]
            moment = logged.at + shift
            before = cards.get(item.id)
            after = review(before, item.id, [None, 1, 2, 3][logged.rating], moment)
            cards[item.id] = after
            db.execute(
                "INSERT INTO review_logs (kind, item_id, topic_id, rating, outcome, created_at, previous) "
                "VALUES ('review', ?, ?, ?, ?, ?, ?)",
                [item.id, item.topic, logged.rating, "correct" if logged.rating > 1 else "incorrect",
                 to_iso(moment), None if before is None else "{}"],
            )
            write_card(db, {
                "item_id": item.id, "topic_id": item.topic, "state": int(after.state), "step": after.step,
                "stability": after.stability, "difficulty": after.difficulty, "due": to_iso(after.due),
                "last_review": to_iso(after.last_review), "reps": 1, "lapses": 0, "created_at": to_iso(moment),
            })
    db.close()
    return [item.id for item in items if item.id not in cards]


def test_too_few_reviews_is_one_line_and_exit_2(run_cli, db_path, course, now):
    seed_reviews(db_path, course, 120, now)
    result = run_cli("optimize")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "400" in result.stderr and "120" in result.stderr


def test_without_a_terminal_or_yes_the_figures_show_and_nothing_is_stored(run_cli, db_path, course, now):
    seed_reviews(db_path, course, 700, now)
    result = run_cli("optimize")
    assert result.exit_code == 2
    assert "log loss" in result.stdout and "RMSE" in result.stdout
    assert "--yes" in result.stderr and result.stderr.count("\n") == 1
    db = open_database(db_path)
    assert get_setting(db, "fsrs_parameters") == ""


def test_accepted_parameters_schedule_the_next_review_until_reset(run_cli, db_path, course, now):
    new_items = seed_reviews(db_path, course, 700, now)
    result = run_cli("optimize", "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["accepted"] is True and figures["improves"] is True
    assert figures["reviews"] == 700
    assert figures["fitted"]["log_loss"] < figures["default"]["log_loss"]
    db = open_database(db_path)
    stored = accepted_fit(db)
    assert stored is not None and list(stored.fit.parameters) == figures["parameters"]
    assert stored.accepted_at == to_iso(now)

    # A first right answer starts the card at stability w[2]: the fitted one, not FSRS's default.
    item = next(i for i in course.quiz_items if i.id in new_items and i.type == "truefalse")
    answer = "true" if item.answer else "false"
    recorded = record_answer(db, item, check_quiz_answer(item, answer), now)
    assert recorded.card.stability == pytest.approx(figures["parameters"][2])
    assert figures["parameters"][2] != pytest.approx(DEFAULT_WEIGHTS[2], abs=0.05)
    assert review_count(db) == 701

    reset = run_cli("optimize", "--reset")
    assert reset.exit_code == 0 and "default" in reset.stdout
    assert accepted_fit(db) is None
    other = next(i for i in course.quiz_items if i.id in new_items and i.type == "truefalse" and i.id != item.id)
    recorded = record_answer(db, other, check_quiz_answer(other, "true" if other.answer else "false"), now)
    assert recorded.card.stability == pytest.approx(DEFAULT_WEIGHTS[2])
    assert "이미" in run_cli("optimize", "--reset", lang="ko").stdout


def test_forecast_compares_three_retentions(run_cli, db_path, course, now):
    seed_reviews(db_path, course, 700, now)
    result = run_cli("forecast", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["days"] == 30 and document["desired_retention"] == 0.9
    lines = {line["desired_retention"]: line for line in document["forecasts"]}
    assert list(lines) == [0.85, 0.9, 0.95]
    assert all(len(line["reviews_per_day"]) == 30 for line in lines.values())
    assert all(isinstance(line["total_reviews"], float) for line in lines.values())
    assert lines[0.85]["total_reviews"] < lines[0.9]["total_reviews"] < lines[0.95]["total_reviews"]
    text = run_cli("forecast", lang="ko").stdout
    assert "기억 유지율 0.90" in text and "← 지금 설정" in text


def test_reviews_that_never_come_back_a_day_later_are_one_line(run_cli, db_path, now):
    db = open_database(db_path)
    with immediate(db):
        for number in range(400):
            db.execute(
                "INSERT INTO review_logs (kind, item_id, topic_id, rating, outcome, created_at) "
                "VALUES ('review', ?, 'loss.zero', 3, 'correct', ?)",
                [f"item-{number % 40}", to_iso(now - timedelta(minutes=number))],
            )
    db.close()
    result = run_cli("optimize", "--yes")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "400" in result.stderr
