"""Planned breaks: study days on which the session is empty and nothing piles up."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from studytrack.clock import to_iso
from studytrack.errors import StudytrackError, UnknownIdError
from studytrack.i18n import Catalog
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate, inserted_id
from studytrack.store.settings import day_settings

if TYPE_CHECKING:
    from studytrack.store.learner import Learner

TEXT = Catalog("store.breaks")


class Break(NamedTuple):
    """A planned break: study days ``start_day`` to ``end_day``, both included (a named tuple:
    ``due --json`` imports it, and a frozen dataclass costs ~1 ms at start-up)."""

    id: int
    start_day: date
    end_day: date
    created_at: str

    def to_json(self) -> dict[str, object]:
        """The break as the command line prints it."""
        return {"id": self.id, "start": self.start_day.isoformat(),
                "end": self.end_day.isoformat(), "created_at": self.created_at}


def plan_break(learner: Learner, start_day: date, end_day: date) -> Break:
    """Plan a break from study day ``start_day`` to ``end_day`` (both included).

    On those days the session is empty; afterwards, what fell due meanwhile is spread over the
    following days (``studytrack.domain.planning.today``). Due dates are not shifted. A break that
    ends before it starts, has already ended, or overlaps a planned break (the learner cancels
    that one first, or picks other days: two breaks never share a day) raises a
    ``StudytrackError``. Undoable.
    """
    # Deferred: store.undo imports the FSRS card replay (~9 ms at start-up); reading breaks never needs it.
    from studytrack.store.undo import journal_entry  # noqa: PLC0415

    db, lang, now = learner.db, learner.lang, learner.now()
    if end_day < start_day:
        raise StudytrackError(TEXT("break_order", lang, start=start_day, end=end_day))
    today = day_settings(db).day(now)
    if end_day < today:
        raise StudytrackError(TEXT("break_past", lang, end=end_day, today=today))
    with immediate(db):
        overlap = _overlapping(db, start_day, end_day)
        if overlap is not None:
            raise StudytrackError(TEXT("break_overlap", lang, start=start_day, end=end_day,
                                       break_id=overlap.id, other_start=overlap.start_day,
                                       other_end=overlap.end_day))
        cursor = db.execute(
            "INSERT INTO breaks (start_day, end_day, created_at) VALUES (?, ?, ?)",
            [start_day.isoformat(), end_day.isoformat(), to_iso(now)],
        )
        break_id = inserted_id(cursor)
        journal_entry(db, "break", "breaks", break_id, now)
    return Break(break_id, start_day, end_day, to_iso(now))


def cancel_break(learner: Learner, break_id: int) -> Break:
    """Cancel planned break ``break_id`` (typed wrong, or plans changed); returns it. It is no
    longer listed nor kept free; ``undo`` the same study day brings it back."""
    # Deferred: store.undo imports the FSRS card replay (~9 ms at start-up); reading breaks never needs it.
    from studytrack.store.undo import journal_entry, row_values  # noqa: PLC0415

    db, lang = learner.db, learner.lang
    with immediate(db):
        found = get_break(db, break_id, lang)
        before = row_values(db, "breaks", break_id)
        db.execute("DELETE FROM breaks WHERE id = ?", [break_id])
        journal_entry(db, "break_cancel", "breaks", break_id, learner.now(), before)
    return found


def get_break(db: StoreDatabase, break_id: int, lang: str = "en") -> Break:
    """The planned break with this id; ``UnknownIdError`` (naming the planned ones) otherwise."""
    row = None
    if -(2**63) <= break_id < 2**63:  # SQLite would raise OverflowError for the query
        row = db.execute("SELECT id, start_day, end_day, created_at FROM breaks WHERE id = ?",
                         [break_id]).fetchone()
    if row is None:
        known = ", ".join(str(pause.id) for pause in breaks(db)) or "-"
        raise UnknownIdError(TEXT("unknown_break", lang, break_id=break_id, known=known))
    return _break_from_row(row)


def upcoming_breaks(db: StoreDatabase, today: date) -> list[Break]:
    """The planned breaks not over yet on study day ``today`` (running or ahead), earliest first:
    what ``studytrack breaks`` lists and Home shows with a key to cancel."""
    return [pause for pause in breaks(db) if pause.end_day >= today]


def _overlapping(db: StoreDatabase, start_day: date, end_day: date) -> Break | None:
    """A planned break sharing a day with ``start_day``..``end_day``, or None."""
    row = db.execute(
        "SELECT id, start_day, end_day, created_at FROM breaks WHERE start_day <= ? AND end_day >= ? "
        "ORDER BY start_day, id LIMIT 1", [end_day.isoformat(), start_day.isoformat()]
    ).fetchone()
    return None if row is None else _break_from_row(row)


def _break_from_row(row: tuple[int, str, str, str]) -> Break:
    """A ``Break`` from its id, start, end and creation columns."""
    return Break(row[0], date.fromisoformat(row[1]), date.fromisoformat(row[2]), row[3])


def breaks(db: StoreDatabase) -> list[Break]:
    """Every planned break, earliest first."""
    rows = db.execute("SELECT id, start_day, end_day, created_at FROM breaks "
                      "ORDER BY start_day, id").fetchall()
    return [Break(i, date.fromisoformat(s), date.fromisoformat(e), c) for i, s, e, c in rows]


def break_on(db: StoreDatabase, day: date) -> Break | None:
    """The planned break study day ``day`` lies in (the one ending last), or None."""
    row = db.execute(
        "SELECT id, start_day, end_day, created_at FROM breaks WHERE start_day <= ? "
        "AND end_day >= ? ORDER BY end_day DESC, id LIMIT 1",
        [day.isoformat(), day.isoformat()],
    ).fetchone()
    if row is None:
        return None
    return Break(row[0], date.fromisoformat(row[1]), date.fromisoformat(row[2]), row[3])
