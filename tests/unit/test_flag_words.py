"""How a flag is said wherever it is shown: its category's short name in both languages, and the
day it was made in the learner's study days."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from studytrack.clock import to_iso
from studytrack.store.settings import DaySettings
from studytrack.ui.widgets.flag_words import category_name, made_day
from studytrack.vocabulary import FlagCategory

SEOUL = DaySettings(ZoneInfo("Asia/Seoul"), 4)
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)  # 18:30 in Seoul


def test_every_category_has_a_short_name_in_both_languages():
    assert category_name("notation", "en") == "notation" and category_name("notation", "ko") == "표기법"
    for category in FlagCategory:
        assert category_name(category, "en") and category_name(category, "ko") != category_name(category, "en")


def test_a_flag_made_before_the_rollover_was_made_the_day_before():
    before_four = datetime(2026, 11, 27, 18, 59, tzinfo=UTC)  # 03:59 on the 28th in Seoul
    at_four = datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
    assert made_day(to_iso(before_four), NOW, SEOUL).text("en") == "yesterday"
    assert made_day(to_iso(at_four), NOW, SEOUL).text("ko") == "오늘"


def test_ages_are_counted_in_days_then_told_by_date():
    assert made_day(to_iso(NOW - timedelta(days=14)), NOW, SEOUL).text("en") == "14 days ago"
    assert made_day(to_iso(NOW - timedelta(days=15)), NOW, SEOUL).text("en") == "on 2026-11-13"
    assert made_day(to_iso(NOW - timedelta(days=3)), NOW, SEOUL).text("ko") == "3일 전"


def test_a_flag_stamped_after_now_counts_as_made_today():
    """The clock was set back since: the flag is not "made tomorrow"."""
    assert made_day(to_iso(NOW + timedelta(days=2)), NOW, SEOUL).text("en") == "today"
