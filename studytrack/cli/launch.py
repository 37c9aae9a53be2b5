"""``studytrack`` with no arguments: open the app without importing click.

Click and the group cost ~10 ms before the app's first frame, and the app takes none of their
options when none is typed. So ``studytrack.cli.main`` asks ``open_app`` first: when the
environment holds nothing click would take otherwise (``STUDYTRACK_DB``, ``STUDYTRACK_CONTENT``,
``STUDYTRACK_LANG`` and ``STUDYTRACK_NOW`` valid as the group's options take them, every variable
valid text, no shell asking for completions), the session is built as the group builds it
(``fast.make_session``) and the app runs in it, its errors told with the group's lines and exit
statuses. Anything else (an argument, a value click would refuse or rewrite) goes to the click
group untouched, which opens the app or says what is wrong as it always did.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import sys

from studytrack.cli.fast import HANDLED, error_line, failure_report, message_language, session_of, session_paths
from studytrack.session import Session


def open_app() -> int | None:
    """Run the app as ``studytrack`` alone runs it and return its exit status; None, having done
    nothing, when the click group must take it (``app_session``)."""
    session = app_session()
    if session is None:
        return None
    lang = message_language([])
    try:
        try:
            return _run_app(session)
        except sqlite3.Error as error:
            raise session.database_problem(error) from error
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)  # closes the terminal's ^C echo, as click does
        return _fail("Aborted.", 1)
    except HANDLED as error:
        return _fail(*failure_report(error, lang))


def _run_app(session: Session) -> int:
    """Take the app's lock and start Home's read under it (in a forked child, else on a thread:
    it runs while Textual is imported), then run the app (``ui.app.run_app``).

    Python's cyclic garbage collector is paused meanwhile: the imports allocate much and free
    little, and each of its passes would scan all of it (a tenth of the import time). What they
    made lives as long as the app, so it is frozen (never scanned again) before the collector
    runs again; the app pauses it once more until Home is usable (``StudyApp.on_load``).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        # Deferred (all three): the app's lock and Home's read (the store's modules), then the
        # app (Textual, ~100 ms); no other command line needs any of them.
        from studytrack.store.app_lock import hold_app_lock  # noqa: PLC0415
        from studytrack.ui.home_data import read_early  # noqa: PLC0415

        lock = hold_app_lock(session.db_path)
        early_home = read_early(session, fork=True)
        from studytrack.ui.app import run_app  # noqa: PLC0415 - Textual, once the read is under way
    finally:
        if paused:
            gc.freeze()
            gc.enable()
    return run_app(session, lock=lock, early_home=early_home)


def app_session() -> Session | None:
    """The session the click group would open the app in, from the environment, or None where
    click would do anything else first (complete, rewrite a variable that is not valid text,
    refuse a value: it then says so in its own words)."""
    found = session_paths({}, [], os.environ)
    return None if found is None else session_of(*found)


def _fail(message: str, status: int) -> int:
    """Print ``message`` on stderr as the group's one error line; ``status`` to exit with."""
    print(error_line(message), file=sys.stderr)
    return status
