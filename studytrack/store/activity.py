"""Which study days the learner did something on: the consistency calendar, with no streaks."""

from datetime import date, datetime, tzinfo

from studytrack.clock import from_iso, to_iso
from studytrack.domain.planning.days import day_end, study_day
from studytrack.store.connection import StoreDatabase

ACTIVITY_SOURCES = (
    ("flags", ""),
    ("quiz_attempts", ""),
    ("checkins", ""),
    ("exercise_attempts", ""),
    ("review_logs", "AND kind = 'flag'"),
)
"""Tables (and which of their rows) whose ``created_at`` marks the learner as active. An answer
is counted once, by its quiz attempt; of the review log only flag reviews add to it. Triggers
keep their counts per 10-minute bucket in ``activity_buckets`` (migration
``0011_history_aggregates``, whose frozen copy of this list a test keeps equal)."""


def active_days(
    db: StoreDatabase, since: datetime, tz: tzinfo, rollover_hour: int
) -> dict[date, int]:
    """Study day → number of recorded actions, for every active day from ``since`` (UTC) on.

    Read from the 10-minute buckets the triggers keep (each bucket lies within one study day for
    every zone offset that is a multiple of 10 minutes; ``since`` is a study day's start), so the
    cost follows the days shown, never the size of the history.
    """
    counts: dict[date, int] = {}
    rows = db.execute(
        "SELECT bucket, actions FROM activity_buckets WHERE bucket >= ? AND actions > 0 ORDER BY bucket",
        [to_iso(since)[:15]],
    ).fetchall()
    day, day_ends = date.min, ""  # the study day of the buckets walked, and its end as a bucket
    for bucket, count in rows:
        if bucket >= day_ends:  # in order, so the day changes at most once per study day
            day = study_day(from_iso(f"{bucket}0:00+00:00"), tz, rollover_hour)
            day_ends = to_iso(day_end(day, tz, rollover_hour))[:15]
        counts[day] = counts.get(day, 0) + count
    return counts
