"""The fast path (``studytrack.cli.fast``) answers ``due --json`` and ``flags [--all] --json``
without click, and prints exactly what the click group prints: the same stdout and stderr bytes,
exit status and files, over a table of argument lists and environments and over generated
argument lists. Everything else falls through to click, which still says what is wrong."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytrack.cli.fast import recognise

FAST = "import sys\nfrom studytrack.cli import main\n{probe}main()"
"""The console script's entry point: the fast path first."""

CLICK = "import sys\nfrom studytrack.cli import click_group\n{probe}click_group().main()"
"""The click group alone, as every argument list went before the fast path."""

PROBE = ("import atexit, os\natexit.register(lambda: open(os.environ['CLICK_MARK'], 'w')"
         ".write(str('studytrack.cli.group' in sys.modules)))\n")
"""Leaves in the file ``CLICK_MARK`` whether the click group was imported by the time the process
exits (click itself may be: sqlite-utils imports it when a new file is made)."""

NOW = "2026-11-28T09:30:00+00:00"


def make_learner(folder: Path) -> Path:
    """A database with open and resolved flags (Korean, control characters), a check-in and
    answers, made through the command line itself."""
    db = folder / "learner.db"
    env = environment(STUDYTRACK_DB=str(db))
    for arguments in (["flag", "loss.zero", "--note", "왜 0이죠?\n\x1b[31mred\x1b[0m"],
                      ["flag", "gd.learning-rate", "--category", "math"],
                      ["flag", "opt.saddle", "--note", "tab\there"],
                      ["resolve", "3", "--note", "drew it"],
                      ["checkin", "good"]):
        subprocess.run([sys.executable, "-m", "studytrack", *arguments], env=env, check=True,
                       capture_output=True, stdin=subprocess.DEVNULL)
    return db


UNSET = "\x00unset"
"""An ``environment`` override that removes the variable."""


def environment(**overrides: str) -> dict[str, str]:
    """The test's environment (home, locale) with the fixed clock and ``overrides`` (``UNSET``
    removes a variable)."""
    env = {**os.environ, "STUDYTRACK_NOW": NOW, **overrides}
    return {name: value for name, value in env.items() if value != UNSET}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A folder holding the learner's database, a damaged file, a file and an empty folder, copied
    afresh for every run so both paths start from the same bytes."""
    folder = tmp_path_factory.mktemp("template")
    make_learner(folder)
    (folder / "damaged.db").write_bytes(b"SQLite format 3\x00" + b"\x07" * 3000)
    (folder / "notes.txt").write_text("not a course folder\n")
    (folder / "empty").mkdir()
    shutil.rmtree(folder / "backups", ignore_errors=True)
    return folder


def run(code: str, arguments: list[str], template: Path, work: Path, env: dict[str, str]) -> tuple:
    """Run ``code`` with ``arguments`` in a fresh copy of ``template`` at ``work`` (every ``{}`` in
    an argument or variable names that folder); its status, stdout, stderr, the files left and
    whether click was imported."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, work)
    mark = work.parent / f"{work.name}.click"
    filled = {name: value.replace("{}", str(work)) for name, value in env.items()}
    command = [sys.executable, "-c", code.format(probe=PROBE), *(a.replace("{}", str(work)) for a in arguments)]
    result = subprocess.run(command, env={**filled, "CLICK_MARK": str(mark)}, capture_output=True,
                            stdin=subprocess.DEVNULL, cwd=work, timeout=120)
    files = sorted(str(path.relative_to(work)) for path in work.rglob("*"))
    return result.returncode, result.stdout, result.stderr, files, mark.read_text() == "True"


def both(arguments: list[str], template: Path, tmp_path: Path, **variables: str) -> tuple[tuple, tuple]:
    """The fast entry point's and the click group's outcome for ``arguments`` in the learner's
    folder with ``variables`` set, without the click marks."""
    env = environment(**{"STUDYTRACK_DB": "{}/learner.db", "STUDYTRACK_LANG": UNSET, "XDG_DATA_HOME": "{}/xdg",
                         **variables})
    fast = run(FAST, arguments, template, tmp_path / "run", env)
    slow = run(CLICK, arguments, template, tmp_path / "run", env)
    return fast, slow


ANSWERED = [
    ["due", "--json"],
    ["flags", "--json"],
    ["flags", "--all", "--json"],
    ["flags", "--json", "--all"],
    ["--lang", "ko", "due", "--json"],
    ["--lang=ko", "flags", "--all", "--json"],
    ["--db", "{}/learner.db", "--lang", "en", "due", "--json"],
    ["--lang", "en", "--db={}/learner.db", "flags", "--json"],
    ["--db", "{}/new.db", "due", "--json"],
    ["--db", "{}/new.db", "flags", "--json"],
    ["--db", "{}/missing/x.db", "due", "--json"],
    ["--db", "{}/damaged.db", "due", "--json"],
    ["--db", "{}/damaged.db", "flags", "--json"],
    ["--content", "{}/empty", "due", "--json"],
    ["--content", "{}/missing", "flags", "--json"],
]
"""Argument lists the fast path answers (new, missing, damaged files and odd course folders
included: the errors come from the same functions)."""

FALLING_THROUGH = [
    ["due"],
    ["flags"],
    ["flags", "--all"],
    ["due", "--json", "--json"],
    ["due", "--json", "--all"],
    ["due", "--json", "extra"],
    ["due", "--help"],
    ["--help"],
    ["--version"],
    ["--lang", "fr", "due", "--json"],
    ["--lang", "ko", "--lang", "en", "due", "--json"],
    ["--db", "{}", "due", "--json"],
    ["--db=", "due", "--json"],
    ["--content", "{}/notes.txt", "due", "--json"],
    ["--", "due", "--json"],
    ["-x", "due", "--json"],
    ["due--json"],
    ["flagz", "--json"],
    ["due", "--js\udcffon"],
    ["\udcff", "--json"],
]
"""Argument lists that go to click (the fast path would have to guess)."""


