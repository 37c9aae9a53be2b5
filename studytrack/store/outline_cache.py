"""The course outline cached in the database, so planning and Home need not parse the whole course.

Parsing the course takes longer than planning; ``studytrack due`` and ``stats`` only need the
outline, and Home only the outline with the lesson and topic titles (``CourseGlance``), which
stay valid while none of the course's files changed. The value types are named tuples (``due
--json`` reads the outline, and a frozen dataclass costs ~1 ms at start-up).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from studytrack.domain.content.fingerprint import course_fingerprint
from studytrack.domain.planning.today import CourseOutline
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate

if TYPE_CHECKING:
    from studytrack.domain.content.course import Course
    from studytrack.domain.content.text import LocalText

OUTLINE_FORMAT = 2
"""The version of the cached outline's layout; a change makes every cached outline stale
(2: the lesson and topic titles added, for Home)."""


class TitledTopic(NamedTuple):
    """A topic as Home names it: its id and its title in both languages."""

    id: str
    title: LocalText


class TitledLesson(NamedTuple):
    """A lesson as Home lists it: its id, its title and the topics of its sections, in order."""

    id: str
    title: LocalText
    topic_ids: tuple[str, ...]


class CourseGlance(NamedTuple):
    """What Home shows of a course: its outline (what planning needs) with the lessons' and the
    topics' titles; read from the cache without parsing the course's files."""

    outline: CourseOutline
    lessons: tuple[TitledLesson, ...]
    """The lessons in reading order."""
    topics: Mapping[str, TitledTopic]
    """Topic id → the topic, in the order course.toml lists them."""

    @property
    def topic_ids(self) -> tuple[str, ...]:
        """Every topic id, in course order."""
        return self.outline.topic_ids

    def topic(self, topic_id: str) -> TitledTopic | None:
        """The topic with this id, or None."""
        return self.topics.get(topic_id)

    @classmethod
    def of(cls, course: Course) -> CourseGlance:
        """The glance of a loaded ``Course``."""
        return cls(
            outline=CourseOutline.of(course),
            lessons=tuple(
                TitledLesson(lesson.id, lesson.title, tuple(s.topic_id for s in lesson.sections))
                for lesson in course.lessons
            ),
            topics={topic.id: TitledTopic(topic.id, topic.title) for topic in course.topics},
        )


def course_outline(db: StoreDatabase, content_dir: Path) -> CourseOutline:
    """The outline of the course in ``content_dir``, from the database's cache while none of its
    files changed (same names, sizes and modification times); otherwise the course is loaded,
    which validates it (``CourseError`` when it has problems), and the cache is refreshed.
    """
    folder = Path(content_dir).resolve()
    fingerprint, cached = _cached_data(db, folder)
    return _outline_from(cached) if cached is not None else _load_and_cache(db, folder, fingerprint).outline


def course_glance(db: StoreDatabase, content_dir: Path) -> CourseGlance:
    """The outline and titles of the course in ``content_dir`` (``CourseGlance``), cached as
    ``course_outline`` is: one indexed read and a JSON parse while no course file changed."""
    folder = Path(content_dir).resolve()
    fingerprint, cached = _cached_data(db, folder)
    return _glance_from(cached) if cached is not None else _load_and_cache(db, folder, fingerprint)


def _cached_data(db: StoreDatabase, folder: Path) -> tuple[str, dict[str, Any] | None]:
    """The fingerprint of the course in ``folder`` now, and the glance the cache stored for it
    (``_glance_data``), None when none is stored or the course's files changed since."""
    fingerprint = _fingerprint(folder)
    row = db.execute("SELECT fingerprint, outline FROM course_outlines WHERE content_dir = ?",
                     [str(folder)]).fetchone()
    return fingerprint, (json.loads(row[1]) if row and row[0] == fingerprint else None)


def _load_and_cache(db: StoreDatabase, folder: Path, fingerprint: str) -> CourseGlance:
    """The glance of the course in ``folder``, loaded from its files and stored in the cache
    under ``fingerprint``."""
    # Deferred: parsing the course costs ~30–60 ms, which a cache hit does without.
    from studytrack.domain.content.course import load_course  # noqa: PLC0415

    glance = CourseGlance.of(load_course(folder))
    with immediate(db):
        db.execute(
            "INSERT OR REPLACE INTO course_outlines (content_dir, fingerprint, outline) "
            "VALUES (?, ?, ?)", [str(folder), fingerprint, json.dumps(_glance_data(glance))],
        )
    return glance


def _glance_data(glance: CourseGlance) -> dict[str, Any]:
    """``glance`` as the JSON the cache stores (titles as ``[en, ko]``)."""
    outline = glance.outline
    return {
        "topic_ids": outline.topic_ids,
        "lessons": outline.lessons,
        "items": outline.items,
        "lesson_titles": [[lesson.title.en, lesson.title.ko] for lesson in glance.lessons],
        "topic_titles": [[topic.title.en, topic.title.ko] for topic in glance.topics.values()],
    }


def _outline_from(data: dict[str, Any]) -> CourseOutline:
    """The ``CourseOutline`` part of the glance the cache stored as ``data`` (``_glance_data``)."""
    return CourseOutline(
        topic_ids=tuple(data["topic_ids"]),
        lessons=tuple((lesson, tuple(topics)) for lesson, topics in data["lessons"]),
        items=tuple((item_id, topic, section) for item_id, topic, section in data["items"]),
    )


def _glance_from(data: dict[str, Any]) -> CourseGlance:
    """The ``CourseGlance`` the cache stored as ``data`` (``_glance_data``)."""
    # Deferred: the content's text module (~3 ms, with its dataclasses); the outline alone, all
    # that ``due`` and ``stats`` read, has no titles.
    from studytrack.domain.content.text import LocalText  # noqa: PLC0415

    outline = _outline_from(data)
    lessons = tuple(
        TitledLesson(lesson_id, LocalText(en, ko), topics)
        for (lesson_id, topics), (en, ko) in zip(outline.lessons, data["lesson_titles"], strict=True)
    )
    topics = {
        topic_id: TitledTopic(topic_id, LocalText(en, ko))
        for topic_id, (en, ko) in zip(outline.topic_ids, data["topic_titles"], strict=True)
    }
    return CourseGlance(outline, lessons, topics)


def _fingerprint(folder: Path) -> str:
    """The outline's format and the course files' fingerprint (``course_fingerprint``)."""
    return f"{OUTLINE_FORMAT}:{course_fingerprint(folder)}"
