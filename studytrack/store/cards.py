"""The FSRS cards table: one card per quiz item the learner has answered, read and written whole.

Building an ``fsrs.Card`` imports fsrs, so it happens only where a card is built or changed;
listing today's session reads the stored columns and never needs it (see ``card_recall``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from studytrack.clock import from_iso
from studytrack.domain.planning.forgetting import ForgettingCurve
from studytrack.store.connection import StoreDatabase

if TYPE_CHECKING:
    from fsrs import Card

CARD_COLUMNS = (
    "item_id", "topic_id", "state", "step", "stability", "difficulty", "due", "last_review",
    "reps", "lapses", "created_at",
)
"""The columns of ``cards``, in the order of the migration."""

ITEMS_LISTED = "item_id IN (SELECT value FROM json_each(?))"
"""The cards of the items given as one JSON list of ids (a seek per item; any number of them)."""

CardRow = dict[str, Any]
"""One ``cards`` row as column name → stored value (``CARD_COLUMNS``)."""


def card_from_row(row: CardRow) -> Card:
    """The FSRS card stored in a ``cards`` row."""
    # Deferred: fsrs (and domain.planning.schedule on it) cost ~40 ms to import; planning and
    # listing today's session read cards without it.
    from fsrs import Card, State  # noqa: PLC0415

    from studytrack.domain.planning.schedule import card_id_for  # noqa: PLC0415

    return Card(
        card_id=card_id_for(row["item_id"]),
        state=State(row["state"]),
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=from_iso(row["due"]),
        last_review=from_iso(row["last_review"]) if row["last_review"] else None,
    )


def card_recall(row: CardRow, now: datetime, curve: ForgettingCurve) -> float:
    """The predicted recall (0..1) at ``now`` of the card stored in a ``cards`` row, along
    ``curve``: the forgetting curve of the FSRS parameters in force
    (``store.fitting.forgetting_curve_in_force``, read once for all the cards of a listing)."""
    last_review = from_iso(row["last_review"]) if row["last_review"] else None
    return curve.recall(row["stability"], last_review, now)


def card_row(db: StoreDatabase, item_id: str) -> CardRow | None:
    """The stored ``cards`` row of ``item_id`` (every column), or None when never answered."""
    rows = card_rows(db, "item_id = ?", [item_id])
    return rows[0] if rows else None


def card_rows(db: StoreDatabase, where: str, args: list[object]) -> list[CardRow]:
    """``cards`` rows matching the SQL condition ``where`` (with ``?`` marks filled by ``args``)."""
    cursor = db.execute(f"SELECT {', '.join(CARD_COLUMNS)} FROM cards WHERE {where}", args)
    return [dict(zip(CARD_COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def card_for(db: StoreDatabase, item_id: str) -> Card | None:
    """The FSRS card of quiz item ``item_id``, or None when it has never been answered."""
    row = card_row(db, item_id)
    return card_from_row(row) if row else None


def write_card(db: StoreDatabase, row: CardRow) -> None:
    """Insert or replace one ``cards`` row (the caller holds the transaction)."""
    db.execute(
        f"INSERT OR REPLACE INTO cards ({', '.join(CARD_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in CARD_COLUMNS)})",
        [row[column] for column in CARD_COLUMNS],
    )
