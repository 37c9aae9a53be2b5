"""``studytrack settings``: the learner sees and changes the budget, the day and the retention."""

import json

import pytest

from studytrack.domain.planning.schedule import RETENTION_RANGE
from studytrack.store.settings import RANGES


def test_settings_list_with_defaults(run_cli):
    result = run_cli("settings", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "rollover_hour": 4, "timezone": "", "daily_minutes": 20.0, "desired_retention": 0.9
    }
    assert "새 공부 날이 시작되는 시각" in run_cli("settings", lang="ko").stdout


def test_a_setting_changes_and_drives_the_plan(run_cli):
    assert run_cli("settings", "daily_minutes", "３０").exit_code == 0
    assert run_cli("settings", "timezone", "Asia/Seoul").exit_code == 0
    assert run_cli("settings", "rollover_hour", "5").exit_code == 0
    assert run_cli("settings", "daily_minutes").stdout.strip() == "30.0"
    run_cli("checkin", "good")
    due = json.loads(run_cli("due", "--json").stdout)
    assert due["budget_minutes"] == 30
    assert due["day"] == "2026-11-28"  # 18:30 in Seoul


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [("daily_minutes", "0", "from 1 to 600"), ("desired_retention", "0.99", "from 0.7 to 0.97"),
     ("rollover_hour", "4.5", "whole hour"), ("rollover_hour", "nan", "from 0 to 23"),
     ("timezone", "Mars/Olympus", "not a time zone"), ("volume", "11", "Unknown setting")],
)
def test_bad_values_are_refused_in_one_line_and_change_nothing(run_cli, key, value, says):
    result = run_cli("settings", key, value)
    assert result.exit_code == 2
    assert says in result.stderr and result.stderr.count("\n") == 1
    assert json.loads(run_cli("settings", "--json").stdout)["daily_minutes"] == 20.0


def test_the_retention_range_is_the_schedulers():
    assert RANGES["desired_retention"] == RETENTION_RANGE
