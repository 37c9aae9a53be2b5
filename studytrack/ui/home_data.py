"""What Home reads off the UI thread, in one go: the course's outline and titles and today's
overview (``read_home_data``). The first read starts as early as it can (``read_early``): when
``studytrack`` alone opens the app, before Textual is imported (``cli.launch``), in a forked child
process on the other core where that is safe (``read_in_child``); else on a thread of its own, as
the app starts (``run_app``, ``StudyApp.on_load``). After a check-in, only what it changes is read
again (``read_after_checkin``). No Textual here.
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from studytrack.store.activity import active_days
from studytrack.store.breaks import Break, upcoming_breaks
from studytrack.store.journal import checkin_for
from studytrack.store.outline_cache import CourseGlance, course_glance
from studytrack.store.plan import plan_today
from studytrack.store.progress import Overview, overview
from studytrack.store.settings import day_settings
from studytrack.ui.lock_handoff import handing_over_often

if TYPE_CHECKING:
    from studytrack.session import Session

class HomeData(NamedTuple):
    """What Home reads off the UI thread."""

    course: CourseGlance
    """The course's lessons and topic titles (its cached outline: no parse of its files)."""
    overview: Overview
    """Today at a glance."""
    breaks: tuple[Break, ...] = ()
    """The planned breaks not over yet, earliest first (Home shows the first, ``b`` cancels it)."""


def read_home_data(session: Session, glance: CourseGlance | None = None) -> HomeData:
    """Everything Home shows, in one read (off the UI thread): the course's outline and titles
    (``glance`` when already read, else the database's cache, parsed only when a course file
    changed) and today's overview, on the session's one connection."""
    db = session.db()
    if glance is None:
        glance = course_glance(db, session.content_dir)
    today = overview(db, glance.outline, session.now())
    return HomeData(glance, today, tuple(upcoming_breaks(db, today.day)))


def read_after_checkin(session: Session, data: HomeData) -> HomeData:
    """``data`` with what a check-in changes read again (off the UI thread): today's check-in,
    today's session (sized by the condition) and today's square of the calendar. The rest of
    Home does not depend on the condition, and reading it again would cost what grows with the
    history (twelve weeks of activity, every card); when the study day has changed since
    ``data`` was read, everything is read again (``read_home_data``)."""
    db, now = session.db(), session.now()
    days = day_settings(db)
    today = days.day(now)
    if today != data.overview.day or days.tz != data.overview.tz or days.rollover_hour != data.overview.rollover_hour:
        return read_home_data(session, data.course)
    activity = {day: count for day, count in data.overview.activity.items() if day != today}
    activity |= active_days(db, days.start(today), days.tz, days.rollover_hour)
    checked = data.overview._replace(checkin=checkin_for(db, today), activity=activity,
                                     plan=plan_today(db, data.course.outline, now))
    return data._replace(overview=checked)


def read_early(session: Session, *, fork: bool = False) -> Future[HomeData]:
    """Start ``read_home_data`` off the main thread; the future holds the data, or the error it
    raised (Home reports it as any failed read). With ``fork`` (the launch, before Textual is
    imported) in a child process when ``can_fork`` says it is safe and useful (``read_in_child``),
    else on a thread (``read_on_thread``)."""
    if fork and can_fork(session):
        return read_in_child(session)
    return read_on_thread(session)


def can_fork(session: Session) -> bool:
    """Whether Home's read may run in a forked child: on Linux (macOS's system libraries are not
    safe in a child forked without ``exec``; Windows has no fork), with a second CPU to run it on,
    this process running one thread (a fork copies only the forking one: a lock another thread
    held would stay held in the child) and the session's database not open yet (a connection must
    not be shared across a fork)."""
    return (sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1
            and threading.active_count() == 1 and not session.has_open_db())


