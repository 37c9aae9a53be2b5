"""``studytrack export`` and ``import``: the whole record as JSON Lines, and merging one in.

Export streams every record (``domain.records.export_format``) in a fixed order, so the same record
always gives the same file. Import merges in one transaction: a record whose global id is already
present is skipped, a new one is added (review-log rows marked ``imported``: ``undo`` never takes
them back); a flag resolved on the other machine gets the later resolution; settings merge
last-writer-wins by their change time; every card whose item got new reviews is recomputed by
replaying its merged review log through FSRS with the settings in force at each review. A line
that is not a well-formed record, or an end line that does not match, rolls everything back and
names the line; importing the same file twice changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter

from studytrack.domain.records.export_format import (
    RECORD_FIELDS,
    ExportFormatError,
    Record,
    header_line,
    read_export,
    record_lines,
)
from studytrack.store.card_replay import SettingHistory, replay_stored_card
from studytrack.store.cards import CARD_COLUMNS, write_card
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate
from studytrack.store.long_work import report_progress

EXPORT_QUERIES: dict[str, str] = {
    "deletion": "SELECT uid, record_table, deleted_at FROM deleted_records ORDER BY deleted_at, uid",
    "setting": "SELECT uid, key, value, changed_at FROM setting_changes ORDER BY key, changed_at, uid",
    "goal": "SELECT uid, text, created_at FROM goals ORDER BY created_at, uid",
    "checkin": "SELECT uid, day, condition, created_at FROM checkins ORDER BY created_at, uid",
    "rating": "SELECT uid, lesson_id, rating, created_at FROM lesson_ratings ORDER BY created_at, uid",
    "break": "SELECT uid, start_day, end_day, created_at FROM breaks ORDER BY created_at, uid",
    "flag": "SELECT uid, topic_id, category, note, created_at, resolved_at, resolution_note, edited_at FROM flags "
            "ORDER BY created_at, uid",
    "attempt": "SELECT uid, item_id, topic_id, answer, outcome, seconds, created_at FROM quiz_attempts "
               "ORDER BY created_at, uid",
    "exercise_attempt": "SELECT uid, exercise_id, seed, difficulty, answers, outcome, seconds, created_at "
                        "FROM exercise_attempts ORDER BY created_at, uid",
    "review": "SELECT r.uid, r.kind, r.item_id, r.topic_id, f.uid, r.rating, r.outcome, r.seconds, "
              "r.elapsed_days, r.note, a.uid, r.previous, r.created_at FROM review_logs r "
              "LEFT JOIN flags f ON f.id = r.flag_id LEFT JOIN quiz_attempts a ON a.id = r.quiz_attempt_id "
              "ORDER BY r.created_at, r.uid",
    "card": f"SELECT {', '.join(CARD_COLUMNS)} FROM cards ORDER BY item_id",
}
"""How each record type is read for export; the columns come in ``RECORD_FIELDS`` order."""

TABLES = {"deletion": "deleted_records", "setting": "setting_changes", "goal": "goals", "checkin": "checkins",
          "rating": "lesson_ratings",
          "break": "breaks", "flag": "flags", "attempt": "quiz_attempts", "exercise_attempt": "exercise_attempts",
          "review": "review_logs", "card": "cards"}
"""The table each record type lives in."""

RECORD_TYPES = {table: kind for kind, table in TABLES.items()}
"""The record type of each table (what a deletion names)."""

INSERTS: dict[str, str] = {
    **{kind: f"INSERT INTO {TABLES[kind]} ({', '.join(RECORD_FIELDS[kind])}) "
             f"VALUES ({', '.join('?' for _ in RECORD_FIELDS[kind])})"
       for kind in ("setting", "goal", "checkin", "rating", "break", "flag", "attempt", "exercise_attempt")},
    "review": "INSERT INTO review_logs (uid, kind, item_id, topic_id, flag_id, rating, outcome, seconds, "
              "elapsed_days, note, quiz_attempt_id, previous, created_at, imported) VALUES (?, ?, ?, ?, "
              "(SELECT id FROM flags WHERE uid = ?), ?, ?, ?, ?, ?, (SELECT id FROM quiz_attempts WHERE uid = ?), "
              "?, ?, 1)",
}
"""How a new record of each type is added (cards are recomputed, never inserted as read)."""

BATCH = 2000
"""Records of one type added with one ``executemany`` (and read with one ``fetchmany``)."""

PROGRESS_FROM = 50_000
"""Records (or lines) from which an export or import reports its progress."""

PROGRESS_EVERY = 20_000
"""Lines an import reads between two progress reports."""


@dataclass
class ImportSummary:
    """What ``import_records`` did: per record type, how many were added and skipped."""

    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    flags_updated: int = 0
    cards_recomputed: int = 0

    def to_json(self) -> dict[str, object]:
        """The summary as ``studytrack import --json`` prints it."""
        return {"added": self.added, "skipped": self.skipped, "flags_updated": self.flags_updated,
                "cards_recomputed": self.cards_recomputed}


# ── export ──────────────────────────────────────────────────────────────────────────────────


def export_lines(db: StoreDatabase, studytrack_version: str, exported_at: str) -> Iterator[str]:
    """Every line of the export of ``db``: header, records, end line (without newlines)."""
    yield header_line(studytrack_version, exported_at)
    yield from record_lines(_export_records(db))


def _export_records(db: StoreDatabase) -> Iterator[Record]:
    """Every record of ``db`` in file order, reporting progress on a large record."""
    total = sum(db.execute(f"SELECT count(*) FROM {TABLES[kind]}").fetchone()[0] for kind in EXPORT_QUERIES)
    done = 0
    for kind, query in EXPORT_QUERIES.items():
        keys = ("type", *RECORD_FIELDS[kind])
        cursor = db.execute(query)
        while rows := cursor.fetchmany(BATCH):
            for row in rows:
                record = dict(zip(keys, (kind, *row), strict=True))
                if kind == "deletion":
                    record["record"] = RECORD_TYPES.get(record["record"], record["record"])
                yield record
            done += len(rows)
            if total >= PROGRESS_FROM and done < total:
                report_progress("export", done, total)
    if total >= PROGRESS_FROM:
        report_progress("export", total, total)


# ── import ──────────────────────────────────────────────────────────────────────────────────


def import_records(db: StoreDatabase, lines: Iterable[str], total_lines: int = 0) -> ImportSummary:
    """Merge the export read from ``lines`` into ``db`` in one transaction.

    ``ExportFormatError`` (naming the line) or ``NewerFormatError`` when the file is not a
    complete, unchanged export this version reads; then nothing is written. ``total_lines`` (when
    known) lets a large import report progress.
    """
    summary = ImportSummary()
    merge = _Merge(db, summary)
    with immediate(db):
        read_export(_counted(lines, total_lines), merge.take)
        merge.flush()
        merge.apply_settings()
        merge.recompute_cards()
    if total_lines >= PROGRESS_FROM:
        report_progress("import", total_lines, total_lines)  # after the cards: the end of the work
    return summary


def _counted(lines: Iterable[str], total_lines: int) -> Iterator[str]:
    """The lines, reporting progress on a large import (``import_records`` reports the end)."""
    if total_lines < PROGRESS_FROM:
        yield from lines
        return
    for number, line in enumerate(lines, 1):
        if number % PROGRESS_EVERY == 0 and number < total_lines:
            report_progress("import", number, total_lines)
        yield line


class _Merge:
    """Adds the records of one import in batches of one type and remembers what the end needs
    (touched settings, items with new reviews, the cards the file carries)."""

    def __init__(self, db: StoreDatabase, summary: ImportSummary) -> None:
        self.db = db
        self.summary = summary
        self.batch: list[tuple[int, Record]] = []
        self.setting_keys: set[str] = set()
        self.reviewed_items: dict[str, str] = {}
        self.file_cards: dict[str, Record] = {}
        self.had_card: set[str] = {row[0] for row in db.execute("SELECT item_id FROM cards")}

    def take(self, number: int, record: Record) -> None:
        """Queue the (checked) record read on line ``number``."""
        if self.batch and (self.batch[0][1]["type"] != record["type"] or len(self.batch) >= BATCH):
            self.flush()
        self.batch.append((number, record))

    def flush(self) -> None:
        """Write the queued batch."""
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        kind = batch[0][1]["type"]
        if kind == "card":
            self.file_cards.update((record["item_id"], record) for _, record in batch)
            return
        if kind == "deletion":
            for number, record in batch:
                self._delete(number, record)
            return
        present = self._present(kind, [record["uid"] for _, record in batch])
        new: list[tuple[int, Record]] = []
        for number, record in batch:
            if record["uid"] in present:
                self.summary.skipped[kind] = self.summary.skipped.get(kind, 0) + 1
                if kind == "flag":
                    self._merge_flag(record)
                continue
            present.add(record["uid"])
            new.append((number, record))
        self._insert(kind, new)

    def _present(self, kind: str, uids: list[str]) -> set[str]:
        """Which of ``uids`` the table of ``kind`` has already, or had and deleted."""
        marks = ", ".join("?" for _ in uids)
        rows = self.db.execute(f"SELECT uid FROM {TABLES[kind]} WHERE uid IN ({marks}) "
                               f"UNION SELECT uid FROM deleted_records WHERE uid IN ({marks})", [*uids, *uids])
        return {row[0] for row in rows}

    def _delete(self, number: int, record: Record) -> None:
        """Apply a deletion made on the other machine (once): remember it, delete the row; a
        deleted card review gets its card replayed."""
        table = TABLES.get(record["record"])
        if table is None or table in ("deleted_records", "cards", "setting_changes"):
            raise ExportFormatError(number, f"deletion of an unknown record type {record['record']!r}")
        if self.db.execute("SELECT 1 FROM deleted_records WHERE uid = ?", [record["uid"]]).fetchone():
            self.summary.skipped["deletion"] = self.summary.skipped.get("deletion", 0) + 1
            return
        self.db.execute("INSERT INTO deleted_records (uid, record_table, deleted_at) VALUES (?, ?, ?)",
                        [record["uid"], table, record["deleted_at"]])
        if table == "review_logs":
            row = self.db.execute("SELECT item_id, topic_id FROM review_logs WHERE uid = ? AND kind = 'review' "
                                  "AND item_id IS NOT NULL", [record["uid"]]).fetchone()
            if row is not None:
                self.reviewed_items[row[0]] = row[1]
        self.db.execute(f"DELETE FROM {table} WHERE uid = ?", [record["uid"]])
        self.summary.added["deletion"] = self.summary.added.get("deletion", 0) + 1

    def _insert(self, kind: str, new: list[tuple[int, Record]]) -> None:
        """Add new records; a value the table refuses names its line."""
        if not new:
            return
        rows = [_insert_values(kind, record) for _, record in new]
        try:
            self.db.conn.executemany(INSERTS[kind], rows)
        except sqlite3.IntegrityError:
            for (number, _), values in zip(new, rows, strict=True):
                try:
                    self.db.execute(INSERTS[kind], values)
                except sqlite3.IntegrityError as error:
                    raise ExportFormatError(number, f"{kind} record refused by the database ({error})") from error
            raise
        self.summary.added[kind] = self.summary.added.get(kind, 0) + len(new)
        for _, record in new:
            if kind == "setting":
                self.setting_keys.add(record["key"])
            elif kind == "review" and record["kind"] == "review" and record["item_id"]:
                self.reviewed_items[record["item_id"]] = record["topic_id"]

    def _merge_flag(self, record: Record) -> None:
        """A flag both sides have: the later edit wins its topic, category and note, the later
        resolution wins its resolution (never edited and open count as earliest)."""
        local = self.db.execute(
            "SELECT resolved_at, resolution_note, edited_at, topic_id, category, note FROM flags WHERE uid = ?",
            [record["uid"]],
        ).fetchone()
        if local is None:
            return  # deleted here: the deletion wins
        edit = (record["edited_at"] or "", record["topic_id"], record["category"], record["note"])
        if record["edited_at"] and edit > (local[2] or "", *local[3:]):
            self.db.execute("UPDATE flags SET topic_id = ?, category = ?, note = ?, edited_at = ? WHERE uid = ?",
                            [record["topic_id"], record["category"], record["note"], record["edited_at"],
                             record["uid"]])
            self.summary.flags_updated += 1
        incoming = (record["resolved_at"] or "", record["resolution_note"] or "")
        if record["resolved_at"] and incoming > (local[0] or "", local[1] or ""):
            self.db.execute("UPDATE flags SET resolved_at = ?, resolution_note = ? WHERE uid = ?",
                            [record["resolved_at"], record["resolution_note"], record["uid"]])
            self.summary.flags_updated += 1

    def apply_settings(self) -> None:
        """Each setting with new changes takes its latest change's value (last writer wins)."""
        for key in sorted(self.setting_keys):
            value = self.db.execute(
                "SELECT value FROM setting_changes WHERE key = ? ORDER BY changed_at DESC, uid DESC LIMIT 1", [key]
            ).fetchone()[0]
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def recompute_cards(self) -> None:
        """Every card whose item got new reviews: the file's card when this database had none of
        its reviews, else the replay of the merged log."""
        history = SettingHistory(self.db)
        for item_id, topic_id in sorted(self.reviewed_items.items()):
            if item_id not in self.had_card and item_id in self.file_cards:
                write_card(self.db, {column: self.file_cards[item_id][column] for column in CARD_COLUMNS})
            else:
                replay_stored_card(self.db, item_id, topic_id, history)
            self.summary.cards_recomputed += 1


INSERT_VALUES = {kind: itemgetter(*RECORD_FIELDS[kind]) for kind in INSERTS}
"""Per record type, the values ``INSERTS[kind]`` takes from a record, in order."""


def _insert_values(kind: str, record: Record) -> tuple[object, ...]:
    """The values ``INSERTS[kind]`` takes for ``record``."""
    values: tuple[object, ...] = INSERT_VALUES[kind](record)
    return values


def export_moment(now: datetime) -> str:
    """``exported_at`` of the header: ``now`` in UTC ISO-8601."""
    return now.isoformat(timespec="seconds")
