"""The learner's settings, stored in the database with defaults for everything, and the typed
readings of them the rest of the store uses (the study day, the desired retention, the budget)."""

import math
from datetime import date, datetime, tzinfo
from typing import NamedTuple

from studytrack.domain.planning.days import day_end, day_start, local_timezone, study_day
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate
from studytrack.vocabulary import DESIRED_RETENTION_MAX, DESIRED_RETENTION_MIN

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
    "desired_retention": (DESIRED_RETENTION_MIN, DESIRED_RETENTION_MAX),
}
"""The allowed range of each numeric setting (``rollover_hour`` takes whole hours)."""

INTERNAL_DEFAULTS: dict[str, str] = {"cohort_id": "", "fsrs_parameters": ""}
"""Settings studytrack keeps for itself, neither listed nor changed by ``studytrack settings``:
``cohort_id`` is the random id a share file carries (``store.share.cohort_id``);
``fsrs_parameters`` the FSRS parameters ``studytrack optimize`` fitted, as JSON with the date and
the figures (empty: FSRS's defaults; ``store.fitting``)."""

TEXT = Catalog("store.settings")


def checked_setting(key: str, value: str, lang: str = "en") -> str:
    """``value`` as it is stored for setting ``key``; ``StudytrackError`` saying what is allowed."""
    if key not in DEFAULTS:
        raise StudytrackError(TEXT("unknown", lang, key=key, keys=", ".join(DEFAULTS)))
    value = value.strip()
    if key == "timezone":
        if value:
            # Deferred: zoneinfo costs ~2 ms to import; only setting a zone needs it here.
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415

            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError, OSError) as error:  # OSError: a folder, a long name
                raise StudytrackError(TEXT("zone", lang, value=value[:60])) from error
        return value
    # Deferred: the answer parser imports fractions and decimal (~3 ms); reading settings never needs it.
    from studytrack.domain.answers import parse_number  # noqa: PLC0415

    low, high = RANGES[key]
    parsed = parse_number(value)
    if not parsed.ok or parsed.value is None or not low <= parsed.value <= high:
        raise StudytrackError(TEXT("range", lang, key=key, low=low, high=high, value=value[:60]))
    if key == "rollover_hour":
        if parsed.value != int(parsed.value):
            raise StudytrackError(TEXT("whole", lang, key=key, value=value[:60]))
        return str(int(parsed.value))
    return repr(parsed.value)


def get_setting(db: StoreDatabase, key: str) -> str:
    """The value of setting ``key`` (its default when never set)."""
    if key not in DEFAULTS and key not in INTERNAL_DEFAULTS:
        raise StudytrackError(TEXT("unknown", "en", key=key, keys=", ".join(DEFAULTS)))
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else {**DEFAULTS, **INTERNAL_DEFAULTS}[key]


def all_settings(db: StoreDatabase) -> dict[str, str]:
    """Every setting with its current value."""
    stored = dict(db.execute("SELECT key, value FROM settings").fetchall())
    return {key: stored.get(key, default) for key, default in DEFAULTS.items()}


def set_setting(db: StoreDatabase, key: str, value: str) -> None:
    """Change setting ``key`` (``checked_setting`` first, where the value comes from a person)."""
    if key not in DEFAULTS and key not in INTERNAL_DEFAULTS:
        raise StudytrackError(TEXT("unknown", "en", key=key, keys=", ".join(DEFAULTS)))
    with immediate(db):
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, str(value)],
        )


class DaySettings(NamedTuple):
    """The learner's zone and rollover hour: where one study day ends and the next begins (a named
    tuple: ``due --json`` reads it, and a frozen dataclass costs ~1 ms at start-up)."""

    tz: tzinfo
    rollover_hour: int

    def day(self, now: datetime) -> date:
        """The study day ``now`` belongs to."""
        return study_day(now, self.tz, self.rollover_hour)

    def start(self, day: date) -> datetime:
        """The UTC moment study day ``day`` begins."""
        return day_start(day, self.tz, self.rollover_hour)

    def end(self, day: date) -> datetime:
        """The UTC moment study day ``day`` ends."""
        return day_end(day, self.tz, self.rollover_hour)


def day_settings(db: StoreDatabase, tz: tzinfo | None = None) -> DaySettings:
    """The learner's day settings (settings ``timezone`` and ``rollover_hour``); ``tz`` overrides
    the zone."""
    zone = tz or local_timezone(get_setting(db, "timezone") or None)
    return DaySettings(zone, int(_number_setting(db, "rollover_hour")))


def desired_retention(db: StoreDatabase) -> float:
    """Setting ``desired_retention`` (FSRS's target; see ``domain.schedule.RETENTION_RANGE``)."""
    return _number_setting(db, "desired_retention")


def daily_minutes(db: StoreDatabase) -> float:
    """Setting ``daily_minutes``: the time budget of a normal day."""
    return _number_setting(db, "daily_minutes")


def _number_setting(db: StoreDatabase, key: str) -> float:
    """A numeric setting clamped to its range (``RANGES``); its default when the stored text is
    no finite number (``nan`` would slip through the clamp)."""
    low, high = RANGES[key]
    try:
        value = float(get_setting(db, key))
    except ValueError:
        value = float(DEFAULTS[key])
    if not math.isfinite(value):
        value = float(DEFAULTS[key])
    return min(max(value, low), high)
