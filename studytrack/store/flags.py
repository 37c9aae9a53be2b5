"""Flags: the learner's list of things they did not understand, to come back to later."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from studytrack.clock import to_iso
from studytrack.errors import StudytrackError, UnknownIdError
from studytrack.i18n import Catalog
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate, inserted_id
from studytrack.vocabulary import FlagCategory, choices

if TYPE_CHECKING:
    from studytrack.store.learner import Learner

TEXT = Catalog("store.flags")

MAX_NOTE_LENGTH = 2000
"""The longest note a flag (or its resolution) keeps, in characters: about a page. A longer one
is refused with a message, never stored to fill a screen."""

NOTE_JOINER = "\n"
"""What separates a note added to an open flag from the note it had."""


class Flag(NamedTuple):
    """One row of the flags table (a named tuple: ``flags --json`` builds no dataclass, whose
    machinery costs ~8 ms at start-up; ``tests/unit/test_cli_lazy.py``)."""

    id: int
    topic_id: str
    category: str
    note: str
    created_at: str
    resolved_at: str | None
    resolution_note: str | None

    @property
    def is_open(self) -> bool:
        """True until the learner resolves it."""
        return self.resolved_at is None

    def to_json(self) -> dict[str, object]:
        """The fields of the flags table, as the command line prints them."""
        return self._asdict()


class FlagAlreadyResolvedError(StudytrackError):
    """Resolving a flag that is already resolved."""


class NoteTooLongError(StudytrackError):
    """A note longer than ``MAX_NOTE_LENGTH`` characters."""


def checked_note(note: str, lang: str = "en") -> str:
    """``note`` trimmed, as a flag keeps it; ``NoteTooLongError`` past ``MAX_NOTE_LENGTH``."""
    cleaned = note.strip()
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise NoteTooLongError(TEXT("note_too_long", lang, length=len(cleaned), limit=MAX_NOTE_LENGTH))
    return cleaned


def _checked_category(category: str, lang: str) -> str:
    """``category`` when it is a flag category; a ``StudytrackError`` naming them otherwise."""
    if category not in choices(FlagCategory):
        raise StudytrackError(
            TEXT("bad_category", lang, category=category, choices=", ".join(choices(FlagCategory)))
        )
    return category


def add_flag(learner: Learner, topic_id: str, category: str, note: str) -> Flag:
    """Record that the learner did not understand ``topic_id``; returns the new flag. Always a
    new flag: ``open_flag_on`` tells whether the topic has one the note could go to instead
    (``add_to_flag``)."""
    # Deferred: store.undo imports the FSRS card replay (~9 ms at start-up); reading flags never needs it.
    from studytrack.store.undo import journal_entry  # noqa: PLC0415

    db, lang, now = learner.db, learner.lang, learner.now()
    _checked_category(category, lang)
    cleaned = checked_note(note, lang)
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO flags (topic_id, category, note, created_at) VALUES (?, ?, ?, ?)",
            [topic_id, category, cleaned, to_iso(now)],
        )
        flag_id = inserted_id(cursor)
        journal_entry(db, "flag", "flags", flag_id, now)
    return get_flag(db, flag_id, lang)


def open_flag_on(db: StoreDatabase, topic_id: str) -> Flag | None:
    """The oldest open flag on ``topic_id`` (where a second note on the topic belongs), or None."""
    row = db.execute(
        f"SELECT {FLAG_COLUMNS} FROM flags WHERE topic_id = ? AND resolved_at IS NULL "
        "ORDER BY created_at, id LIMIT 1", [topic_id]
    ).fetchone()
    return None if row is None else _flag_from_row(row)


def add_to_flag(learner: Learner, flag_id: int, note: str) -> Flag:
    """Add ``note`` to open flag ``flag_id`` (after its note, on a new line) instead of opening a
    second flag on the same topic; undoable like an edit."""
    db, lang = learner.db, learner.lang
    addition = checked_note(note, lang)
    with immediate(db):
        flag = get_flag(db, flag_id, lang)
        if not flag.is_open:
            raise already_resolved(learner, flag)
        if not addition:
            return flag
        combined = NOTE_JOINER.join(part for part in (flag.note, addition) if part)
        return _edit(learner, flag, {"note": checked_note(combined, lang)})


def edit_flag(
    learner: Learner, flag_id: int, *, topic_id: str | None = None, category: str | None = None,
    note: str | None = None,
) -> Flag:
    """Correct a flag: move it to ``topic_id`` (a topic id the caller has checked), change its
    ``category`` or replace its ``note``; what is None stays. Undoable. Nothing to change raises a
    ``StudytrackError``."""
    db, lang = learner.db, learner.lang
    changes: dict[str, object] = {}
    if topic_id is not None:
        changes["topic_id"] = topic_id
    if category is not None:
        changes["category"] = _checked_category(category, lang)
    if note is not None:
        changes["note"] = checked_note(note, lang)
    if not changes:
        raise StudytrackError(TEXT("nothing_to_edit", lang, flag_id=flag_id))
    with immediate(db):
        return _edit(learner, get_flag(db, flag_id, lang), changes)


def _edit(learner: Learner, flag: Flag, changes: dict[str, object]) -> Flag:
    """Write ``changes`` to ``flag`` and journal its values before (the caller holds the
    transaction)."""
    # Deferred: store.undo imports the FSRS card replay (~9 ms at start-up); reading flags never needs it.
    from studytrack.store.undo import journal_entry  # noqa: PLC0415

    db = learner.db
    before = {column: getattr(flag, column) for column in changes}
    assignments = ", ".join(f"{column} = ?" for column in changes)
    db.execute(f"UPDATE flags SET {assignments} WHERE id = ?", [*changes.values(), flag.id])
    journal_entry(db, "flag_edit", "flags", flag.id, learner.now(), before)
    return get_flag(db, flag.id, learner.lang)


def delete_flag(learner: Learner, flag_id: int) -> Flag:
    """Delete a flag made by mistake; returns it as it was. The whole row stays in the undo
    journal, so ``undo`` (the same study day) brings it back with its id."""
    # Deferred: store.undo imports the FSRS card replay (~9 ms at start-up); reading flags never needs it.
    from studytrack.store.undo import journal_entry, row_values  # noqa: PLC0415

    db, lang = learner.db, learner.lang
    with immediate(db):
        flag = get_flag(db, flag_id, lang)
        before = row_values(db, "flags", flag_id)
        db.execute("DELETE FROM flags WHERE id = ?", [flag_id])
        journal_entry(db, "flag_delete", "flags", flag_id, learner.now(), before)
    return flag


FLAG_COLUMNS = "id, topic_id, category, note, created_at, resolved_at, resolution_note"
"""The columns a ``Flag`` is read from, in its fields' order."""


