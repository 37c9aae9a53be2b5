"""The command line imports a command's module only when that command runs: start-up pays for
click and the group alone, ``--help`` still lists every command with its short help, and a
mistyped command is still one line with exit status 2."""

import importlib
import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from studytrack.cli import COMMAND_MODULES, cli

COMMAND_MODULE_NAMES = sorted(set(COMMAND_MODULES.values()))
"""The modules of ``studytrack.cli`` that define commands."""


def test_the_table_names_every_command_of_every_command_module():
    defined = {}
    for name in COMMAND_MODULE_NAMES:
        module = importlib.import_module(f"studytrack.cli.{name}")
        for command in module.COMMANDS:
            defined[command.name] = name
    assert defined == COMMAND_MODULES


def test_each_command_resolves_to_itself():
    context = click.Context(cli)
    assert cli.list_commands(context) == sorted(COMMAND_MODULES)
    for name in COMMAND_MODULES:
        command = cli.get_command(context, name)
        assert command is not None and command.name == name
    assert cli.get_command(context, "no-such-command") is None


def test_starting_the_command_line_imports_no_command_module():
    probe = ("import sys\nimport studytrack.cli\n"
             f"print(sorted(m for m in sys.modules if m.rpartition('.')[2] in {COMMAND_MODULE_NAMES!r} "
             "and m.startswith('studytrack.cli.')))")
    env = {key: value for key, value in os.environ.items() if not key.startswith("STUDYTRACK_")}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_help_lists_every_command_with_its_short_help():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:", 1)[1]
    for name in COMMAND_MODULES:
        line = next(line for line in listed.splitlines() if line.split()[:1] == [name])
        assert len(line.split()) > 1, f"{name} has no short help"


def test_an_unknown_command_is_one_line_with_exit_status_2():
    result = subprocess.run([sys.executable, "-m", "studytrack", "flagz"], capture_output=True, text=True,
                            env={**os.environ, "STUDYTRACK_LANG": "en"})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "flagz" in result.stderr and result.stdout == ""


def after_a_first_run(tmp_path, command: list[str]) -> dict[str, str]:
    """The environment of a learner's ``command`` run once already (the database made, bytecode
    and the compiled locale texts cached as an installed package would)."""
    env = {**os.environ, "STUDYTRACK_DB": str(tmp_path / "learner.db"), "STUDYTRACK_LANG": "en",
           "STUDYTRACK_NOW": "2026-11-28T09:30:00+00:00", "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "studytrack", *command], env=env, capture_output=True, check=True)
    return env


@pytest.mark.parametrize(("command", "parses"), [(["flags", "--json"], []), (["due", "--json"], []),
                                                 (["stats", "--json"], ["tomllib"])],
                         ids=lambda value: value[0] if value and isinstance(value[0], str) else "")
def test_a_read_command_imports_only_its_own_module_and_parses_no_toml(tmp_path, command, parses):
    """After a first run (the database made, the locale files and the course outline cached), a
    read command imports its own command module alone, and neither numpy nor sqlite-utils nor,
    but for ``stats`` (the exercise files, for the solved counts), tomllib: the locale texts come
    from their compiled copy, the course from the cached outline."""
    env = after_a_first_run(tmp_path, command)
    probe = (
        "import sys\nfrom studytrack.cli import cli\n"
        f"try:\n    cli.main({command!r})\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "heavy = ('numpy', 'sqlite_utils', 'tomllib')\n"
        "print('LOADED', *sorted(m for m in sys.modules if m in heavy or m.startswith('studytrack.cli.')), "
        "file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    own = COMMAND_MODULES[command[0]]
    expected = sorted({f"studytrack.cli.{own}", "studytrack.cli.common", "studytrack.cli.fast",
                       "studytrack.cli.group", "studytrack.cli.lines", "studytrack.cli.progress", *parses})
    assert result.stderr.strip().splitlines()[-1].split()[1:] == expected


@pytest.mark.parametrize("command", [["due", "--json"], ["flags", "--json"], ["flags", "--all", "--json"]],
                         ids=" ".join)
def test_the_entry_point_answers_a_hot_read_command_without_click(tmp_path, command):
    """Through the console script's entry point (``studytrack.cli:main``), on a database made
    before: the fast path answers without importing click, the click group, any command module,
    numpy, sqlite-utils, (the locale texts compiled, bytecode cached as installed) tomllib, or
    ``dataclasses`` (its value types are named tuples and plain classes: ``dataclasses`` pulls in
    ``inspect``, ``ast`` and ``dis``, ~7 ms, then costs ~1 ms per frozen dataclass built)."""
    env = after_a_first_run(tmp_path, command)
    probe = (
        "import atexit, sys\n"
        "heavy = ('click', 'numpy', 'sqlite_utils', 'tomllib', 'dataclasses', 'inspect', 'ast')\n"
        "atexit.register(lambda: print('LOADED', *sorted(m for m in sys.modules if m in heavy "
        "or m.startswith('studytrack.cli.')), file=sys.stderr))\n"
        "from studytrack.cli import main\nmain()"
    )
    result = subprocess.run([sys.executable, "-c", probe, *command], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(("{", "["))
    assert result.stderr.strip().splitlines()[-1].split()[1:] == ["studytrack.cli.fast", "studytrack.cli.lines"]
