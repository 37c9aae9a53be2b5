"""Which study days the learner did something on: the consistency calendar, with no streaks."""

import json
from datetime import UTC, date, datetime, timedelta, tzinfo

from studytrack.clock import from_iso, to_iso
from studytrack.domain.planning.days import day_end, day_start, study_day
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


MAX_DAYS_SUMMED_IN_SQL = 400
"""Up to this many study days, the buckets are summed per day by SQLite (``active_days``); a wider
span (a clock far off, a bucket stamped years ahead) is walked in Python."""

BUCKET = timedelta(minutes=10)
"""The span of one bucket of ``activity_buckets`` (its key: the first 15 characters of a stored
time, ``2026-11-28T09:3``)."""


def active_days(
    db: StoreDatabase, since: datetime, tz: tzinfo, rollover_hour: int
) -> dict[date, int]:
    """Study day → number of recorded actions, for every active day from ``since`` (UTC) on.

    Read from the 10-minute buckets the triggers keep, so the cost follows the days shown, never
    the size of the history: SQLite sums each study day's buckets (a range of the key per day,
    its bounds worked out here for the zone, daylight saving included), and only one row per
    active day comes back to Python. A bucket belongs to the study day its start falls in.
    """
    oldest, newest = (_active_bucket(db, since, order) for order in ("ASC", "DESC"))
    if oldest is None or newest is None:
        return {}
    first = study_day(_bucket_start(oldest), tz, rollover_hour)
    last = study_day(_bucket_start(newest), tz, rollover_hour)
    if (last - first).days > MAX_DAYS_SUMMED_IN_SQL:
        return _walked_days(db, since, tz, rollover_hour)
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    bounds = [[day.isoformat(), _bucket_at(max(day_start(day, tz, rollover_hour), since)),
               _bucket_at(day_end(day, tz, rollover_hour))] for day in days]
    # One sum per day, as a subquery: a join grouped by day put every bucket through a temporary
    # B-tree (7.5 ms for twelve weeks of filled buckets, 12,589 of them, against 2.3 ms).
    rows = db.execute(
        "SELECT day.value ->> 0, (SELECT SUM(actions) FROM activity_buckets WHERE bucket >= day.value ->> 1 "
        "AND bucket < day.value ->> 2 AND actions > 0) FROM json_each(?) AS day",
        [json.dumps(bounds)],
    ).fetchall()
    return {date.fromisoformat(day): count for day, count in rows if count}


def _active_bucket(db: StoreDatabase, since: datetime, order: str) -> str | None:
    """The first (``ASC``) or last (``DESC``) bucket from ``since`` on with an action left in it
    (undone actions leave empty buckets behind): the span of days worth summing, read by walking
    the bucket index from one end."""
    row = db.execute(f"SELECT bucket FROM activity_buckets WHERE bucket >= ? AND actions > 0 "
                     f"ORDER BY bucket {order} LIMIT 1", [_bucket_at(since)]).fetchone()
    return None if row is None else str(row[0])


def _bucket_start(bucket: str) -> datetime:
    """When ``bucket`` (its key, ``2026-11-28T09:3``) starts, in UTC."""
    return from_iso(f"{bucket}0:00+00:00")


def _bucket_at(moment: datetime) -> str:
    """The key of the first bucket that starts at or after ``moment``: ``moment``'s own when a
    bucket starts there, else the next (a zone whose offset is no multiple of 10 minutes)."""
    utc = moment.astimezone(UTC)
    if utc.minute % 10 or utc.second or utc.microsecond:
        utc = utc.replace(minute=utc.minute - utc.minute % 10, second=0, microsecond=0) + BUCKET
    return to_iso(utc)[:15]


def _walked_days(
    db: StoreDatabase, since: datetime, tz: tzinfo, rollover_hour: int
) -> dict[date, int]:
    """``active_days`` by walking every bucket from ``since`` on in Python (any span of days)."""
    counts: dict[date, int] = {}
    rows = db.execute(
        "SELECT bucket, actions FROM activity_buckets WHERE bucket >= ? AND actions > 0 ORDER BY bucket",
        [_bucket_at(since)],
    ).fetchall()
    day, day_ends = date.min, ""  # the study day of the buckets walked, and its end as a bucket
    for bucket, count in rows:
        if bucket >= day_ends:  # in order, so the day changes at most once per study day
            day = study_day(_bucket_start(bucket), tz, rollover_hour)
            day_ends = _bucket_at(day_end(day, tz, rollover_hour))
        counts[day] = counts.get(day, 0) + count
    return counts
