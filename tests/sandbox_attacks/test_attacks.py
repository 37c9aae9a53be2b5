"""Learner code that tries to outlive the check, flood the machine, touch the record or pass without solving.

Every file in ``attacks/`` is one attempt with its expected outcome on its second line
(``# expect: OUTCOME [stopped=LIMIT[|LIMIT…]] [feedback=WORDS] [truncated] [wall=SECONDS]``; ``wall`` gives an
attack that needs time to pass a limit on a loaded machine more than ``WALL_SECONDS``). Most attacks end in the honest
solution, which returns a wrong answer when the attack worked, so "correct" means "the attack
failed". Paths an attack would have to find (the database, the reference solution) are planted
in it as ``{name}``. After every test no process the test started may be alive.
"""

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from studytrack.domain.content.course import load_course
from studytrack.domain.exercises.model import find_exercise, load_exercises
from studytrack.paths import bundled_content_dir
from studytrack.sandbox import runner
from studytrack.sandbox.code_check import check_code

ATTACKS = sorted((Path(__file__).parent / "attacks").glob("*.py"))
COURSE = load_course(bundled_content_dir())
MSE = find_exercise(load_exercises(COURSE.root, COURSE.topic_ids), "implement-mse-gradient")
WALL_SECONDS = 2.0
"""Short, so the timeouts among the attacks cost little."""

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


def process_table() -> dict[int, tuple[int, int, str]]:
    """``pid: (parent pid, start time in ticks, state)`` for every process, read from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            table[int(entry.name)] = (int(fields[1]), int(fields[19]), fields[0])
    return table


def descendants(root: int, table: dict[int, tuple[int, int, str]]) -> set[tuple[int, int]]:
    """``(pid, start time)`` of every process below ``root``, however deep."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    found, stack = set(), list(children.get(root, []))
    while stack:
        pid = stack.pop()
        found.add((pid, table[pid][1]))
        stack.extend(children.get(pid, []))
    return found


def alive(processes: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Those of ``processes`` (by pid and start time, so a reused pid does not count) still alive."""
    table = process_table()
    return {(pid, start) for pid, start in processes if pid in table and table[pid][1] == start
            and table[pid][2] != "Z"}


@pytest.fixture
def nothing_left_behind():
    """Fail the test if a process it started (at any depth below this one) is alive afterwards."""
    before = descendants(os.getpid(), process_table())
    yield
    deadline = time.monotonic() + 3
    while True:
        left = alive(descendants(os.getpid(), process_table()) - before)
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not left, f"processes of the test left behind: {sorted(left)}"


@pytest.fixture
def private_temp(tmp_path, monkeypatch):
    """Point the runner's working folders into the test's own folder, to see that they are deleted."""
    folder = tmp_path / "temp"
    folder.mkdir()
    folder.chmod(0o755)  # a child running as nobody must reach its folder inside
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def expectation(attack: Path) -> dict[str, str]:
    """The ``# expect:`` line of an attack file as ``{"outcome": …, "stopped": …, …}``."""
    line = attack.read_text(encoding="utf-8").splitlines()[1]
    assert line.startswith("# expect: "), f"{attack.name} says nothing about its outcome"
    words = line.removeprefix("# expect: ").split()
    expected = {"outcome": words[0]}
    for word in words[1:]:
        key, _, value = word.partition("=")
        expected[key] = value or "yes"
    return expected


def planted(attack: Path, paths: dict[str, Path]) -> str:
    """The attack's text with the ``{name}`` paths it needs filled in."""
    text = attack.read_text(encoding="utf-8")
    for name, path in paths.items():
        text = text.replace("{" + name + "}", str(path))
    return text


def learner_database(folder: Path) -> Path:
    """A small SQLite file standing for the learner's record."""
    folder.mkdir()
    path = folder / "studytrack.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table flags (topic text)")
        connection.execute("insert into flags values ('gd.idea')")
    connection.close()
    return path


def test_there_are_enough_attacks():
    assert len(ATTACKS) >= 20


WITHOUT_NAMESPACES = {"setsid_daemon", "fork_bomb", "memory_forks", "parent_environ", "kill_parent",
                      "listen_localhost", "forked_loops"}
"""The attacks run a second time with namespaces turned off, as where ``unshare`` is not allowed: those
that namespaces would stop (or measure) differently."""

CASES = [pytest.param(path, True, id=path.stem) for path in ATTACKS] + [
    pytest.param(path, False, id=f"{path.stem}-without-namespaces") for path in ATTACKS
    if path.stem in WITHOUT_NAMESPACES]


