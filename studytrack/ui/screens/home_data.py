"""What Home reads off the UI thread, in one go: the course's outline and titles and today's
overview (``read_home_data``), started by the app as Textual starts (``StudyApp.on_load``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studytrack.store.breaks import upcoming_breaks
from studytrack.store.progress import overview
from studytrack.ui.widgets.home_panels import HomeData

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp


def read_home_data(app: StudyApp) -> HomeData:
    """Everything Home shows, in one read (run in a thread worker): the course's outline and
    titles (``StudyApp.course_glance``: the database's cache, parsed only when a course file
    changed) and today's overview, on the one connection."""
    db, glance = app.db(), app.course_glance()
    today = overview(db, glance.outline, app.session.now())
    return HomeData(glance, today, tuple(upcoming_breaks(db, today.day)))
