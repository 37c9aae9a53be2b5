"""The learner's settings, stored in the database with defaults for everything."""

from sqlite_utils import Database

from studytrack.errors import StudytrackError
from studytrack.store.database import immediate

DEFAULTS: dict[str, str] = {
    "rollover_hour": "4",
    "timezone": "",
    "daily_minutes": "20",
    "desired_retention": "0.9",
}
"""Every setting and its default (stored as text)."""


def get_setting(db: Database, key: str) -> str:
    """The value of setting ``key`` (its default when never set)."""
    if key not in DEFAULTS:
        raise StudytrackError(f"Unknown setting '{key}'; known: {', '.join(DEFAULTS)}.")
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else DEFAULTS[key]


def all_settings(db: Database) -> dict[str, str]:
    """Every setting with its current value."""
    stored = dict(db.execute("SELECT key, value FROM settings").fetchall())
    return {key: stored.get(key, default) for key, default in DEFAULTS.items()}


def set_setting(db: Database, key: str, value: str) -> None:
    """Change setting ``key`` (the caller validates the value's meaning)."""
    if key not in DEFAULTS:
        raise StudytrackError(f"Unknown setting '{key}'; known: {', '.join(DEFAULTS)}.")
    with immediate(db):
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, str(value)],
        )
