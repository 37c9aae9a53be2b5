"""FSRS parameters fitted to the learner's own review history, and how well each set predicts it.

Pure: the store reads the review log (``studytrack.store.fitting``); this module turns it into
FSRS training items, fits with fsrs-rs-python's optimizer (a small Rust wheel; py-fsrs's own
optimizer needs torch) and measures the log loss and RMSE of the default and the fitted
parameters on the same history, so the learner sees what they would accept.

Elapsed days between reviews are whole days, floored, as ``fsrs.Scheduler`` counts them.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

import fsrs_rs_python as fsrs_rs
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from studytrack.domain.planning.parameters import Fit, LoggedReview, Score

DEFAULT_WEIGHTS: tuple[float, ...] = tuple(DEFAULT_PARAMETERS)
"""FSRS's default parameters, the ones py-fsrs schedules with unless the learner accepts others."""

Progress = Callable[[int, int], None]
"""Called with (units of work done, units in all) as the work goes on."""

WORK_PER_REVIEW = {"read": 6, "prepare": 6, "fit": 6, "score": 1}
"""The relative cost of each phase of ``studytrack optimize`` per review, as measured on 100,000
reviews: reading the log ~0.8 s, building the training items ~0.7 s, the fit ~0.7 s, scoring one
parameter set ~0.1 s; so a progress bar moves at an even pace. ``read`` is the store's part
(``store.fitting.logged_reviews``), the rest is ``fit_to_history``'s. fsrs-rs-python (0.9)
offers no progress callback: its fit and each scoring advance the bar in one step."""

PREPARE_CHUNK = 200
"""Items whose training items are built between two progress reports."""


History = list[tuple[int, int]]
"""One item's reviews in time order, as (rating, whole days since the previous review; 0 first)."""


def review_histories(reviews: Iterable[LoggedReview]) -> list[History]:
    """Each item's reviews in time order, with the whole days elapsed between them."""
    return [item_history(item_reviews) for item_reviews in reviews_by_item(reviews)]


def reviews_by_item(reviews: Iterable[LoggedReview]) -> list[list[LoggedReview]]:
    """The reviews grouped by item, each group in time order."""
    by_item: dict[str, list[LoggedReview]] = {}
    for review in sorted(reviews, key=lambda r: r.at):
        by_item.setdefault(review.item_id, []).append(review)
    return list(by_item.values())


def item_history(item_reviews: Sequence[LoggedReview]) -> History:
    """One item's reviews (in time order) with the whole days elapsed between them."""
    history: History = []
    previous: datetime | None = None
    for review in item_reviews:
        elapsed = 0 if previous is None else max(0, (review.at - previous).days)
        history.append((review.rating, elapsed))
        previous = review.at
    return history


def training_items(histories: Iterable[History]) -> list[fsrs_rs.FSRSItem]:
    """FSRS training items: for each item, every prefix of its history that ends in a review
    made at least a day after the one before (the review whose outcome is predicted)."""
    items: list[fsrs_rs.FSRSItem] = []
    for history in histories:
        reviews = [fsrs_rs.FSRSReview(rating, elapsed) for rating, elapsed in history]
        items.extend(
            fsrs_rs.FSRSItem(reviews[: end + 1])
            for end in range(1, len(reviews))
            if history[end][1] > 0
        )
    return items


def score(parameters: Sequence[float], items: Sequence[fsrs_rs.FSRSItem]) -> Score:
    """The log loss and RMSE of ``parameters`` on ``items``."""
    evaluation = fsrs_rs.FSRS(list(parameters)).evaluate(list(items))
    return Score(log_loss=float(evaluation.log_loss), rmse=float(evaluation.rmse_bins))


def fit_parameters(items: Sequence[fsrs_rs.FSRSItem]) -> tuple[float, ...]:
    """FSRS parameters fitted to ``items``, kept within the bounds py-fsrs's scheduler accepts."""
    fitted = fsrs_rs.FSRS(list(DEFAULT_WEIGHTS)).compute_parameters(list(items))
    return schedulable(fitted)


def schedulable(parameters: Sequence[float]) -> tuple[float, ...]:
    """``parameters`` rounded to 4 decimals and clamped into py-fsrs's bounds (the Rust optimizer
    works in 32-bit floats, which can land a hair outside them)."""
    if len(parameters) != len(DEFAULT_WEIGHTS):
        raise ValueError(f"expected {len(DEFAULT_WEIGHTS)} FSRS parameters, got {len(parameters)}")
    return tuple(
        min(max(round(float(value), 4), low), high)
        for value, low, high in zip(parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    )


def fit_work(reviews: int) -> int:
    """The units of work ``fit_to_history`` reports for ``reviews`` reviews (``WORK_PER_REVIEW``)."""
    return reviews * (WORK_PER_REVIEW["prepare"] + WORK_PER_REVIEW["fit"] + 2 * WORK_PER_REVIEW["score"])


def fit_to_history(reviews: Sequence[LoggedReview], progress: Progress | None = None) -> Fit:
    """Fit FSRS to the learner's ``reviews`` and score the default and the fitted parameters on
    them; ``progress`` hears how many of the ``fit_work(len(reviews))`` units are done: after
    every ``PREPARE_CHUNK`` items prepared, after the fit and after each scoring."""
    report = progress or (lambda done, total: None)
    total = fit_work(len(reviews))
    report(0, total)
    groups = reviews_by_item(reviews)
    items: list[fsrs_rs.FSRSItem] = []
    prepared = 0
    for start in range(0, len(groups), PREPARE_CHUNK):
        chunk = groups[start: start + PREPARE_CHUNK]
        items.extend(training_items(item_history(group) for group in chunk))
        prepared += sum(len(group) for group in chunk)
        report(prepared * WORK_PER_REVIEW["prepare"], total)
    if not items:
        raise ValueError("no review made a day or more after an earlier one: nothing to fit")
    done = len(reviews) * WORK_PER_REVIEW["prepare"]
    parameters = fit_parameters(items)
    done += len(reviews) * WORK_PER_REVIEW["fit"]
    report(done, total)
    default = score(DEFAULT_WEIGHTS, items)
    done += len(reviews) * WORK_PER_REVIEW["score"]
    report(done, total)
    fitted = score(parameters, items)
    report(total, total)
    return Fit(parameters, default, fitted, len(reviews))
