"""Fuzzing the whole command line in-process: every command with arguments and options drawn from
hostile values (invalid UTF-8 through bytes, control characters, limits of numbers, dates and
clocks, over-long text and path components, time zones naming folders) and the environment
variables studytrack reads. Whatever comes in: no traceback, exit status 0, 1 or 2 only, and on
exit 2 exactly one line on stderr.

In-process with click's ``CliRunner`` (a few ms a run, not the 0.3 s of a process), inside a
private temporary folder as the working directory, so files a command writes stay there.
``STUDYTRACK_FUZZ_EXAMPLES`` runs more examples than CI's default.
"""

import os
import tempfile
from contextlib import chdir
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytrack.cli import cli

EXAMPLES = int(os.environ.get("STUDYTRACK_FUZZ_EXAMPLES", "150"))
"""How many command lines one run tries (CI: 150, about 20 s)."""

NOT_FUZZED = {("studytrack", "review")}
"""Commands that open the full-screen app (covered by the app's own tests)."""


def command_lines(command: click.Command, path: tuple[str, ...] = ("studytrack",)):
    """Every command path below the root (groups too: called without their command)."""
    if path != ("studytrack",) and path not in NOT_FUZZED:
        yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(click.Context(command)):
            sub = command.get_command(click.Context(command), name)
            yield from command_lines(sub, (*path, name))


COMMANDS = list(command_lines(cli))

HOSTILE = [
    "", " ", "0", "1", "3", "-1", "-5", "99999999999999999999", "1e400", "nan", "-inf", "1/3",
    "1/0", "１．５", "1,5", "㊿" * 198 + "/1", "\ufdfa" * 30, "loss.zero", "gd.idea", "mse-by-hand",
    "implement-gradient-descent", "2026-12-01", "2026-12-24", "2026-13-01", "9999-12-31",
    "0001-01-01", "x=1", "w=0.5", "b=", "=", "rollover_hour", "timezone", "daily_minutes",
    "desired_retention", "Asia", "Asia/Seoul", "A" * 5000, "/dev/zero", "/dev/null", "a" * 300,
    "d" * 300 + "/x", "a\nb", "\x1b[2J", "tab\there", "\x00", "x" * 100_000, os.fsdecode(b"caf\xe9"),
    os.fsdecode(b"\xff\xfe/\x80"), "good", "low", "other", "math", ".", "..",
]
"""Values known to have broken a command somewhere, and the ids and keys that reach deep."""

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.binary(max_size=24).map(os.fsdecode),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
).map(lambda text: "./" + text if text.startswith(("/", "~")) and text not in HOSTILE else text)
"""One argument or option value (a made-up absolute path is kept inside the working folder)."""

OUTCOMES: list[tuple[str, int]] = []
"""(command, exit status) of each run, for a look at what the run reached."""

CLOCKS = ["2026-11-28T09:30:00+00:00", "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00",
          "2026-12-01T23:59:59+14:00", "2026-12-01T00:00:00-14:00", "yesterday"]
ZONES = ["", "Asia", "A" * 100_000, "Asia/Seoul", "UTC", "../../etc/passwd", os.fsdecode(b"Asia/\xff")]

hostile_environments = st.fixed_dictionaries(
    {"STUDYTRACK_NOW": st.sampled_from(CLOCKS)},
    optional={
        "TZ": st.sampled_from(ZONES),
        "STUDYTRACK_LANG": st.sampled_from(["en", "ko", "fr", os.fsdecode(b"k\xf6")]),
        "STUDYTRACK_CONTENT": st.one_of(st.sampled_from(["", ".", "c" * 300, "/dev/null"]),
                                        st.binary(max_size=12).map(
                                            lambda raw: os.fsdecode(raw.replace(b"\0", b"")))),
    },
)
environments = st.one_of(
    st.fixed_dictionaries({"STUDYTRACK_NOW": st.just(CLOCKS[0])},
                          optional={"STUDYTRACK_LANG": st.just("ko")}),
    hostile_environments,
)
"""Mostly a sound environment (so commands get past their start), else a hostile one."""


@st.composite
def invocations(draw):
    """A command path with some of its parameters filled from ``values``."""
    path, command = draw(st.sampled_from(COMMANDS))
    words = list(path[1:])
    for parameter in command.params:
        if isinstance(parameter, click.Argument):
            count = draw(st.integers(0, 2)) if parameter.nargs == -1 else draw(st.sampled_from([0, 1, 1, 1]))
            words += [draw(values) for _ in range(count)]
        elif isinstance(parameter, click.Option) and draw(st.booleans()):
            name = max(parameter.opts, key=len)
            if name == "--help":
                continue
            if parameter.is_flag:
                words.append(name)
            elif isinstance(parameter.type, click.Choice) and draw(st.booleans()):
                words += [name, str(draw(st.sampled_from(list(parameter.type.choices))))]
            else:
                words += [name, draw(values)]
    if draw(st.integers(0, 9)) == 0:
        words.insert(draw(st.integers(0, len(words))), draw(values))
    return words


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """The fuzz run's own folder: its database and whatever the commands write."""
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(words=invocations(), env=environments)
def test_no_command_line_gives_a_traceback_or_a_multi_line_error(workdir, words, env):
    with tempfile.TemporaryDirectory(dir=workdir) as folder, chdir(folder):
        result = CliRunner().invoke(cli, ["--db", str(workdir / "fuzz.db"), *words], env=env)
    OUTCOMES.append((words[0] if words else "", result.exit_code))
    shown = f"studytrack {words!r} with {env!r}:\n{result.stderr[-2000:]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(shown) from result.exception
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr, shown
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), shown
