"""The journal of undoable learner entries and taking them back, newest first.

Two logs work together. ``review_logs`` holds every review, practice answer and flag review with
what it changed (the card or the flag as it was before). ``undo_journal`` (migration
``0008_undo_journal``) orders *every* learner entry: a check-in, a goal, a lesson rating, a break
planned or cancelled, a flag made, edited, deleted or resolved, and (through a trigger) each
review-log row the learner made. ``undo_latest`` takes back the newest journal entry of the
current study day; nothing older, and nothing imported from another machine (an import writes
no journal rows; a row marked ``imported = 1`` is passed by). Undoing a card review recomputes
the card from the reviews left in its log (``store.card_replay``), so reviews imported after it
keep their effect.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from studytrack.clock import to_iso
from studytrack.i18n import Catalog
from studytrack.store.card_replay import replay_stored_card
from studytrack.store.cards import card_for, card_from_row
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate, inserted_id
from studytrack.store.learner import Learner
from studytrack.store.settings import day_settings
from studytrack.vocabulary import LogKind

if TYPE_CHECKING:
    from fsrs import Card

TEXT = Catalog("store.undo")

ENTRY_KINDS = ("checkin", "goal", "rating", "break", "break_cancel", "flag", "flag_edit",
               "flag_delete", "flag_resolve", "review")
"""What a journal entry records (``undo_journal.kind``)."""

JOURNALED_TABLES = ("checkins", "goals", "lesson_ratings", "breaks", "flags", "review_logs")
"""The tables a journal entry may name; nothing else is ever written by an undo."""


def log_entry(db: StoreDatabase, kind: str, moment: datetime, **values: object) -> int:
    """Append one ``review_logs`` row of ``kind`` (``review``, ``practice``, ``flag``) made at
    ``moment``; returns its id (a trigger journals it for undo). The caller holds the transaction."""
    columns = {"kind": kind, "created_at": to_iso(moment), **values}
    marks = ", ".join("?" for _ in columns)
    cursor = db.execute(f"INSERT INTO review_logs ({', '.join(columns)}) VALUES ({marks})",
                        list(columns.values()))
    return inserted_id(cursor)


def journal_entry(
    db: StoreDatabase, kind: str, table: str, row_id: int, moment: datetime,
    previous: dict[str, object] | None = None,
) -> int:
    """Record that the learner's entry ``kind`` touched row ``row_id`` of ``table`` at ``moment``;
    ``previous``: the row's values before (None when the entry added the row). Returns the
    journal id. The caller holds the transaction that made the change."""
    if kind not in ENTRY_KINDS or table not in JOURNALED_TABLES:
        raise ValueError(f"not a journal entry: {kind} on {table}")
    cursor = db.execute(
        "INSERT INTO undo_journal (kind, table_name, row_id, previous, created_at) VALUES (?, ?, ?, ?, ?)",
        [kind, table, row_id, None if previous is None else json.dumps(previous, ensure_ascii=False),
         to_iso(moment)],
    )
    return inserted_id(cursor)


def row_values(db: StoreDatabase, table: str, row_id: int) -> dict[str, object] | None:
    """Every column of row ``row_id`` of a journaled ``table`` (what an undo puts back), or None."""
    if table not in JOURNALED_TABLES:
        raise ValueError(f"not a journaled table: {table}")
    cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


@dataclass(frozen=True)
class JournalEntry:
    """One learner entry undo could take back."""

    id: int
    kind: str
    """One of ``ENTRY_KINDS``."""
    table: str
    row_id: int
    previous: dict[str, object] | None
    created_at: str
    row: dict[str, object] | None
    """The row as it is now (None when it is gone, e.g. after a delete)."""

    def describe(self, lang: str) -> str:
        """What this entry was, for the learner ("your check-in 'low' for 2026-12-01")."""
        row = self.row or self.previous or {}
        if self.kind == "review":
            review_kind = str(row.get("kind", "review"))
            if review_kind == LogKind.FLAG:
                return TEXT("flag_review", lang, flag_id=row.get("flag_id"), topic=row.get("topic_id"))
            outcome = TEXT(f"outcome_{row.get('outcome')}", lang) if row.get("outcome") in (
                "correct", "incorrect") else str(row.get("outcome"))
            key = "practice" if review_kind == LogKind.PRACTICE else "review"
            return TEXT(key, lang, item=row.get("item_id"), outcome=outcome)
        if self.kind in ("break", "break_cancel"):
            return TEXT(self.kind, lang, break_id=self.row_id, start=row.get("start_day"),
                        end=row.get("end_day"))
        if self.kind.startswith("flag"):
            return TEXT(self.kind, lang, flag_id=self.row_id, topic=row.get("topic_id"))
        if self.kind == "checkin":
            return TEXT("checkin", lang, condition=row.get("condition"), day=row.get("day"))
        if self.kind == "rating":
            return TEXT("rating", lang, lesson=row.get("lesson_id"), rating=row.get("rating"))
        return TEXT("goal", lang, text=_short(str(row.get("text", ""))))

    def to_json(self) -> dict[str, object]:
        """The entry as ``studytrack undo --json`` prints it."""
        return {"id": self.id, "kind": self.kind, "table": self.table, "row_id": self.row_id,
                "created_at": self.created_at}


@dataclass(frozen=True)
class UndoneEntry:
    """What ``undo_latest`` / ``undo_entry`` took back."""

    entry: JournalEntry
    card: Card | None
    """For a card review: the card recomputed from the reviews left (None when none is left)."""

    def describe(self, lang: str) -> str:
        """One line for the learner: "Undid your check-in 'low' for 2026-12-01." """
        return TEXT("undid", lang, what=self.entry.describe(lang))


def latest_entry(db: StoreDatabase, now: datetime) -> JournalEntry | None:
    """The entry undo would take back now: the newest learner entry of the current study day
    (None when there is none). A screen shows it and passes its id to ``undo_entry``."""
    since = _day_start(db, now)
    row = db.execute(
        "SELECT id, kind, table_name, row_id, previous, created_at FROM undo_journal "
        "WHERE imported = 0 AND created_at >= ? ORDER BY id DESC LIMIT 1", [since]
    ).fetchone()
    if row is None:
        return None
    entry_id, kind, table, row_id, previous, created_at = row
    return JournalEntry(entry_id, kind, table, row_id,
                        None if previous is None else json.loads(previous), created_at,
                        row_values(db, table, row_id))


def entry_for_review_log(db: StoreDatabase, review_log_id: int) -> int | None:
    """The journal id of review-log row ``review_log_id`` (None when it is not undoable)."""
    row = db.execute("SELECT id FROM undo_journal WHERE table_name = 'review_logs' AND row_id = ? "
                     "AND imported = 0", [review_log_id]).fetchone()
    return None if row is None else int(row[0])


def undo_latest(learner: Learner) -> UndoneEntry | None:
    """Take back the newest learner entry of the current study day; None when there is none."""
    with immediate(learner.db):
        entry = latest_entry(learner.db, learner.now())
        return None if entry is None else _undo(learner.db, entry)


def undo_entry(learner: Learner, expected_id: int) -> UndoneEntry | Literal["changed"] | None:
    """Take back journal entry ``expected_id`` — the one the learner saw — only while it is still
    the newest of the day: checked and undone in one transaction, so an entry another process
    wrote in between is never undone in its place. ``"changed"`` when the newest entry is
    another one; None when there is nothing to undo today."""
    with immediate(learner.db):
        entry = latest_entry(learner.db, learner.now())
        if entry is None:
            return None
        if entry.id != expected_id:
            return "changed"
        return _undo(learner.db, entry)


def undo_last_review(db: StoreDatabase, now: datetime) -> UndoneReview | None:
    """Take back the latest review of any kind (card review, practice answer, flag review) of the
    learner, whatever its day; None when there is none. Imported reviews are never taken back.
    The review screen's own step back; ``undo_latest`` is the one for every entry."""
    del now
    with immediate(db):
        row = db.execute(
            "SELECT id FROM review_logs WHERE imported = 0 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return _undo_review_log(db, int(row[0]))[0]


def undo_review(db: StoreDatabase, log_id: int) -> UndoneReview | Literal["changed"] | None:
    """Take back review-log row ``log_id`` (the answer the learner saw) only while it is still the
    newest of the log: checked and undone in one transaction, so an answer another process logged
    in between is never undone in its place. ``"changed"`` when another row is newer; None when
    the log is empty."""
    with immediate(db):
        row = db.execute("SELECT id FROM review_logs WHERE imported = 0 ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        if int(row[0]) != log_id:
            return "changed"
        return _undo_review_log(db, log_id)[0]


@dataclass(frozen=True)
class UndoneReview:
    """The review ``undo_last_review`` took back."""

    kind: str
    """``review``, ``practice`` or ``flag``."""
    item_id: str | None
    flag_id: int | None
    topic_id: str
    outcome: str
    created_at: str
    card: Card | None
    """The card as recomputed (None when the undone review was its only one, or for flags)."""


def _undo(db: StoreDatabase, entry: JournalEntry) -> UndoneEntry:
    """Put back what ``entry`` changed and drop it from the journal (inside the caller's
    transaction)."""
    card = None
    if entry.table == "review_logs":
        card = _undo_review_log(db, entry.row_id)[1] if entry.row is not None else None
    elif entry.previous is None:
        db.execute(f"DELETE FROM {entry.table} WHERE id = ?", [entry.row_id])
    elif entry.row is None:
        columns = list(entry.previous)
        db.execute(f"INSERT INTO {entry.table} ({', '.join(columns)}) "
                   f"VALUES ({', '.join('?' for _ in columns)})", list(entry.previous.values()))
    else:
        assignments = ", ".join(f"{column} = ?" for column in entry.previous)
        db.execute(f"UPDATE {entry.table} SET {assignments} WHERE id = ?",
                   [*entry.previous.values(), entry.row_id])
    db.execute("DELETE FROM undo_journal WHERE id = ?", [entry.id])
    return UndoneEntry(entry, card)


def _undo_review_log(db: StoreDatabase, log_id: int) -> tuple[UndoneReview, Card | None]:
    """Take back review-log row ``log_id``: a card review's card recomputed from the item's
    remaining review log (deleted when that review was its only one), a practice answer only
    removed, a flag review that resolved the flag re-opening it; the quiz attempt recorded with
    the answer deleted too. Deleting the row drops its journal entry (trigger
    ``review_logs_unjournaled``)."""
    kind, item_id, flag_id, topic_id, outcome, created_at, previous, attempt_id = db.execute(
        "SELECT kind, item_id, flag_id, topic_id, outcome, created_at, previous, quiz_attempt_id "
        "FROM review_logs WHERE id = ?", [log_id]
    ).fetchone()
    db.execute("DELETE FROM review_logs WHERE id = ?", [log_id])
    if attempt_id is not None:
        db.execute("DELETE FROM quiz_attempts WHERE id = ?", [attempt_id])
    card = _restore(db, kind, item_id, flag_id, topic_id, previous)
    return UndoneReview(kind, item_id, flag_id, topic_id, outcome, created_at, card), card


def _restore(
    db: StoreDatabase, kind: str, item_id: str | None, flag_id: int | None, topic_id: str, previous: str | None
) -> Card | None:
    """Put back what one review-log entry (already deleted) changed; the item's card afterwards
    (None for flags).

    A card is the replay of the reviews left in its log, not the copy kept with the undone one:
    reviews imported from another machine after it (``studytrack import``) keep their effect, and
    the other machine, which receives the undo as a deletion, replays to the same card."""
    if kind == LogKind.REVIEW and item_id is not None:
        row = replay_stored_card(db, item_id, topic_id)
        return None if row is None else card_from_row(row)
    if kind == LogKind.PRACTICE and item_id is not None:
        return card_for(db, item_id)
    if kind == LogKind.FLAG and previous is not None:
        fields = json.loads(previous)
        db.execute(
            "UPDATE flags SET resolved_at = ?, resolution_note = ? WHERE id = ?",
            [fields["resolved_at"], fields["resolution_note"], flag_id],
        )
    return None


def _day_start(db: StoreDatabase, now: datetime) -> str:
    """The stored form of the moment the current study day began (the undo window's start); at
    the limits of the calendar, the earliest moment there is."""
    settings = day_settings(db)
    try:
        return to_iso(settings.start(settings.day(now)))
    except (OverflowError, ValueError):
        return "0001-01-01T00:00:00+00:00" if now.year < 2 else to_iso(now)[:10]


def _short(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
