"""The learner's review log as FSRS fitting wants it, and the accepted FSRS parameters (setting
``fsrs_parameters``): read by every review, written by ``studytrack optimize``."""

from collections.abc import Callable
from datetime import datetime

from studytrack.clock import from_iso, to_iso
from studytrack.domain.planning.forgetting import ForgettingCurve, forgetting_curve
from studytrack.domain.planning.parameters import AcceptedFit, Fit, LoggedReview, accepted_fit_from_json
from studytrack.store.connection import StoreDatabase
from studytrack.store.settings import get_setting, set_setting

PARAMETERS_SETTING = "fsrs_parameters"
"""The setting that holds the accepted fit as JSON (empty: FSRS's defaults)."""

READ_CHUNK = 5000
"""Reviews read between two progress reports."""

REVIEWED = "kind = 'review' AND item_id IS NOT NULL AND rating IS NOT NULL"
"""The ``review_logs`` rows that are card reviews (not practice, not flag reviews)."""


def review_count(db: StoreDatabase) -> int:
    """How many card reviews the learner has made."""
    return int(db.execute(f"SELECT COUNT(*) FROM review_logs WHERE {REVIEWED}").fetchone()[0])


def logged_reviews(db: StoreDatabase, progress: Callable[[int, int], None] | None = None) -> list[LoggedReview]:
    """Every card review in the log, oldest first; ``progress`` (when given) hears how many of
    them are read after every ``READ_CHUNK``."""
    total = review_count(db) if progress else 0
    cursor = db.execute(
        f"SELECT item_id, rating, created_at FROM review_logs WHERE {REVIEWED} ORDER BY created_at, id"
    )
    reviews: list[LoggedReview] = []
    while rows := cursor.fetchmany(READ_CHUNK):
        reviews.extend(LoggedReview(item_id, int(rating), from_iso(at)) for item_id, rating, at in rows)
        if progress:
            progress(min(len(reviews), total), total)
    return reviews


def accepted_fit(db: StoreDatabase) -> AcceptedFit | None:
    """The fit the learner accepted, or None while the scheduler uses FSRS's defaults."""
    return accepted_fit_from_json(get_setting(db, PARAMETERS_SETTING))


def scheduler_parameters(db: StoreDatabase) -> tuple[float, ...] | None:
    """The FSRS parameters reviews are scheduled with: the accepted fit's, or None for FSRS's
    defaults."""
    accepted = accepted_fit(db)
    return accepted.fit.parameters if accepted else None


def forgetting_curve_in_force(db: StoreDatabase) -> ForgettingCurve:
    """The forgetting curve recall odds are worked out with: the accepted fit's decay, or FSRS's
    default one (read once per listing, never per card)."""
    return forgetting_curve(scheduler_parameters(db))


def accept_fit(db: StoreDatabase, fit: Fit, now: datetime) -> AcceptedFit:
    """Store ``fit`` as the parameters in force from ``now`` on, with its date and figures."""
    accepted = AcceptedFit(fit, to_iso(now))
    set_setting(db, PARAMETERS_SETTING, accepted.to_json())
    return accepted


def reset_parameters(db: StoreDatabase) -> None:
    """Go back to FSRS's default parameters (the setting is emptied rather than deleted, so a
    merge of two records sees the reset as a value like any other)."""
    set_setting(db, PARAMETERS_SETTING, "")

