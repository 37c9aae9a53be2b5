"""The course outline cached in the database, so planning need not parse the whole course.

Parsing the course takes longer than planning; ``studytrack due`` and ``stats`` only need the
outline, which stays valid while none of the course's files changed.
"""

from __future__ import annotations

import json
from pathlib import Path

from studytrack.domain.content.fingerprint import course_fingerprint
from studytrack.domain.planning.today import CourseOutline
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate

OUTLINE_FORMAT = 1
"""The version of the cached outline's layout; a change makes every cached outline stale."""


def course_outline(db: StoreDatabase, content_dir: Path) -> CourseOutline:
    """The outline of the course in ``content_dir``, from the database's cache while none of its
    files changed (same names, sizes and modification times); otherwise the course is loaded,
    which validates it (``CourseError`` when it has problems), and the cache is refreshed.
    """
    folder = Path(content_dir).resolve()
    fingerprint = _fingerprint(folder)
    row = db.execute("SELECT fingerprint, outline FROM course_outlines WHERE content_dir = ?",
                     [str(folder)]).fetchone()
    if row and row[0] == fingerprint:
        data = json.loads(row[1])
        return CourseOutline(
            topic_ids=tuple(data["topic_ids"]),
            lessons=tuple((lesson, tuple(topics)) for lesson, topics in data["lessons"]),
            items=tuple((item_id, topic, section) for item_id, topic, section in data["items"]),
        )
    # Deferred: parsing the course costs ~30 ms, which a cache hit does without.
    from studytrack.domain.content.course import load_course  # noqa: PLC0415

    outline = CourseOutline.of(load_course(folder))
    data = {"topic_ids": outline.topic_ids, "lessons": outline.lessons, "items": outline.items}
    with immediate(db):
        db.execute(
            "INSERT OR REPLACE INTO course_outlines (content_dir, fingerprint, outline) "
            "VALUES (?, ?, ?)", [str(folder), fingerprint, json.dumps(data)],
        )
    return outline


def _fingerprint(folder: Path) -> str:
    """The outline's format and the course files' fingerprint (``course_fingerprint``)."""
    return f"{OUTLINE_FORMAT}:{course_fingerprint(folder)}"
