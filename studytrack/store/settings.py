"""The learner's settings, stored in the database with defaults for everything."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from studytrack.domain.answers import parse_number
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.database import immediate

DEFAULTS: dict[str, str] = {
    "rollover_hour": "4",
    "timezone": "",
    "daily_minutes": "20",
    "desired_retention": "0.9",
}
"""Every setting and its default (stored as text)."""

RANGES: dict[str, tuple[float, float]] = {
    "rollover_hour": (0, 23),
    "daily_minutes": (1, 600),
    "desired_retention": (0.7, 0.97),
}
"""The allowed range of each numeric setting (``rollover_hour`` takes whole hours)."""

TEXT = Catalog("store.settings")


def checked_setting(key: str, value: str, lang: str = "en") -> str:
    """``value`` as it is stored for setting ``key``; ``StudytrackError`` saying what is allowed."""
    if key not in DEFAULTS:
        raise StudytrackError(TEXT("unknown", lang, key=key, keys=", ".join(DEFAULTS)))
    value = value.strip()
    if key == "timezone":
        if value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as error:
                raise StudytrackError(TEXT("zone", lang, value=value[:60])) from error
        return value
    low, high = RANGES[key]
    parsed = parse_number(value, lang)
    if not parsed.ok or not low <= parsed.value <= high:
        raise StudytrackError(TEXT("range", lang, key=key, low=low, high=high, value=value[:60]))
    if key == "rollover_hour":
        if parsed.value != int(parsed.value):
            raise StudytrackError(TEXT("whole", lang, key=key, value=value[:60]))
        return str(int(parsed.value))
    return repr(parsed.value)


def get_setting(db: Database, key: str) -> str:
    """The value of setting ``key`` (its default when never set)."""
    if key not in DEFAULTS:
        raise StudytrackError(TEXT("unknown", "en", key=key, keys=", ".join(DEFAULTS)))
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else DEFAULTS[key]


def all_settings(db: Database) -> dict[str, str]:
    """Every setting with its current value."""
    stored = dict(db.execute("SELECT key, value FROM settings").fetchall())
    return {key: stored.get(key, default) for key, default in DEFAULTS.items()}


def set_setting(db: Database, key: str, value: str) -> None:
    """Change setting ``key`` (``checked_setting`` first, where the value comes from a person)."""
    if key not in DEFAULTS:
        raise StudytrackError(TEXT("unknown", "en", key=key, keys=", ".join(DEFAULTS)))
    with immediate(db):
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, str(value)],
        )
