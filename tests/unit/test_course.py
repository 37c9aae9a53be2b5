"""The course loader and ``validate``: the bundled course is clean; each broken fixture is caught."""

import re

import pytest

from studytrack.domain.content.course import CourseError, load_course, read_course, require_topic
from studytrack.domain.content.validate import validate_content, within_printed_precision
from studytrack.errors import UnknownIdError

DESIGN_TOPICS = [
    "advice.own-pace", "advice.find-gaps", "advice.condition", "advice.long-view",
    "advice.nobody-100", "advice.focus", "advice.feedback", "learning.parametric",
    "loss.purpose", "loss.notation", "loss.error", "loss.zero", "loss.find-zero",
    "opt.analytic-hard", "opt.saddle", "gd.idea", "gd.update-rule", "gd.learning-rate",
    "gd.mse-gradient", "opt.local-global", "opt.convex",
]


def messages(root):
    return [str(problem) for problem in validate_content(root)]


def test_the_fixture_course_loads_as_immutable_objects(mini_course):
    course = load_course(mini_course)
    assert course.id == "mini"
    assert course.title.get("ko") == "미니 코스"
    lesson = course.lesson("basics")
    assert [s.topic_id for s in lesson.sections] == ["loss.zero", "loss.error"]
    assert lesson.section("loss.zero").title.get("ko") == "손실이 0"
    assert "y = ŷ" in lesson.section("loss.zero").body.en
    assert "{#" not in lesson.markdown("en")
    with pytest.raises(AttributeError):
        lesson.id = "other"
    assert messages(mini_course) == []


def test_the_bundled_course_keeps_every_design_topic_id(course_dir):
    course = load_course(course_dir)
    assert set(DESIGN_TOPICS) <= set(course.topic_ids)


def test_the_bundled_course_validates_clean(course_dir):
    assert messages(course_dir) == []


def test_every_topic_is_taught_by_exactly_one_lesson_section(course_dir):
    course = load_course(course_dir)
    taught = [s.topic_id for lesson in course.lessons for s in lesson.sections]
    assert sorted(taught) == sorted(set(taught))
    assert set(taught) == set(course.topic_ids)


def test_the_loss_function_lesson_ships_in_both_languages(course_dir):
    lesson = load_course(course_dir).lesson("loss-function")
    assert [s.topic_id for s in lesson.sections] == [
        "learning.parametric", "loss.purpose", "loss.notation", "loss.error", "loss.zero",
        "loss.find-zero",
    ]
    for section in lesson.sections:
        assert section.body.en.strip() and section.body.ko.strip()
        assert re.search(r"[가-힣]", section.body.ko)


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_toml_is_reported_with_its_line(mini_course):
    rewrite(mini_course / "course.toml", 'lessons = ["basics"]', 'lessons = ["basics"')
    found = messages(mini_course)
    assert len(found) == 1
    assert re.match(rf"{re.escape(str(mini_course / 'course.toml'))}:\d+: bad TOML", found[0])


@pytest.mark.parametrize("name", ["course.toml", "lessons/basics.ko.md", "quizzes/new.toml"])
def test_a_file_that_is_not_utf8_is_reported_with_its_line(mini_course, name):
    path = mini_course / name
    path.parent.mkdir(exist_ok=True)
    before = path.read_bytes() if path.exists() else b""
    path.write_bytes(before + b"\n\xff\xfe latin-1?\n")
    found = messages(mini_course)
    assert any(re.match(rf"{re.escape(str(path))}:\d+: .*not UTF-8", line) for line in found)


def test_an_unknown_topic_id_in_a_lesson_is_reported(mini_course):
    for lang in ("en", "ko"):
        rewrite(mini_course / f"lessons/basics.{lang}.md", "{#loss.error}", "{#loss.eror}")
        rewrite(mini_course / f"lessons/basics.{lang}.md", '"loss.error"]', '"loss.eror"]')
    found = messages(mini_course)
    assert any("basics.en.md:4: unknown topic id 'loss.eror'" in m for m in found)
    assert any("basics.en.md:" in m and "unknown topic id 'loss.eror'" in m for m in found)


