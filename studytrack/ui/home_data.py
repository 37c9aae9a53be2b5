"""What Home reads off the UI thread, in one go: the course's outline and titles and today's
overview (``read_home_data``). The first read starts on a thread of its own as early as it can
(``read_early``): before Textual is imported when ``studytrack`` opens the app (``cli.launch``),
else as the app starts (``StudyApp.on_load``); its SQLite work runs meanwhile. After a check-in,
only what it changes is read again (``read_after_checkin``). No Textual here.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING, NamedTuple

from studytrack.store.activity import active_days
from studytrack.store.breaks import Break, upcoming_breaks
from studytrack.store.journal import checkin_for
from studytrack.store.outline_cache import CourseGlance, course_glance
from studytrack.store.plan import plan_today
from studytrack.store.progress import Overview, overview
from studytrack.store.settings import day_settings

if TYPE_CHECKING:
    from studytrack.session import Session

READ_SWITCH = 0.0005
"""Seconds between the interpreter's thread switches while Home's early read runs (``read_early``)."""


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
    checked = dataclasses.replace(data.overview, checkin=checkin_for(db, today), activity=activity,
                                  plan=plan_today(db, data.course.outline, now))
    return data._replace(overview=checked)


def read_early(session: Session) -> Future[HomeData]:
    """Start ``read_home_data`` on a thread of its own; the future holds the data, or the error
    it raised (Home reports it as any failed read).

    Until it is done, the interpreter hands its lock between threads every ``READ_SWITCH``
    seconds instead of every 5 ms: SQLite gives the lock back at each row it steps to, and with
    the main thread busy importing Textual each row would wait a whole interval to take it again
    (a convoy: 4–6× the read's own time with a million review logs, and Home waits for it).
    """
    future: Future[HomeData] = Future()
    switch = sys.getswitchinterval()
    sys.setswitchinterval(READ_SWITCH)
    future.add_done_callback(lambda _: sys.setswitchinterval(switch))

    def read() -> None:
        """The thread's body: every outcome is handed over, so Home never waits forever."""
        try:
            data = read_home_data(session)
        except BaseException as error:
            future.set_exception(error)
            if not isinstance(error, Exception):
                raise
        else:
            future.set_result(data)

    threading.Thread(target=read, name="home-early", daemon=True).start()
    return future
