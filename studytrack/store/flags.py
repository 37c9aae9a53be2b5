"""Flags: the learner's list of things they did not understand, to come back to later."""

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlite_utils import Database

from studytrack.clock import to_iso
from studytrack.errors import StudytrackError, UnknownIdError
from studytrack.i18n import Catalog
from studytrack.store.database import immediate
from studytrack.store.migrations import FLAG_CATEGORIES

TEXT = Catalog("store.flags")


@dataclass(frozen=True)
class Flag:
    """One row of the flags table."""

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

    def to_json(self) -> dict:
        """The fields of the flags table, as the command line prints them."""
        return asdict(self)


class FlagAlreadyResolvedError(StudytrackError):
    """Resolving a flag that is already resolved."""


def add_flag(
    db: Database, topic_id: str, category: str, note: str, now: datetime, lang: str = "en"
) -> Flag:
    """Record that the learner did not understand ``topic_id``; returns the new flag."""
    if category not in FLAG_CATEGORIES:
        raise StudytrackError(
            TEXT("bad_category", lang, category=category, choices=", ".join(FLAG_CATEGORIES))
        )
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO flags (topic_id, category, note, created_at) VALUES (?, ?, ?, ?)",
            [topic_id, category, note.strip(), to_iso(now)],
        )
        flag_id = cursor.lastrowid
    return get_flag(db, flag_id, lang)


def get_flag(db: Database, flag_id: int, lang: str = "en") -> Flag:
    """The flag with this id; ``UnknownIdError`` when there is none."""
    if not -(2**63) <= flag_id < 2**63:  # SQLite would raise OverflowError for the query
        raise UnknownIdError(TEXT("unknown_flag", lang, flag_id=flag_id))
    row = db.execute("SELECT * FROM flags WHERE id = ?", [flag_id]).fetchone()
    if row is None:
        raise UnknownIdError(TEXT("unknown_flag", lang, flag_id=flag_id))
    return _flag_from_row(row)


def list_flags(db: Database, include_resolved: bool = False) -> list[Flag]:
    """Open flags oldest first; with ``include_resolved``, resolved ones follow in the same order."""
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    rows = db.execute(
        f"SELECT * FROM flags {where} ORDER BY resolved_at IS NOT NULL, created_at, id"
    ).fetchall()
    return [_flag_from_row(row) for row in rows]


def resolve_flag(
    db: Database, flag_id: int, note: str, now: datetime, lang: str = "en"
) -> Flag:
    """Mark a flag resolved, with the learner's "what made it click" note."""
    with immediate(db):
        flag = get_flag(db, flag_id, lang)
        if not flag.is_open:
            raise FlagAlreadyResolvedError(
                TEXT("already_resolved", lang, flag_id=flag_id, when=flag.resolved_at)
            )
        db.execute(
            "UPDATE flags SET resolved_at = ?, resolution_note = ? WHERE id = ?",
            [to_iso(now), note.strip(), flag_id],
        )
    return get_flag(db, flag_id, lang)


def _flag_from_row(row: tuple) -> Flag:
    """A ``Flag`` from a ``SELECT *`` row (column order of the migration)."""
    return Flag(*row)
