"""Which topic each exercise belongs to (what Stats counts solved exercises by): read from the
exercise files, parsed once per state of the folder, and read again when a file changes."""

import os
import shutil

import pytest

import studytrack.domain.exercises.topics as topics_module
from studytrack.domain.content.course import load_course
from studytrack.domain.exercises.model import load_exercises
from studytrack.domain.exercises.topics import exercise_topics
from studytrack.paths import bundled_content_dir

COURSE = load_course(bundled_content_dir())


@pytest.fixture
def course_copy(tmp_path):
    """The bundled course, copied where a test may edit it."""
    root = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), root)
    return root


def test_the_topics_are_those_the_exercise_model_reads():
    exercises = load_exercises(COURSE.root, COURSE.topic_ids)
    assert exercise_topics(COURSE.root, COURSE.topic_ids) == {e.id: e.topic for e in exercises}


def test_the_files_are_parsed_once_until_one_changes(course_copy, monkeypatch):
    parsed = []
    reading = topics_module.read_toml_files
    monkeypatch.setattr(topics_module, "read_toml_files", lambda *args: parsed.append(1) or reading(*args))
    first = exercise_topics(course_copy, COURSE.topic_ids)
    assert exercise_topics(course_copy, COURSE.topic_ids) == first
    assert len(parsed) == 1
    path = course_copy / "exercises" / "01-mse-by-hand.toml"
    text = path.read_text(encoding="utf-8")
    assert 'topic = "loss.error"' in text
    path.write_text(text.replace('topic = "loss.error"', 'topic = "loss.zero"'), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later time, whatever the clock's grain
    changed = exercise_topics(course_copy, COURSE.topic_ids)
    assert len(parsed) == 2
    assert changed["mse-by-hand"] == "loss.zero" and first["mse-by-hand"] == "loss.error"
    assert {k: v for k, v in changed.items() if k != "mse-by-hand"} == {
        k: v for k, v in first.items() if k != "mse-by-hand"}


def test_a_caller_changing_the_answer_changes_nothing_kept():
    found = exercise_topics(COURSE.root, COURSE.topic_ids)
    found.clear()
    assert exercise_topics(COURSE.root, COURSE.topic_ids)


def test_an_exercise_naming_an_unknown_topic_gives_no_topics(course_copy):
    assert exercise_topics(course_copy, COURSE.topic_ids)
    assert exercise_topics(course_copy, [t for t in COURSE.topic_ids if t != "loss.error"]) == {}
