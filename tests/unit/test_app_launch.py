"""``studytrack`` with no arguments opens the app without click (``cli.launch``): the same session
as the click group builds, click's path for anything it would take otherwise, and its errors told
with the group's lines and exit statuses."""

import gc
import os
from concurrent.futures import Future

import pytest

import studytrack.ui.app as app_module
import studytrack.ui.home_data as home_data_module
from studytrack.cli import launch
from studytrack.errors import StudytrackError


@pytest.fixture
def environ(tmp_path, monkeypatch):
    """A clean environment naming a database in a temporary folder."""
    for name in [name for name in os.environ if name.startswith(("STUDYTRACK_", "_STUDYTRACK_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("STUDYTRACK_DB", str(tmp_path / "studytrack.db"))
    monkeypatch.setenv("STUDYTRACK_LANG", "ko")
    return monkeypatch


def test_the_session_is_the_one_the_group_builds(environ, tmp_path):
    """The database, the language and the bundled course, as the group's options take them."""
    session = launch.app_session()
    assert session is not None
    assert session.db_path == tmp_path / "studytrack.db"
    assert session.lang == "ko"
    assert session.content_dir.is_dir()


@pytest.mark.parametrize("name, value", [
    ("STUDYTRACK_LANG", "fr"),            # click.Choice refuses it
    ("STUDYTRACK_NOW", "yesterday"),      # the group says what is wrong with it
    ("_STUDYTRACK_COMPLETE", "bash_complete"),  # a shell asking click for completions
    ("STUDYTRACK_CONTENT", "\udcff"),     # not valid text: click rewrites it and says so
])
def test_anything_click_would_take_otherwise_goes_to_click(environ, name, value):
    """A value click would refuse, rewrite or answer itself: no session, click decides."""
    environ.setenv(name, value)
    assert launch.app_session() is None


def test_a_folder_as_the_database_goes_to_click(environ, tmp_path):
    """``STUDYTRACK_DB`` naming a folder: click refuses it in its own words."""
    environ.setenv("STUDYTRACK_DB", str(tmp_path))
    assert launch.app_session() is None


def test_the_app_opens_without_importing_click(tmp_path, run_alone):
    """Through the console script's entry point with no arguments: the app runs in the session,
    with the lock held and Home's read started, and click is never imported."""
    done = run_alone(
        "import sys\n"
        "import studytrack.ui.app as app\n"
        "app.run_app = lambda session, **given: print(session.db_path, sorted(given), 'click' in sys.modules) or 0\n"
    )
    assert done.stdout.splitlines() == [f"{tmp_path / 'x.db'} ['early_home', 'lock'] False", "0"], done.stderr


def test_an_error_is_the_group_s_one_line_and_exit_status(environ, monkeypatch, capsys):
    """A problem the app raises (here: the database can't be used) is one line on stderr with
    the error's exit status, as the click group reports it."""
    class Busy(StudytrackError):
        """A problem with an exit status of its own."""

        exit_code = 3

    def refusing(session, **given):
        raise Busy("The database is busy.")

    monkeypatch.setattr(app_module, "run_app", refusing)
    monkeypatch.setattr(home_data_module, "read_early", lambda session, **how: Future())
    try:
        assert launch.open_app() == 3
    finally:
        gc.unfreeze()
    assert capsys.readouterr().err == "The database is busy.\n"


def test_the_app_unfreezes_what_its_start_froze_when_it_ends(session, monkeypatch):
    """The start freezes the heap (``gc.freeze``: the collector never scans it again); when the
    app ends it is unfrozen, so the interpreter's exit finalizes it, the database's connection
    among it (closed then, its write-ahead log folded back into the file)."""

    def started(app):
        gc.freeze()  # as the start does once Home is usable

    monkeypatch.setattr(app_module.StudyApp, "run", started)
    monkeypatch.setattr(app_module, "read_early", lambda session: Future())
    try:
        assert app_module.run_app(session) == 0
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
