"""Study days: local time with a 04:00 rollover, in more than one time zone."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from studytrack.domain.planning.days import day_end, day_start, local_timezone, study_day

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
