"""A card recomputed from the review log: every card review of its item, in time order, through
FSRS with the desired retention and FSRS parameters in force at each review.

Both merging another machine's record (``store.transfer``) and taking back a review
(``store.undo``) leave a card that is the replay of its remaining log, so reviews imported after
a local one keep their effect when the local one is undone, and two machines agree on it.
Settings are read from ``setting_changes`` (their change log); the rules of the replay itself
live in ``studytrack.domain.records.replay``.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from studytrack.clock import from_iso
from studytrack.domain.planning.parameters import AcceptedFit, accepted_fit_from_json
from studytrack.store.cards import CardRow, write_card
from studytrack.store.connection import StoreDatabase
from studytrack.store.settings import DEFAULTS

if TYPE_CHECKING:
    from studytrack.domain.records.replay import LoggedRating

SCHEDULING_SETTINGS = ("desired_retention", "fsrs_parameters")
"""The settings a card replay needs as they were at each review."""

DEFAULT_RETENTION = float(DEFAULTS["desired_retention"])
"""The desired retention while the setting was never set."""


class SettingHistory:
    """The change history of the scheduling settings, to look up the value in force at a moment
    (read once for all the cards of an import)."""

    def __init__(self, db: StoreDatabase) -> None:
        self._history: dict[str, tuple[list[str], list[str]]] = {}
        for key in SCHEDULING_SETTINGS:
            rows = db.execute("SELECT changed_at, value FROM setting_changes WHERE key = ? "
                              "ORDER BY changed_at, uid", [key]).fetchall()
            self._history[key] = ([row[0] for row in rows], [row[1] for row in rows])
        self._fits: dict[str, AcceptedFit | None] = {}

    def value(self, key: str, moment: str) -> str | None:
        """The value of ``key`` at ``moment`` (the latest change at or before it), None if unset."""
        times, values = self._history[key]
        position = bisect.bisect_right(times, moment)
        return values[position - 1] if position else None

    def retention(self, moment: str) -> float:
        """The desired retention in force at ``moment`` (the default when unset or unreadable)."""
        text = self.value("desired_retention", moment)
        try:
            return float(text) if text else DEFAULT_RETENTION
        except ValueError:
            return DEFAULT_RETENTION

    def parameters(self, moment: str) -> tuple[float, ...] | None:
        """The FSRS parameters in force at ``moment`` (None: FSRS's defaults)."""
        text = self.value("fsrs_parameters", moment) or ""
        if text not in self._fits:
            self._fits[text] = accepted_fit_from_json(text)
        fit = self._fits[text]
        return fit.fit.parameters if fit else None


def logged_ratings(db: StoreDatabase, item_id: str, history: SettingHistory) -> list[LoggedRating]:
    """The card reviews of ``item_id`` with the retention and parameters in force at each."""
    # Deferred: domain.records.replay imports fsrs (~40 ms); commands that never replay skip it.
    from studytrack.domain.records.replay import LoggedRating  # noqa: PLC0415

    # "+kind": look the item up by its index; the planner would otherwise scan every review by kind
    rows = db.execute("SELECT created_at, rating FROM review_logs WHERE item_id = ? AND +kind = 'review' "
                      "AND rating IS NOT NULL ORDER BY created_at, uid", [item_id])
    return [LoggedRating(from_iso(created_at), rating, history.retention(created_at),
                         history.parameters(created_at))
            for created_at, rating in rows]


def replay_stored_card(
    db: StoreDatabase, item_id: str, topic_id: str, history: SettingHistory | None = None
) -> CardRow | None:
    """Recompute and store the card of ``item_id`` from its review log (deleted when no review is
    left); returns the row written, or None. The caller holds the transaction."""
    # Deferred: the replay runs fsrs (~40 ms to import), only when a card is recomputed.
    from studytrack.domain.records.replay import replay_card  # noqa: PLC0415

    row = replay_card(item_id, topic_id, logged_ratings(db, item_id, history or SettingHistory(db)))
    if row is None:
        db.execute("DELETE FROM cards WHERE item_id = ?", [item_id])
    else:
        write_card(db, row)
    return row
