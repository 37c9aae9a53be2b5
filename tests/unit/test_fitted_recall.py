"""Recall odds follow the FSRS parameters in force: once fitted parameters are accepted, the
stats' recall and the plan's order use their forgetting curve (FSRS-6's decay ``w[20]``), exactly
as fsrs's own scheduler with those parameters computes it; ``optimize --reset`` brings back the
default curve."""

from datetime import timedelta

import pytest
from fsrs import Scheduler

from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizResult
from studytrack.domain.planning.fitting import DEFAULT_WEIGHTS
from studytrack.domain.planning.forgetting import DECAY_INDEX, forgetting_curve
from studytrack.domain.planning.parameters import Fit, Score
from studytrack.domain.planning.schedule import retrievability
from studytrack.paths import bundled_content_dir
from studytrack.store.answers import record_answer
from studytrack.store.cards import card_for
from studytrack.store.fitting import accept_fit, accepted_fit
from studytrack.store.plan import plan_today
from studytrack.store.stats import review_stats

COURSE = load_course(bundled_content_dir())
ITEM = COURSE.quiz_items[0]
FITTED = tuple(0.45 if index == DECAY_INDEX else weight for index, weight in enumerate(DEFAULT_WEIGHTS))
"""FSRS's defaults with a much steeper decay than the default 0.1542."""


def recall_now(db, later):
    """The recall of ``ITEM`` as the plan orders by it and as the stats show it."""
    planned = {review.item_id: review.retrievability for review in plan_today(db, COURSE, later).items}
    mastery = {topic.topic_id: topic for topic in review_stats(db, COURSE, later).mastery.topics}
    return planned[ITEM.id], mastery[ITEM.topic].mean_retrievability


def test_accepted_parameters_set_the_recall_shown_and_ordered_by_until_reset(db, run_cli, now):
    record_answer(db, ITEM, QuizResult(ITEM.id, "correct", "", None, "x"), now - timedelta(days=40))
    card = card_for(db, ITEM.id)
    assert card is not None
    by_default = Scheduler().get_card_retrievability(card, now)
    by_fitted = Scheduler(parameters=FITTED).get_card_retrievability(card, now)
    assert by_fitted < by_default - 0.05

    assert recall_now(db, now) == (by_default, by_default)
    accept_fit(db, Fit(FITTED, Score(0.5, 0.1), Score(0.4, 0.05), 500), now)
    assert recall_now(db, now) == (by_fitted, by_fitted)
    assert retrievability(card, now, FITTED) == by_fitted

    result = run_cli("optimize", "--reset")
    assert result.exit_code == 0, result.output
    assert accepted_fit(db) is None
    assert recall_now(db, now) == (by_default, by_default)


@pytest.mark.parametrize("decay", [0.1, 0.1542, 0.3, 0.8])
@pytest.mark.parametrize("days", [0, 1, 7, 45, 400])
def test_the_curve_of_any_decay_is_fsrs_own_bit_for_bit(db, now, decay, days):
    record_answer(db, ITEM, QuizResult(ITEM.id, "correct", "", None, "x"), now - timedelta(days=days))
    card = card_for(db, ITEM.id)
    assert card is not None
    parameters = tuple(decay if index == DECAY_INDEX else w for index, w in enumerate(DEFAULT_WEIGHTS))
    expected = Scheduler(parameters=parameters).get_card_retrievability(card, now)
    assert forgetting_curve(parameters).recall(card.stability, card.last_review, now) == expected