@pytest.mark.parametrize(("attack", "namespaces"), CASES)
def test_an_attack_gets_its_expected_outcome_and_leaves_nothing(attack, namespaces, tmp_path, monkeypatch,
                                                                private_temp, nothing_left_behind):
    if not namespaces:
        monkeypatch.setattr(runner, "_namespaces_work", False)
    database = learner_database(tmp_path / "data")
    monkeypatch.setenv("STUDYTRACK_DB", str(database))
    record = database.read_bytes()
    learner_dir = tmp_path / "learner"
    learner_dir.mkdir()
    engine_file = Path(runner.PACKAGE_DIR) / "engine" / "__init__.py"
    paths = {"db": database, "learner_dir": learner_dir, "solution": MSE.code.solution,
             "package_parent": runner.PACKAGE_DIR.parent, "engine_file": engine_file, "content": COURSE.root}
    file = learner_dir / "mine.py"
    file.write_text(planted(attack, paths), encoding="utf-8")
    expected = expectation(attack)

    wall_seconds = float(expected.get("wall", WALL_SECONDS))
    result = check_code(MSE, file, 1, wall_seconds=wall_seconds)

    assert result.outcome == expected["outcome"], result.feedback.text("en")
    # alternatives are separated by "|"; "-" stands for "not stopped by a limit of the tree"
    assert (result.sandbox.stopped or "-") in expected.get("stopped", "-").split("|"), result.feedback.text("en")
    if "feedback" in expected:
        assert expected["feedback"] in result.feedback.text("en")
    if "truncated" in expected:
        assert result.sandbox.output_truncated and len(result.output.encode()) <= 2 * runner.OUTPUT_BYTES
    # A timeout is the wall-clock deadline or the CPU limit (SIGXCPU), whichever comes first: the child's CPU
    # limit counts from its start, the deadline from the request (the child starts before the file is ready).
    ran_out = result.sandbox.timed_out or result.sandbox.signal_name == "SIGXCPU"
    assert ran_out == (expected["outcome"] == "timeout")
    assert result.sandbox.seconds < wall_seconds + 2
    assert database.read_bytes() == record
    assert sorted(path.name for path in learner_dir.iterdir()) == ["mine.py"]
    assert not list(private_temp.iterdir()), "the working folder was not deleted"


def namespaces_work() -> bool:
    """True where the runner can give the child fresh namespaces (``unshare`` works for this user)."""
    command = [*runner.NAMESPACE_COMMAND, "true"]
    try:
        return subprocess.run(command, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


CHECKER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from studytrack.domain.content.course import load_course
    from studytrack.domain.exercises.model import find_exercise, load_exercises
    from studytrack.sandbox import runner
    from studytrack.sandbox.code_check import check_code
    runner._namespaces_work = None if sys.argv[3] == "namespaces" else False
    course = load_course(Path(sys.argv[2]))
    exercise = find_exercise(load_exercises(course.root, course.topic_ids), "implement-mse-gradient")
    check_code(exercise, Path(sys.argv[1]), 1, wall_seconds=30)
""")

DAEMONS = textwrap.dedent("""
    import os
    import time

    for _ in range(3):
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(60)
            os._exit(0)
    if os.fork() == 0:
        time.sleep(60)
    time.sleep(60)
""")
"""Three detached daemons and a plain child, all sleeping: the killed checker must take them all along."""


@pytest.mark.parametrize("mode", ["namespaces", "no namespaces"])
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGHUP], ids=["kill -9", "hang-up"])
def test_killing_the_checker_ends_every_process_of_the_check(tmp_path, how, mode, private_temp, nothing_left_behind):
    if mode == "namespaces" and not namespaces_work():
        pytest.skip("unshare cannot make namespaces here")
    file = tmp_path / "daemons.py"
    file.write_text(DAEMONS, encoding="utf-8")
    checker = subprocess.Popen([sys.executable, "-c", CHECKER, str(file), str(COURSE.root), mode],
                               env={**os.environ, "TMPDIR": str(private_temp)})
    deadline = time.monotonic() + 20
    wanted = 3 if mode == "namespaces" else 2  # unshare and the harness, or the harness alone, then the sleepers
    while time.monotonic() < deadline:
        tree = descendants(checker.pid, process_table())
        if len(tree) >= wanted:
            break
        time.sleep(0.05)
    assert len(tree) >= wanted, "the check never started"
    time.sleep(0.3)  # the forks are made, the daemons detached
    tree |= descendants(checker.pid, process_table())
    checker.send_signal(how)
    checker.wait()
    deadline = time.monotonic() + 3
    while alive(tree) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(tree)
    for pid, _ in tree:  # in case an orphan was re-parented to this process: reap it
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    # the killed checker could not delete its working folder; the next check does
    assert [path.name.split("-")[2] for path in private_temp.iterdir()] == [str(checker.pid)]
    assert check_code(MSE, MSE.code.solution, 1).correct
    assert not list(private_temp.iterdir())


@pytest.mark.parametrize("attack", ["open_database", "move_database", "move_protected_parent"])
def test_a_database_named_by_db_alone_is_as_out_of_reach(attack, tmp_path, monkeypatch, private_temp,
                                                          nothing_left_behind):
    """``--db PATH`` (no ``STUDYTRACK_DB``): the check is told the database (``database=``) and
    keeps it and its folder out of the program's reach all the same."""
    monkeypatch.delenv("STUDYTRACK_DB", raising=False)
    database = learner_database(tmp_path / "data")
    record = database.read_bytes()
    learner_dir = tmp_path / "learner"
    learner_dir.mkdir()
    file = learner_dir / "mine.py"
    file.write_text(planted(Path(__file__).parent / "attacks" / f"{attack}.py", {"db": database}), encoding="utf-8")
    result = check_code(MSE, file, 1, wall_seconds=WALL_SECONDS, database=database)
    assert result.outcome == "correct", result.feedback.text("en")
    assert database.read_bytes() == record
    assert sorted(path.name for path in (tmp_path / "data").iterdir()) == ["studytrack.db"]
