"""Which study days the learner did something on: the consistency calendar, with no streaks."""

from datetime import date, datetime, tzinfo

from sqlite_utils import Database

from studytrack.clock import from_iso, to_iso
from studytrack.domain.planning.days import study_day

ACTIVITY_SOURCES = (
    ("flags", ""),
    ("quiz_attempts", ""),
    ("checkins", ""),
    ("exercise_attempts", ""),
    ("review_logs", "AND kind = 'flag'"),
)
"""Tables (and which of their rows) whose ``created_at`` marks the learner as active. An answer
is counted once, by its quiz attempt; of the review log only flag reviews add to it."""


def active_days(
    db: Database, since: datetime, tz: tzinfo, rollover_hour: int
) -> dict[date, int]:
    """Study day → number of recorded actions, for every active day from ``since`` (UTC) on.

    Rows are grouped in 10-minute buckets in SQL (each bucket lies within one study day for every
    zone offset that is a multiple of 10 minutes), so a large log is not read row by row.
    """
    counts: dict[date, int] = {}
    for table, only in ACTIVITY_SOURCES:
        rows = db.execute(
            f"SELECT substr(created_at, 1, 15), COUNT(*) FROM {table} "
            f"WHERE created_at >= ? {only} GROUP BY 1",
            [to_iso(since)],
        ).fetchall()
        for bucket, count in rows:
            moment = from_iso(f"{bucket}0:00+00:00")
            day = study_day(moment, tz, rollover_hour)
            counts[day] = counts.get(day, 0) + count
    return counts
