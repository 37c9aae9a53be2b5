"""Course loading: parsed once and served from memory while the files are unchanged, and read in
one pass per file (an item's line found without rescanning the file)."""

import os
import shutil

from studytrack.domain.content.course import load_course, read_course
from studytrack.domain.content.fingerprint import course_fingerprint
from studytrack.domain.content.text import id_lines, line_of
from studytrack.paths import bundled_content_dir


def test_a_second_load_of_unchanged_files_is_the_same_course(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(bundled_content_dir(), root)
    first = load_course(root)
    assert load_course(root) is first


def test_an_edited_file_is_read_again(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(bundled_content_dir(), root)
    first = load_course(root)
    quiz = sorted((root / "quizzes").glob("*.toml"))[0]
    before = course_fingerprint(root)
    quiz.write_text(quiz.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    stat = quiz.stat()
    os.utime(quiz, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert course_fingerprint(root) != before
    again = load_course(root)
    assert again is not first
    assert [item.id for item in again.quiz_items] == [item.id for item in first.quiz_items]


def test_the_cached_course_equals_a_fresh_parse():
    root = bundled_content_dir()
    fresh, problems = read_course(root)
    assert not problems
    assert load_course(root) == fresh


def test_id_lines_answers_what_line_of_answers():
    text = 'a = 1\n[[item]]\nid = "first"\n\n[[item]]\nid = "second"\nx = "id = \\"nope\\""\n[[item]]\nid = "first"\n'
    lines = id_lines(text)
    assert lines == {"first": 3, "second": 6}
    for item_id, line in lines.items():
        assert line == line_of(text, f'id = "{item_id}"')


def test_every_bundled_quiz_items_line_is_where_its_id_is():
    for quiz in sorted((bundled_content_dir() / "quizzes").glob("*.toml")):
        text = quiz.read_text(encoding="utf-8")
        lines = id_lines(text)
        for item_id in lines:
            assert lines[item_id] == line_of(text, f'id = "{item_id}"')
