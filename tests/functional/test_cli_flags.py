"""The flag commands: topics, flag, flags, resolve — output, JSON shape and exit codes."""

import json

from studytrack.store.database import open_database

FLAG_FIELDS = {"id", "topic_id", "category", "note", "created_at", "resolved_at", "resolution_note"}


def test_topics_lists_every_topic_in_both_languages(run_cli):
    result = run_cli("topics", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    ids = [row["id"] for row in rows]
    assert "loss.zero" in ids and "gd.update-rule" in ids
    assert all(row["title_en"] and row["title_ko"] for row in rows)
    korean = run_cli("topics", lang="ko")
    assert "손실이 0이라는 것의 의미" in korean.stdout


def test_flag_then_flags_then_resolve(run_cli):
    made = run_cli("flag", "loss.zero", "--category", "math", "--note", "why 0?", "--json")
    assert made.exit_code == 0, made.output
    flag = json.loads(made.stdout)
    assert set(flag) == FLAG_FIELDS
    assert flag["topic_id"] == "loss.zero" and flag["category"] == "math"
    assert flag["note"] == "why 0?" and flag["resolved_at"] is None
    assert flag["created_at"] == "2026-11-28T09:30:00+00:00"

    run_cli("flag", "gd.learning-rate")
    listed = json.loads(run_cli("flags", "--json").stdout)
    assert [f["topic_id"] for f in listed] == ["loss.zero", "gd.learning-rate"]
    assert listed[1]["category"] == "other"

    done = run_cli("resolve", str(flag["id"]), "--note", "drew the parabola", "--json")
    assert done.exit_code == 0, done.output
    resolved = json.loads(done.stdout)
    assert resolved["resolution_note"] == "drew the parabola"
    assert resolved["resolved_at"] == "2026-11-28T09:30:00+00:00"

    open_only = json.loads(run_cli("flags", "--json").stdout)
    assert [f["topic_id"] for f in open_only] == ["gd.learning-rate"]
    everything = json.loads(run_cli("flags", "--all", "--json").stdout)
    assert [f["topic_id"] for f in everything] == ["gd.learning-rate", "loss.zero"]


def test_plain_output_is_for_people(run_cli):
    assert "No open flags" in run_cli("flags").stdout
    assert "열린 플래그가 없어요" in run_cli("flags", lang="ko").stdout
    made = run_cli("flag", "loss.zero", "--note", "why?")
    assert "Flagged 'loss.zero'" in made.stdout
    listing = run_cli("flags").stdout
    assert "loss.zero" in listing and "why?" in listing


def test_an_unknown_topic_exits_2_and_suggests_the_closest(run_cli):
    result = run_cli("flag", "loss.zeroo")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "loss.zero" in result.stderr and result.stderr.count("\n") == 1
    assert json.loads(run_cli("flags", "--json").stdout) == []


def test_resolving_an_unknown_or_resolved_flag_exits_2_and_says_which(run_cli):
    missing = run_cli("resolve", "42")
    assert missing.exit_code == 2 and "42" in missing.stderr
    huge = run_cli("resolve", "9" * 20)  # beyond SQLite's integers
    assert huge.exit_code == 2 and huge.stderr.count("\n") == 1 and "9" * 20 in huge.stderr
    flag_id = json.loads(run_cli("flag", "loss.zero", "--json").stdout)["id"]
    assert run_cli("resolve", str(flag_id), "--note", "first").exit_code == 0
    again = run_cli("resolve", str(flag_id), "--note", "second")
    assert again.exit_code == 2
    assert again.stderr == f"Flag {flag_id} was already resolved today; nothing changed.\n"
    korean = run_cli("resolve", str(flag_id), "--note", "셋째", lang="ko")
    assert korean.stderr == f"{flag_id}번 플래그는 오늘 이미 해결했어요. 바뀐 것은 없어요.\n"
    kept = json.loads(run_cli("flags", "--all", "--json").stdout)[0]
    assert kept["resolution_note"] == "first"


def test_bad_options_are_one_line_with_exit_2(run_cli):
    result = run_cli("flag", "loss.zero", "--category", "feelings")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--category" in result.stderr
    assert run_cli("resolve", "abc").exit_code == 2


def test_content_validate_is_clean_on_a_good_course_and_exits_1_on_problems(run_cli, mini_course):
    clean = run_cli("content", "validate", str(mini_course))
    assert clean.exit_code == 0, clean.output
    (mini_course / "lessons" / "basics.ko.md").unlink()
    broken = run_cli("content", "validate", str(mini_course))
    assert broken.exit_code == 1
    assert "course.toml:4: lesson 'basics' has no file basics.ko.md" in broken.stdout


def test_another_course_folder_is_used_with_content(run_cli, mini_course):
    result = run_cli("topics", "--json", content=mini_course)
    assert [row["id"] for row in json.loads(result.stdout)] == ["loss.zero", "loss.error"]
    assert run_cli("flag", "gd.idea", content=mini_course).exit_code == 2


def test_a_flag_stamped_after_now_reads_made_today_never_in_days(run_cli, db_path):
    """A clock set back (or a flag imported from a machine whose clock ran fast): the flag was
    made, so it is never "made in 4 days"."""
    flag_id = json.loads(run_cli("flag", "gd.idea", "--json").stdout)["id"]
    db = open_database(db_path)
    db.execute("UPDATE flags SET created_at = ? WHERE id = ?", ["2026-12-02T10:00:00+00:00", flag_id])
    db.conn.commit()
    listed = run_cli("flags").stdout
    assert "made today" in listed and "in 4 days" not in listed
    assert "오늘 표시" in run_cli("flags", lang="ko").stdout


def test_the_korean_command_line_names_flag_categories_in_korean(run_cli):
    made = run_cli("flag", "loss.zero", "--category", "math", lang="ko")
    assert "플래그(수학)로 표시했어요" in made.stdout
    assert "[수학]" in run_cli("flags", lang="ko").stdout
    assert "[math]" in run_cli("flags").stdout