def test_a_duplicate_topic_id_is_reported(mini_course):
    with (mini_course / "course.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[topic]]\nid = "loss.zero"\ntitle = { en = "Again", ko = "다시" }\n')
    assert any("duplicate topic id 'loss.zero'" in m for m in messages(mini_course))


def test_a_section_missing_in_one_language_is_reported(mini_course):
    path = mini_course / "lessons/basics.ko.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace('sections = ["loss.zero", "loss.error"]', 'sections = ["loss.zero"]')
    text = text[: text.index("## 오차")]
    path.write_text(text + "0.0833\n", encoding="utf-8")
    found = messages(mini_course)
    assert any(
        m.startswith(str(path) + ":") and "section 'loss.error' is missing" in m for m in found
    )


def test_a_lesson_listed_without_a_file_and_a_file_not_listed_are_reported(mini_course):
    rewrite(mini_course / "course.toml", 'lessons = ["basics"]', 'lessons = ["basics", "ghost"]')
    (mini_course / "lessons/stray.en.md").write_text("+++\nid='stray'\n+++\n", encoding="utf-8")
    found = messages(mini_course)
    assert any("course.toml:4: lesson 'ghost' has no file ghost.en.md" in m for m in found)
    assert any("stray.en.md:1: lesson file is not listed" in m for m in found)


def test_latex_left_in_a_lesson_is_reported(mini_course):
    rewrite(mini_course / "lessons/basics.en.md", "means y = ŷ", r"means $y = \hat{y}$")
    found = messages(mini_course)
    assert any("basics.en.md:" in m and "LaTeX" in m for m in found)


def test_a_number_that_disagrees_with_the_engine_is_reported(mini_course):
    for lang in ("en", "ko"):
        path = mini_course / f"lessons/basics.{lang}.md"
        text = path.read_text(encoding="utf-8").replace("0.0833", "0.0900")
        path.write_text(text, encoding="utf-8")
    found = messages(mini_course)
    assert any("shows 0.0900 but the engine computes mse = 0.0833333" in m for m in found)


def test_load_course_raises_one_line_naming_the_problem(mini_course):
    (mini_course / "lessons/basics.ko.md").unlink()
    with pytest.raises(CourseError) as raised:
        load_course(mini_course)
    assert "basics.ko.md" in str(raised.value)
    assert "\n" not in str(raised.value)
    course, _ = read_course(mini_course)
    assert course is not None and course.lessons == ()


def test_an_unknown_topic_suggests_the_closest_ids(mini_course):
    course = load_course(mini_course)
    with pytest.raises(UnknownIdError) as raised:
        require_topic(course, "loss.zer")
    assert "loss.zero" in str(raised.value) and "loss.zero" in raised.value.text("en")
    assert "주제는 없어요" in raised.value.text("ko") and "loss.zero" in raised.value.text("ko")


@pytest.mark.parametrize(
    ("value", "shows", "ok"),
    [(0.083333, "0.0833", True), (0.08336, "0.0833", False), (2.5, "2.5", True),
     (2.54, "2.5", True), (2.56, "2.5", False), (12.0, "12", True), (float("nan"), "1", False)],
)
def test_printed_precision(value, shows, ok):
    assert within_printed_precision(value, shows) is ok


DECIMAL = re.compile(r"(?<![0-9A-Za-z_.])-?\d+\.\d+(?![0-9A-Za-z_.])")


def test_every_decimal_in_a_worked_example_is_checked_by_the_engine_or_given(course_dir):
    """A decimal printed in a ```text block is a [[check]] result, a check input, or stated in
    the prose as a given; so no computed number escapes the engine."""
    course = load_course(course_dir)
    for lesson in course.lessons:
        shows = {check.shows for check in lesson.checks}
        inputs = set()
        for check in lesson.checks:
            for value in check.args.values():
                for number in value if isinstance(value, list) else [value]:
                    inputs.update({str(number), str(float(number))})
        for lang in ("en", "ko"):
            text = lesson.markdown(lang)
            blocks = re.findall(r"```text\n(.*?)```", text, re.S)
            prose = re.sub(r"```text\n.*?```", "", text, flags=re.S)
            given = set(DECIMAL.findall(prose))
            for block in blocks:
                for number in DECIMAL.findall(block):
                    unsigned = number.lstrip("-")
                    assert {number, unsigned} & (shows | inputs | given), (lesson.id, lang, number)
