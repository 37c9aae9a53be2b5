"""Where "now" comes from: the system clock in the app, a fixed one in tests.

Every function that needs the time takes ``now`` as an argument; only the outermost layer
(the command line and the app) asks a clock for it.
"""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""A function returning the current time as an aware UTC datetime."""


def system_clock() -> datetime:
    """The current time in UTC (``timezone.utc`` exactly, as fsrs requires)."""
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always answers ``moment`` (converted to UTC); for tests and replays."""
    if moment.tzinfo is None:
        raise ValueError("fixed_clock needs an aware datetime")
    frozen = moment.astimezone(UTC)
    return lambda: frozen


def to_iso(moment: datetime) -> str:
    """The UTC ISO-8601 text stored in the database for ``moment``."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """The aware UTC datetime of a stored ISO-8601 text."""
    return datetime.fromisoformat(text).astimezone(UTC)
