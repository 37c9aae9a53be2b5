"""Study days: local time with a 04:00 rollover, in more than one time zone, and a day said as a
person says it from today ("yesterday", "3 days ago", then the date)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from studytrack.domain.planning.days import (
    UTC_NAMES,
    day_end,
    day_start,
    local_timezone,
    relative_day,
    study_day,
)

SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("moment", "tz", "day"),
    [
        (datetime(2026, 11, 27, 18, 59, tzinfo=UTC), SEOUL, date(2026, 11, 27)),  # 03:59 KST
        (datetime(2026, 11, 27, 19, 0, tzinfo=UTC), SEOUL, date(2026, 11, 28)),  # 04:00 KST
        (datetime(2026, 11, 28, 8, 59, tzinfo=UTC), NEW_YORK, date(2026, 11, 27)),  # 03:59 EST
        (datetime(2026, 11, 28, 9, 0, tzinfo=UTC), NEW_YORK, date(2026, 11, 28)),  # 04:00 EST
    ],
)
def test_the_day_rolls_over_at_four_local_time(moment, tz, day):
    assert study_day(moment, tz) == day


def test_a_different_rollover_hour(now):
    late_night = datetime(2026, 11, 28, 15, 30, tzinfo=UTC)  # 00:30 KST on the 29th
    assert study_day(late_night, SEOUL, rollover_hour=0) == date(2026, 11, 29)
    assert study_day(late_night, SEOUL, rollover_hour=4) == date(2026, 11, 28)


def test_day_bounds_surround_every_moment_of_the_day():
    start = day_start(date(2026, 11, 28), SEOUL)
    end = day_end(date(2026, 11, 28), SEOUL)
    assert start == datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
    assert (end - start).total_seconds() == 86400
    assert study_day(start, SEOUL) == date(2026, 11, 28)


def test_the_study_day_across_the_spring_clock_change_is_23_hours_long():
    start = day_start(date(2026, 3, 7), NEW_YORK)  # clocks go forward at 02:00 on the 8th
    assert (day_end(date(2026, 3, 7), NEW_YORK) - start).total_seconds() == 23 * 3600


def test_the_zone_comes_from_the_setting_then_tz(monkeypatch):
    assert local_timezone("Asia/Seoul") == SEOUL
    monkeypatch.setenv("TZ", "America/New_York")
    assert local_timezone("") == NEW_YORK
    assert local_timezone("Not/AZone") == NEW_YORK


@pytest.mark.parametrize("name", sorted(UTC_NAMES))
def test_utc_by_any_of_its_names_is_the_zone_zoneinfo_reads(name):
    """UTC's names give ``datetime.UTC`` (no import of zoneinfo), which is exactly the zone
    the zone files describe: the same offset, no clock change and the same name, every hour of
    several decades."""
    zone = local_timezone(name)
    assert zone is UTC
    from_files = ZoneInfo(name)
    moment = datetime(1970, 1, 1, tzinfo=UTC)
    while moment.year < 2040:
        local = moment.replace(tzinfo=None)
        assert from_files.utcoffset(local) == zone.utcoffset(local) == timedelta(0)
        assert from_files.dst(local) in (None, timedelta(0))
        assert from_files.tzname(local) == zone.tzname(local) == "UTC"
        moment += timedelta(hours=997)  # every hour of the day, over the years


def test_a_zone_named_by_tz_that_is_utc_needs_no_zoneinfo(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    assert local_timezone(None) is UTC
    assert local_timezone("Asia/Seoul") == SEOUL


TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("offset", "english", "korean"),
    [
        (0, "today", "오늘"),
        (1, "yesterday", "어제"),
        (-1, "tomorrow", "내일"),
        (2, "2 days ago", "2일 전"),
        (-2, "in 2 days", "2일 뒤"),
        (14, "14 days ago", "14일 전"),
        (-14, "in 14 days", "14일 뒤"),
        (15, "on 2026-11-16", "2026-11-16에"),
        (-15, "on 2026-12-16", "2026-12-16에"),
        (400, "on 2025-10-27", "2025-10-27에"),
    ],
)
def test_a_day_is_said_by_its_distance_within_two_weeks_then_by_its_date(offset, english, korean):
    said = relative_day(TODAY - timedelta(days=offset), TODAY)
    assert (said.text("en"), said.text("ko")) == (english, korean)


def test_the_day_said_follows_the_learner_s_rollover_not_the_clock_date():
    """03:59 in Seoul is still the evening before: a flag made then, seen at 04:00 the next
    morning, was made yesterday; one made at 04:00 that day, today."""
    seen = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)  # 04:00 KST on the 29th
    late = datetime(2026, 11, 28, 18, 59, tzinfo=UTC)  # 03:59 KST on the 29th: the 28th's study day
    today = study_day(seen, SEOUL)
    assert relative_day(study_day(late, SEOUL), today).text("en") == "yesterday"
    assert relative_day(study_day(seen, SEOUL), today).text("ko") == "오늘"
    midnight = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)  # 00:00 KST on the 29th
    assert relative_day(study_day(midnight, SEOUL, rollover_hour=0), today).text("en") == "today"
    assert relative_day(study_day(midnight, SEOUL, rollover_hour=4), today).text("en") == "yesterday"
