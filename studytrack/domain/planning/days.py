"""A learner's study day: local time with a rollover hour (default 04:00), from UTC moments,
and a day told as a person tells it, seen from today ("yesterday", "3 days ago").

Studying at 01:30 still counts for the evening before, as a person would expect.
"""

import os
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from studytrack.domain.messages import Message
from studytrack.i18n import Catalog

TEXT = Catalog("domain.planning.days")

DEFAULT_ROLLOVER_HOUR = 4
"""The hour (local time) at which a new study day begins."""

NAMED_DISTANCE = 14
"""The farthest a day (before or after today) is told by its distance ("14 days ago"); beyond it,
by its date, which then says more than a count."""


UTC_NAMES = frozenset({"UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu"})
"""The IANA names of UTC itself (the zone and its links): no offset, no clock change, ever, and
"UTC" as its name; ``datetime.UTC`` is that zone without importing ``zoneinfo``."""


def local_timezone(name: str | None = None) -> tzinfo:
    """The zone called ``name`` (IANA), else ``$TZ``, else the system's current local zone."""
    for candidate in (name, os.environ.get("TZ")):
        if candidate in UTC_NAMES:
            return UTC
        if candidate:
            # Deferred: zoneinfo costs 7-9 ms to import (it reads Python's build configuration to
            # find the zone files); a learner with no zone set, or UTC, never needs it.
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415

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


def relative_day(day: date, today: date) -> Message:
    """Study day ``day`` as a person says it, seen from study day ``today``: today, yesterday,
    tomorrow, "3 days ago" or "in 3 days" within ``NAMED_DISTANCE`` days, else the date itself.
    The one way the app and the commands say when something happened or will."""
    offset = (today - day).days
    if offset == 0:
        return Message(TEXT, "today")
    if offset == 1:
        return Message(TEXT, "yesterday")
    if offset == -1:
        return Message(TEXT, "tomorrow")
    if 1 < offset <= NAMED_DISTANCE:
        return Message(TEXT, "days_ago", {"count": offset})
    if -NAMED_DISTANCE <= offset < -1:
        return Message(TEXT, "in_days", {"count": -offset})
    return Message(TEXT, "on_day", {"day": day.isoformat()})


def past_day(day: date, today: date) -> Message:
    """``relative_day`` for a day something already happened (a flag made or resolved): a day
    after ``today``, from a clock set back or a record made on a machine whose clock ran fast,
    is said as today, never "in 3 days"."""
    return relative_day(min(day, today), today)
