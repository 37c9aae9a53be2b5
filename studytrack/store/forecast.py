"""What ``studytrack forecast`` starts from, read from the learner's record: their cards, the
items still new, their pace and how long a review takes (the simulation itself is
``studytrack.domain.planning.forecast``)."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from studytrack.clock import to_iso
from studytrack.domain.planning.forecast import ForecastInputs
from studytrack.store.cards import card_from_row, card_rows
from studytrack.store.connection import StoreDatabase
from studytrack.store.fitting import REVIEWED, scheduler_parameters
from studytrack.store.plan import estimated_seconds

RECENT_DAYS = 28
"""The window the forecast takes the learner's pace of new items from."""

FIRST_RECALL_DEFAULT = 0.7
"""The share of right first answers assumed until the learner has ``MIN_FIRST_ANSWERS``."""

MIN_FIRST_ANSWERS = 20
"""First answers needed before the learner's own share of right ones is used."""


def forecast_inputs(db: StoreDatabase, item_ids: Sequence[str], now: datetime) -> ForecastInputs:
    """What ``studytrack forecast`` starts from: the learner's cards, the quiz items of
    ``item_ids`` never answered, the pace of new items over the last ``RECENT_DAYS`` days, the
    share of right first answers and the time a review takes."""
    rows = card_rows(db, "1 = 1", [])
    answered = {row["item_id"] for row in rows}
    since = to_iso(now - timedelta(days=RECENT_DAYS))
    recent = sum(1 for row in rows if row["created_at"] >= since)
    first_answers, first_right = db.execute(
        f"SELECT COUNT(*), COALESCE(SUM(rating >= 2), 0) FROM review_logs WHERE {REVIEWED} AND previous IS NULL"
    ).fetchone()
    first_recall = first_right / first_answers if first_answers >= MIN_FIRST_ANSWERS else FIRST_RECALL_DEFAULT
    return ForecastInputs(
        cards=[card_from_row(row) for row in rows],
        new_items=sum(1 for item_id in item_ids if item_id not in answered),
        new_per_day=recent / RECENT_DAYS,
        first_recall=float(first_recall),
        item_seconds=estimated_seconds(db)[0],
        parameters=scheduler_parameters(db),
    )
