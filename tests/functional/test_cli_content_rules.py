"""``studytrack content validate`` applies the editorial rules: each broken rule is one
``path:line: message`` line, and the bundled course is clean."""

from pathlib import Path

BROKEN = Path(__file__).parents[1] / "fixtures" / "courses" / "broken-rules"


def test_the_broken_fixture_fails_with_one_line_per_problem(run_cli):
    result = run_cli("content", "validate", str(BROKEN))
    assert result.exit_code == 1
    lines = result.stdout.strip().split("\n")
    assert all(line.startswith(str(BROKEN)) and ": " in line for line in lines), lines
    for message in ("glossary:", "must name it", "unknown lesson 'nowhere'", "comes after",
                    "the key is the longest choice", "position 1 holds the key",
                    "more than 600", "more than 1500", "terminal cells", "unknown figure"):
        assert any(message in line for line in lines), message


def test_the_bundled_course_is_clean(run_cli, course_dir):
    result = run_cli("content", "validate", str(course_dir))
    assert result.exit_code == 0, result.output
