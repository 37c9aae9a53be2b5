"""A learner's study day: local time with a rollover hour (default 04:00), from UTC moments.

Studying at 01:30 still counts for the evening before, as a person would expect.
"""

import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ROLLOVER_HOUR = 4
"""The hour (local time) at which a new study day begins."""


def local_timezone(name: str | None = None) -> tzinfo:
    """The zone called ``name`` (IANA), else ``$TZ``, else the system's current local zone."""
    for candidate in (name, os.environ.get("TZ")):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder or an over-long name
                continue
    return datetime.now().astimezone().tzinfo or UTC


def study_day(moment: datetime, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> date:
    """The study day ``moment`` (aware) belongs to in zone ``tz``."""
    local = moment.astimezone(tz)
    return (local - timedelta(hours=rollover_hour)).date()


def day_start(day: date, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> datetime:
    """The UTC moment study day ``day`` begins (its rollover hour, local time)."""
    local = datetime.combine(day, time(hour=rollover_hour), tzinfo=tz)
    return local.astimezone(UTC)


def day_end(day: date, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> datetime:
    """The UTC moment study day ``day`` ends (the next day's start)."""
    return day_start(day + timedelta(days=1), tz, rollover_hour)
