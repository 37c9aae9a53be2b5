"""FSRS fitted to the learner: a synthetic learner whose true forgetting curve is known is
predicted better by the fitted parameters than by the defaults on reviews the fit never saw;
the history, the bounds and the stored setting."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS
from synthetic_learner import TRUE_WEIGHTS, synthetic_reviews

from studytrack.domain.planning.fitting import (
    DEFAULT_WEIGHTS,
    fit_to_history,
    review_histories,
    schedulable,
    score,
    training_items,
)
from studytrack.domain.planning.parameters import (
    PARAMETER_BOUNDS,
    AcceptedFit,
    LoggedReview,
    accepted_fit_from_json,
)

T0 = datetime(2026, 3, 1, 22, 0, tzinfo=UTC)


def split_by_item(reviews: list[LoggedReview]) -> tuple[list[LoggedReview], list[LoggedReview]]:
    """Half the items to fit on, the other half held out."""
    train = [r for r in reviews if int(r.item_id.rsplit("-", 1)[1]) % 2 == 0]
    held_out = [r for r in reviews if int(r.item_id.rsplit("-", 1)[1]) % 2 == 1]
    return train, held_out


@pytest.mark.parametrize("seed", [7, 11])
def test_fitted_parameters_predict_held_out_reviews_better_than_the_defaults(seed):
    train, held_out = split_by_item(synthetic_reviews(2400, seed=seed))
    fit = fit_to_history(train)
    assert fit.reviews == len(train)
    assert fit.improves and fit.fitted.log_loss < fit.default.log_loss
    items = training_items(review_histories(held_out))
    default, fitted, truth = score(DEFAULT_WEIGHTS, items), score(fit.parameters, items), score(TRUE_WEIGHTS, items)
    assert fitted.log_loss < default.log_loss - 0.005
    assert fitted.rmse < default.rmse
    # The true curve is the floor the fit approaches; the fit must be nearer to it than the defaults.
    assert fitted.log_loss - truth.log_loss < default.log_loss - fitted.log_loss
    # It learnt that this learner forgets new items fast: the first stabilities came down.
    assert fit.parameters[2] < DEFAULT_WEIGHTS[2] and fit.parameters[3] < DEFAULT_WEIGHTS[3]


def test_the_fit_holds_on_a_larger_history():
    train, held_out = split_by_item(synthetic_reviews(20000, seed=3))
    fit = fit_to_history(train)
    items = training_items(review_histories(held_out))
    assert score(fit.parameters, items).log_loss < score(DEFAULT_WEIGHTS, items).log_loss - 0.01


def test_histories_count_whole_days_per_item_in_time_order():
    reviews = [
        LoggedReview("b", 3, T0 + timedelta(hours=1)),
        LoggedReview("a", 3, T0 + timedelta(days=3, hours=23)),
        LoggedReview("a", 1, T0),
        LoggedReview("a", 3, T0 + timedelta(days=4, hours=1)),
    ]
    histories = review_histories(reviews)
    assert histories == [[(1, 0), (3, 3), (3, 0)], [(3, 0)]]
    # Only a review a day or more after the previous one is predicted: one item from "a".
    items = training_items(histories)
    assert len(items) == 1 and len(items[0].reviews) == 2 and items[0].long_term_review_cnt() == 1


def test_too_little_history_to_fit_is_an_error():
    with pytest.raises(ValueError, match="nothing to fit"):
        fit_to_history([LoggedReview("a", 3, T0), LoggedReview("a", 3, T0 + timedelta(hours=2))])


def test_parameters_are_kept_within_the_bounds_py_fsrs_accepts():
    from fsrs import Scheduler

    wild = [1000.0] * 21
    Scheduler(parameters=schedulable(wild))
    assert schedulable(DEFAULT_WEIGHTS) == tuple(round(w, 4) for w in DEFAULT_WEIGHTS)
    with pytest.raises(ValueError):
        schedulable([0.5] * 19)


def test_the_accepted_fit_round_trips_through_its_setting_and_bad_values_mean_defaults():
    fit = fit_to_history(synthetic_reviews(800, seed=5))
    accepted = AcceptedFit(fit, "2026-11-28T09:30:00+00:00")
    assert accepted_fit_from_json(accepted.to_json()) == accepted
    assert accepted_fit_from_json("") is None
    assert accepted_fit_from_json("{not json") is None
    assert accepted_fit_from_json('{"parameters": [1, 2]}') is None
    broken = accepted.as_dict() | {"parameters": [float("nan")] * 21}
    import json

    assert accepted_fit_from_json(json.dumps(broken)) is None


def test_the_parameter_bounds_are_fsrs_own():
    assert (tuple(LOWER_BOUNDS_PARAMETERS), tuple(UPPER_BOUNDS_PARAMETERS)) == PARAMETER_BOUNDS


@pytest.mark.parametrize(("place", "value"), [(20, 0.0), (20, -0.2), (4, 0.5), (0, 1000.0)])
def test_a_stored_parameter_set_outside_fsrs_bounds_is_not_used(place, value):
    parameters = list(DEFAULT_PARAMETERS)
    stored = {"parameters": parameters, "accepted_at": "2026-12-01T10:00:00+00:00", "reviews": 500,
              "default": {"log_loss": 0.4, "rmse": 0.1}, "fitted": {"log_loss": 0.3, "rmse": 0.08}}
    assert accepted_fit_from_json(json.dumps(stored)) is not None
    parameters[place] = value
    assert accepted_fit_from_json(json.dumps(stored)) is None
