"""Home reads the course's outline and titles from the database's cache (``course_glance``), never
parsing the course while no file of it changed, and sees exactly what the parsed course holds."""

import os
import shutil
from datetime import UTC, datetime

import pytest

import studytrack.domain.content.course as course_module
from studytrack.domain.content.course import CourseError, load_course
from studytrack.domain.planning.today import CourseOutline
from studytrack.paths import bundled_content_dir
from studytrack.store.outline_cache import CourseGlance, course_glance, course_outline
from studytrack.store.progress import overview


@pytest.fixture
def folder(tmp_path):
    """A copy of the bundled course that a test may edit."""
    copy = tmp_path / "course"
    shutil.copytree(bundled_content_dir(), copy)
    return copy


def test_the_glance_holds_the_courses_titles_and_outline(db, folder):
    course = load_course(folder)
    glance = course_glance(db, folder)
    assert glance == CourseGlance.of(course)
    assert glance.outline == CourseOutline.of(course)
    assert [(lesson.id, lesson.title) for lesson in glance.lessons] == [
        (lesson.id, lesson.title) for lesson in course.lessons]
    for topic in course.topics:
        found = glance.topic(topic.id)
        assert found is not None and found.title == topic.title
    assert glance.topic("no.such-topic") is None


def test_a_cached_glance_is_read_without_parsing_until_a_file_changes(db, folder, monkeypatch):
    first = course_glance(db, folder)

    def no_parsing(root):
        raise AssertionError("the cached glance should have been used")

    monkeypatch.setattr(course_module, "load_course", no_parsing)
    assert course_glance(db, folder) == first
    assert course_outline(db, folder) == first.outline
    monkeypatch.undo()

    quiz = next((folder / "quizzes").glob("*.toml"))
    quiz.write_text(quiz.read_text(encoding="utf-8") + "\nbroken = [", encoding="utf-8")
    os.utime(quiz, ns=(1, 1))
    with pytest.raises(CourseError):
        course_glance(db, folder)


def test_home_reads_the_same_overview_from_the_glance_as_from_the_course(db, folder):
    course, moment = load_course(folder), datetime.now(UTC)
    assert overview(db, course_glance(db, folder).outline, moment) == overview(db, course, moment)