@pytest.mark.parametrize("arguments", ANSWERED, ids=" ".join)
def test_the_fast_path_answers_as_click_does(arguments, template, tmp_path):
    fast, slow = both(arguments, template, tmp_path)
    assert fast[:4] == slow[:4]
    assert fast[4] is False and slow[4] is True


@pytest.mark.parametrize("arguments", FALLING_THROUGH, ids=repr)
def test_anything_else_goes_to_click_unchanged(arguments, template, tmp_path):
    fast, slow = both(arguments, template, tmp_path)
    assert fast[:4] == slow[:4]
    assert fast[4] is True


@pytest.mark.parametrize(("variables", "answered"), [
    ({"STUDYTRACK_LANG": "ko"}, True),
    ({"STUDYTRACK_LANG": ""}, True),
    ({"STUDYTRACK_LANG": "fr"}, False),  # with --lang given, click never reads it
    ({"STUDYTRACK_DB": ""}, True),
    ({"STUDYTRACK_DB": "{}/new.db"}, True),
    ({"STUDYTRACK_DB": "{}"}, False),
    ({"STUDYTRACK_CONTENT": "{}/notes.txt"}, False),
    ({"STUDYTRACK_CONTENT": "{}/empty"}, True),
    ({"STUDYTRACK_NOW": "yesterday"}, False),
    ({"STUDYTRACK_NOW": "1900-01-01T00:00:00+00:00"}, False),
    ({"STUDYTRACK_NOW": "2026-11-29T03:59:00+09:00"}, True),
    ({"_STUDYTRACK_COMPLETE": "bash_source"}, False),
    ({"PYTHONIOENCODING": "ascii"}, False),
], ids=repr)
def test_the_environment_is_read_as_click_reads_it(variables, answered, template, tmp_path):
    for arguments in (["due", "--json"], ["--lang", "en", "flags", "--json"]):
        fast, slow = both(arguments, template, tmp_path, **variables)
        assert fast[:4] == slow[:4]
        language_given = "--lang" in arguments and "STUDYTRACK_LANG" in variables
        assert fast[4] is not (answered or language_given)


def test_a_locked_database_is_the_same_one_line(template, tmp_path):
    """An SQLite error while the command runs becomes the session's one-line message on both
    paths (here: another program holds an exclusive lock past the busy timeout, 5 s)."""
    for code in (FAST, CLICK):
        work = tmp_path / "locked"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(template, work)
        holder = sqlite3.connect(work / "learner.db")
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        try:
            result = subprocess.run(
                [sys.executable, "-c", code.format(probe=""), "flags", "--json"], capture_output=True,
                env=environment(STUDYTRACK_DB=str(work / "learner.db")), stdin=subprocess.DEVNULL, timeout=120)
        finally:
            holder.rollback()
            holder.close()
        if code == FAST:
            fast = (result.returncode, result.stdout, result.stderr)
        else:
            assert (result.returncode, result.stdout, result.stderr) == fast
    assert fast[0] == 2 and fast[2].count(b"\n") == 1


GLOBAL_TOKENS = ["--db", "{}/learner.db", "--db={}/learner.db", "--db={}/new.db", "--lang", "en", "ko", "fr",
                 "--lang=ko", "--content", "{}/empty", "--version", "--help", "-h", "--", "--db=", "{}"]
COMMAND_TOKENS = ["due", "flags", "flag", "stats", "Due"]
TAIL_TOKENS = ["--json", "--all", "--json=1", "--help", "--lang", "ko", "-j", "--"]
JUNK = st.text(alphabet="-=ab한\udcff", min_size=1, max_size=4).filter(
    lambda token: token.partition("=")[0] not in ("--db", "--lang", "--content"))


@st.composite
def argument_lists(draw) -> list[str]:
    """Global options (real ones and junk), a command (real or not) and its tail (real flags and
    junk); never a list that leaves click without a command (that would open the app)."""
    globals_ = draw(st.lists(st.one_of(st.sampled_from(GLOBAL_TOKENS), JUNK), max_size=4))
    command = draw(st.one_of(st.sampled_from(COMMAND_TOKENS), JUNK))
    tail = draw(st.lists(st.one_of(st.sampled_from(TAIL_TOKENS), JUNK), max_size=3))
    consumed = bool(globals_) and globals_[-1] in ("--db", "--lang", "--content")
    return [*globals_, *(["due"] if consumed else []), command, *tail]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(arguments=argument_lists())
def test_generated_argument_lists_get_the_same_answer(arguments, template, tmp_path):
    fast, slow = both(arguments, template, tmp_path)
    assert fast[:4] == slow[:4], arguments


def test_recognise_takes_only_the_exact_forms():
    env = {"STUDYTRACK_LANG": "en"}
    request = recognise(["--lang", "ko", "flags", "--all", "--json"], env)
    assert request is not None and request.command == "flags" and request.lang == "ko"
    assert request.flags == frozenset({"--all", "--json"}) and request.db_path is None
    assert recognise(["due", "--json"], {}) is not None
    for arguments in (["due"], ["due", "--json", "--all"], ["--lang", "xx", "due", "--json"],
                      ["--db", "-", "due", "--json"], ["--json", "due"], []):
        assert recognise(arguments, env) is None, arguments
