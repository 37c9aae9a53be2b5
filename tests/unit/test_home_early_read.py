"""Home's early read in a forked child (``ui.home_data.read_in_child``): the same data as the read
here, errors raised in this process as the read on a thread raises them, and the thread kept
wherever forking is not safe."""

import os
import sys
import threading

import pytest

import studytrack.ui.home_data as home_data_module
from studytrack.errors import DatabaseFileError
from studytrack.session import Session
from studytrack.store.database import open_database
from studytrack.store.journal import check_in
from studytrack.store.learner import Learner
from studytrack.store.settings import day_settings
from studytrack.ui.home_data import can_fork, read_early, read_home_data, read_in_child, read_on_thread

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the system cannot fork: the read runs on a thread")

FORKS = sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1
"""Whether the launch forks here (Linux with a second CPU)."""

WAIT = 60
"""Seconds a test waits for a read at most (a loaded machine, never a hang)."""


def checked_in(session: Session) -> Session:
    """``session`` with today's check-in recorded (so the overview has a plan for a condition)
    on a connection of its own: the session's database is not open when the read starts."""
    db = open_database(session.db_path)
    try:
        check_in(Learner(db, session.clock, "en"), day_settings(db).day(session.now()), "good")
    finally:
        db.close()
    return session


def test_the_child_s_data_is_the_read_here(session):
    """The pickled data (a read-only mapping among it) is what ``read_home_data`` returns here,
    and the child's connection stayed in the child."""
    session = checked_in(session)
    data = read_in_child(session).result(WAIT)
    assert not session.has_open_db()
    assert data == read_home_data(session)
    assert data.overview.checkin is not None


def test_a_child_that_cannot_read_hands_its_error_over(tmp_path, course_dir, monkeypatch):
    """A folder as the database: the child's error comes back through the pipe (not read again
    here: a busy database would make the learner wait twice), the one the thread's read raises."""
    session = Session(db_path=tmp_path, content_dir=course_dir, lang="en")
    with pytest.raises(DatabaseFileError) as on_thread:
        read_on_thread(session).result(WAIT)

    def not_here(_session):
        raise AssertionError("read again in this process")

    monkeypatch.setattr(home_data_module, "_read_here", not_here)
    with pytest.raises(DatabaseFileError) as in_child:
        read_in_child(Session(db_path=tmp_path, content_dir=course_dir, lang="en")).result(WAIT)
    assert str(in_child.value) == str(on_thread.value)


def test_a_child_that_dies_leaves_the_read_to_this_process(session, monkeypatch):
    """The child ends without a word (killed, crashed): the data is read here instead."""
    monkeypatch.setattr(home_data_module, "_child_reads", lambda *_: os._exit(9))
    session = checked_in(session)
    assert read_in_child(session).result(WAIT) == read_home_data(session)


def test_no_fork_unless_asked_and_safe(session, monkeypatch):
    """Only the launch asks for the fork; even then a thread reads when another thread runs (it
    might hold a lock the child would inherit held), when the database is open (a connection must
    not be shared across a fork) or with one CPU (nothing to gain) — with the same data."""
    def fresh() -> Session:
        return Session(db_path=session.db_path, content_dir=session.content_dir, lang="en", clock=session.clock)

    forked = []
    monkeypatch.setattr(home_data_module, "read_in_child", lambda session: forked.append(session))
    expected = read_home_data(fresh())
    assert read_early(fresh()).result(WAIT) == expected  # not asked: the app's own start
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork(fresh())
        assert read_early(fresh(), fork=True).result(WAIT) == expected
    finally:
        stop.set()
        other.join()
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # as at the launch (the test runner has threads)
    assert can_fork(fresh()) == FORKS
    if FORKS:
        with monkeypatch.context() as one_cpu:
            one_cpu.setattr(os, "sched_getaffinity", lambda pid: {0})
            assert not can_fork(fresh())
        opened = fresh()
        opened.db()
        assert not can_fork(opened)
    assert forked == []


@pytest.mark.skipif(not FORKS, reason="the launch forks on Linux with a second CPU only")
def test_the_launch_forks_for_home_s_read_before_textual_is_imported(tmp_path, run_alone):
    """``studytrack`` alone: Home's read runs in a child process forked before Textual is
    imported, and the app gets its data without opening the database itself."""
    done = run_alone(
        "import importlib.machinery, os, sys\n"
        "forks = []\n"
        "fork = os.fork\n"
        "os.fork = lambda: forks.append('textual' in sys.modules) or fork()\n"
        "def run_app(session, **given):\n"
        "    data = given['early_home'].result(60)\n"
        "    print(forks, session.has_open_db(), type(data).__name__)\n"
        "    return 0\n"
        "class Hook:\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name != 'studytrack.ui.app':\n"
        "            return None\n"
        "        sys.meta_path.remove(self)\n"
        "        spec = importlib.machinery.PathFinder.find_spec(name, path)\n"
        "        load = spec.loader.exec_module\n"
        "        spec.loader.exec_module = lambda module: load(module) or setattr(module, 'run_app', run_app)\n"
        "        return spec\n"
        "sys.meta_path.insert(0, Hook())\n"
    )
    assert done.stdout.split() == ["[False]", "False", "HomeData", "0"], done.stderr
    left = sorted(path.name for path in tmp_path.iterdir())
    assert "x.db" in left and not [name for name in left if name.endswith(("-wal", "-shm"))], left  # closed
