"""Which automatic backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months.

A pure rule over the backups' study days, so it is tested without files: the newest backup of a
day stands for that day, of an ISO week for that week, of a month for that month; everything the
three lists do not name may be deleted.
"""

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date

KEEP_DAILY = 7
"""How many of the most recent days with a backup keep their newest one."""

KEEP_WEEKLY = 4
"""How many of the most recent ISO weeks with a backup keep their newest one."""

KEEP_MONTHLY = 12
"""How many of the most recent months with a backup keep their newest one."""


@dataclass(frozen=True)
class DatedBackup:
    """One backup as the rule sees it: its name and the study day it was made on."""

    name: str
    day: date
    made_at: str
    """When it was made (UTC ISO-8601); orders two backups of one day."""


def backups_to_keep(backups: Sequence[DatedBackup]) -> set[str]:
    """The names of the backups the 7 daily / 4 weekly / 12 monthly rule keeps."""
    newest_first = sorted(backups, key=lambda backup: (backup.day, backup.made_at), reverse=True)
    keep: set[str] = set()
    keep |= _newest_per_period(newest_first, lambda day: day, KEEP_DAILY)
    keep |= _newest_per_period(newest_first, lambda day: day.isocalendar()[:2], KEEP_WEEKLY)
    keep |= _newest_per_period(newest_first, lambda day: (day.year, day.month), KEEP_MONTHLY)
    return keep


def backups_to_delete(backups: Sequence[DatedBackup]) -> list[str]:
    """The names the rule no longer keeps, oldest first."""
    keep = backups_to_keep(backups)
    return [backup.name for backup in sorted(backups, key=lambda b: (b.day, b.made_at)) if backup.name not in keep]


def _newest_per_period(
    newest_first: Sequence[DatedBackup], period: Callable[[date], Hashable], count: int
) -> set[str]:
    """The newest backup of each of the ``count`` most recent periods that have one."""
    seen: list[Hashable] = []
    kept: set[str] = set()
    for backup in newest_first:
        key = period(backup.day)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.append(key)
        kept.add(backup.name)
    return kept