def read_in_child(session: Session) -> Future[HomeData]:
    """Fork a child that reads Home's data on its own connection and hands it back pickled
    through a pipe, while this process imports Textual: the read and the import then run side by
    side on two cores instead of taking turns at one interpreter lock. A thread of this process
    waits for the child (the wait holds no lock) and fills the future with its data or its error.
    When neither comes (a crash, a signal, an error that does not survive pickling) the thread
    reads here instead, so Home never waits for nothing.

    The child does what the read on a thread does to the files (opening the database may create
    its folder and file, migrate it, note damage or the day's integrity check; the course outline's
    cache may be rewritten), closes its connection (folding its write-ahead log back) and leaves by
    ``os._exit``, so nothing of this process is flushed, closed or run twice. ``SIGINT`` is blocked
    across the fork, so a Ctrl+C can only reach the child once it is inside its own code."""
    readable, writable = os.pipe()
    unblocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # the mask before
    try:
        child = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)
        os.close(readable)
        os.close(writable)
        return read_on_thread(session)
    if child == 0:  # the child: never returns
        _child_reads(session, readable, writable, unblocked)
    signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)
    os.close(writable)
    future: Future[HomeData] = Future()

    def received() -> HomeData | Exception:
        """The child's data or error, taken as soon as it closes the pipe (its connection is
        closed after that); else a read here (nothing usable came)."""
        with os.fdopen(readable, "rb") as pipe:
            outcome = _unpickled(pipe.read())
        return _read_here(session) if outcome is None else outcome

    def wait() -> None:
        """The thread's body; the child is reaped once the future is filled."""
        try:
            _fill(future, received)
        finally:
            _reap(child)

    threading.Thread(target=wait, name="home-early", daemon=True).start()
    return future


def _child_reads(session: Session, readable: int, writable: int, mask: set[int | signal.Signals]) -> None:
    """The forked child: read, pickle the data or the error into the pipe, close its connection
    and leave. Its standard streams point to the null device: it has nothing to say, and a caller
    reading this process's output to its end does not wait for the child. Ctrl+C ends it at once
    (the default action, no Python handler: nothing of the parent's runs here)."""
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(readable)
        quiet = os.open(os.devnull, os.O_RDWR)
        for standard in (0, 1, 2):  # the terminal and a caller's pipes stay the parent's alone
            os.dup2(quiet, standard)
        outcome: HomeData | Exception
        try:
            outcome = read_home_data(session)
        except Exception as error:
            outcome = error
        with os.fdopen(writable, "wb") as pipe:
            pipe.write(_pickled(outcome))
        if session.has_open_db():
            session.db().close()
        status = 0
    finally:
        os._exit(status)


def _fill(future: Future[HomeData], outcome: Callable[[], HomeData | Exception]) -> None:
    """Hand ``future`` what ``outcome()`` gives (Home's data, or an error to raise) or raises,
    so Home never waits forever; an interrupt is passed on once handed over."""
    try:
        result = outcome()
    except BaseException as error:
        future.set_exception(error)
        if not isinstance(error, Exception):
            raise
    else:
        if isinstance(result, Exception):
            future.set_exception(result)
        else:
            future.set_result(result)


def _reap(child: int) -> None:
    """Wait for ``child`` to end, so no zombie is left (nothing to wait for once reaped elsewhere)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(child, 0)


def _pickled(outcome: HomeData | Exception) -> bytes:
    """``outcome`` pickled (an error that cannot be: nothing, and the parent reads itself)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table | {MappingProxyType: _reduce_read_only}
    try:
        pickler.dump(outcome)
    except (pickle.PicklingError, TypeError, AttributeError):
        return b""
    return buffer.getvalue()


def _unpickled(payload: bytes) -> HomeData | Exception | None:
    """What the child sent: Home's data or the error its read raised; None when it sent nothing
    usable (it died, or its error did not survive the trip)."""
    if not payload:
        return None
    try:
        outcome = pickle.loads(payload)
    except Exception:
        return None
    return outcome if isinstance(outcome, (HomeData, Exception)) else None


def _read_here(session: Session) -> HomeData:
    """``read_home_data`` on this thread, the interpreter handing its lock between threads every
    ``HANDOFF`` seconds instead of every 5 ms meanwhile: SQLite gives the lock back at each row it
    steps to, and with the main thread busy importing Textual each row would wait a whole interval
    to take it again (a convoy: 4–6× the read's own time with a million review logs, and Home waits
    for it)."""
    with handing_over_often():
        return read_home_data(session)


def _reduce_read_only(mapping: Any) -> tuple[Callable[..., Any], tuple[dict[str, Any]]]:
    """How a read-only mapping travels through pickle (its type has no importable name)."""
    return read_only, (dict(mapping),)


def read_only(mapping: Mapping[str, Any]) -> MappingProxyType[str, Any]:
    """A read-only view of a copy of ``mapping`` (how a pickled one is rebuilt)."""
    return MappingProxyType(dict(mapping))


def read_on_thread(session: Session) -> Future[HomeData]:
    """Start ``read_home_data`` on a thread of its own (``_read_here``); the future holds the
    data, or the error it raised."""
    future: Future[HomeData] = Future()
    threading.Thread(target=lambda: _fill(future, lambda: _read_here(session)), name="home-early", daemon=True).start()
    return future