def get_flag(db: StoreDatabase, flag_id: int, lang: str = "en") -> Flag:
    """The flag with this id; ``UnknownIdError`` when there is none."""
    if not -(2**63) <= flag_id < 2**63:  # SQLite would raise OverflowError for the query
        raise UnknownIdError(TEXT("unknown_flag", lang, flag_id=flag_id))
    row = db.execute(f"SELECT {FLAG_COLUMNS} FROM flags WHERE id = ?", [flag_id]).fetchone()
    if row is None:
        raise UnknownIdError(TEXT("unknown_flag", lang, flag_id=flag_id))
    return _flag_from_row(row)


def list_flags(db: StoreDatabase, include_resolved: bool = False) -> list[Flag]:
    """Open flags oldest first; with ``include_resolved``, resolved ones follow in the same order."""
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    rows = db.execute(
        f"SELECT {FLAG_COLUMNS} FROM flags {where} ORDER BY resolved_at IS NOT NULL, created_at, id"
    ).fetchall()
    return [_flag_from_row(row) for row in rows]


def already_resolved(learner: Learner, flag: Flag) -> FlagAlreadyResolvedError:
    """The refusal for a change to resolved ``flag``, saying when it was resolved in the
    learner's study days ("already resolved yesterday"), never as a raw time stamp."""
    # Deferred: only this refusal needs the study-day rules; listing flags (`flags --json`) never does.
    from studytrack.clock import from_iso  # noqa: PLC0415
    from studytrack.domain.planning.days import past_day  # noqa: PLC0415
    from studytrack.store.settings import day_settings  # noqa: PLC0415

    settings = day_settings(learner.db)
    when = past_day(settings.day(from_iso(str(flag.resolved_at))), settings.day(learner.now()))
    return FlagAlreadyResolvedError(
        TEXT("already_resolved", learner.lang, flag_id=flag.id, when=when.text(learner.lang))
    )


def resolve_flag(learner: Learner, flag_id: int, note: str, *, journaled: bool = True) -> Flag:
    """Mark a flag resolved, with the learner's "what made it click" note; undoable.
    ``journaled=False``: the caller logs the resolution itself (a flag review's log row)."""
    # Deferred: store.undo imports the FSRS card replay (~9 ms at start-up); reading flags never needs it.
    from studytrack.store.undo import journal_entry  # noqa: PLC0415

    db, lang = learner.db, learner.lang
    cleaned = checked_note(note, lang)
    with immediate(db):
        flag = get_flag(db, flag_id, lang)
        if not flag.is_open:
            raise already_resolved(learner, flag)
        db.execute(
            "UPDATE flags SET resolved_at = ?, resolution_note = ? WHERE id = ?",
            [to_iso(learner.now()), cleaned, flag_id],
        )
        if journaled:
            journal_entry(db, "flag_resolve", "flags", flag_id, learner.now(),
                          {"resolved_at": None, "resolution_note": None})
    return get_flag(db, flag_id, lang)


def _flag_from_row(row: tuple[Any, ...]) -> Flag:
    """A ``Flag`` from a row of its seven columns in the migration's order (not ``SELECT *``: later
    migrations add columns, e.g. ``uid``)."""
    return Flag(*row)
