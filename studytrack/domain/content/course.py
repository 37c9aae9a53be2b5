"""The course as plain immutable objects, read from ``content/`` (format: content/README.md).

``read_course`` returns the course together with every problem it found, each as
``path:line: message``; ``load_course`` is the strict form the app and the commands use.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from studytrack.domain.content.fingerprint import course_fingerprint
from studytrack.domain.content.quiz import QuizItem, read_quiz_items
from studytrack.domain.content.text import LocalText, did_you_mean, line_of, toml_error_line
from studytrack.domain.content.text import Problem as Problem
from studytrack.domain.content.text import read_course_file as read_course_file
from studytrack.domain.content.text import read_toml_files as read_toml_files
from studytrack.domain.messages import Message
from studytrack.errors import StudytrackError, UnknownIdError
from studytrack.i18n import LANGUAGES, Catalog

HEADING = re.compile(r"^##\s+(?P<title>.*?)\s*\{#(?P<id>[^}\s]*)\}\s*$")
"""A section heading: ``## Title {#topic.id}``."""

LATEX = re.compile(r"\$|\\[A-Za-z]+|\^\{|_\{")
"""Traces of LaTeX that would print as noise in a terminal."""


@dataclass(frozen=True)
class Topic:
    """A stable topic id with its title; the join key of lessons, quizzes, exercises and flags."""

    id: str
    title: LocalText


@dataclass(frozen=True)
class Section:
    """One section of a lesson, teaching exactly one topic."""

    lesson_id: str
    topic_id: str
    title: LocalText
    body: LocalText


@dataclass(frozen=True)
class ContentCheck:
    """A number printed in a lesson together with the engine computation that must produce it."""

    compute: str
    args: MappingProxyType[str, object]
    shows: str
    path: Path
    line: int


@dataclass(frozen=True)
class Lesson:
    """A lesson: a title, an optional introduction and its sections, in both languages."""

    id: str
    title: LocalText
    intro: LocalText
    sections: tuple[Section, ...]
    checks: tuple[ContentCheck, ...] = ()

    def section(self, topic_id: str) -> Section | None:
        """The section teaching ``topic_id``, if this lesson has it."""
        return next((s for s in self.sections if s.topic_id == topic_id), None)

    def section_index(self, topic_id: str | None) -> int:
        """The 0-based place of the section teaching ``topic_id``; the first when it has none."""
        return next((index for index, s in enumerate(self.sections) if s.topic_id == topic_id), 0)

    def markdown(self, lang: str) -> str:
        """The whole lesson as Markdown in ``lang``, headings without their ``{#id}`` anchors."""
        parts = [f"# {self.title.get(lang)}"]
        if self.intro.get(lang):
            parts.append(self.intro.get(lang))
        for section in self.sections:
            parts.append(f"## {section.title.get(lang)}\n\n{section.body.get(lang)}")
        return "\n\n".join(parts)


@dataclass(frozen=True)
class Course:
    """The whole course: topics and lessons in reading order."""

    id: str
    title: LocalText
    topics: tuple[Topic, ...]
    lessons: tuple[Lesson, ...]
    root: Path
    quiz_items: tuple[QuizItem, ...] = ()
    """Every quiz item, in file order."""
    _topics_by_id: dict[str, Topic] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._topics_by_id.update({topic.id: topic for topic in self.topics})

    @property
    def topic_ids(self) -> tuple[str, ...]:
        """Every topic id, in the order course.toml lists them."""
        return tuple(topic.id for topic in self.topics)

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, or None."""
        return self._topics_by_id.get(topic_id)

    def lesson(self, lesson_id: str) -> Lesson | None:
        """The lesson with this id, or None."""
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def quiz_item(self, item_id: str) -> QuizItem | None:
        """The quiz item with this id, or None."""
        return next((item for item in self.quiz_items if item.id == item_id), None)

    def section_for_topic(self, topic_id: str) -> Section | None:
        """The lesson section that teaches ``topic_id``, or None."""
        for lesson in self.lessons:
            section = lesson.section(topic_id)
            if section is not None:
                return section
        return None


class CourseError(StudytrackError):
    """The course folder has problems; the message lists the first ones."""

    def __init__(self, root: Path, problems: list[Problem]):
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:3])
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(
            f"The course in {root} has problems: {shown}{more}. "
            f"Run 'studytrack content validate {root}' for the full list."
        )


_LOADED: dict[tuple[str, str], Course] = {}
"""The course last loaded, by its folder and its files' fingerprint (``course_fingerprint``)."""


def load_course(root: Path) -> Course:
    """The course in ``root``; ``CourseError`` when it has any problem.

    Parsed once: while no file of the folder changed (``course_fingerprint``), a later call
    returns the same ``Course`` (it is immutable) without reading the files again.
    """
    key = (str(root), course_fingerprint(Path(root)))
    cached = _LOADED.get(key)
    if cached is not None:
        return cached
    course, problems = read_course(root)
    if problems or course is None:
        raise CourseError(Path(root), problems)
    _LOADED.clear()
    _LOADED[key] = course
    return course


def read_course(root: Path) -> tuple[Course | None, list[Problem]]:
    """The course in ``root`` (None when unreadable) and every problem found on the way."""
    root = Path(root)
    problems: list[Problem] = []
    course_file = root / "course.toml"
    if not course_file.is_file():
        return None, [Problem(course_file, 1, "course.toml is missing")]
    text = read_course_file(course_file, problems)
    if text is None:
        return None, problems
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, [Problem(course_file, toml_error_line(error), f"bad TOML: {error}")]

    course_id = data.get("id")
    if not isinstance(course_id, str) or not course_id:
        problems.append(Problem(course_file, 1, "'id' is missing"))
    course_title = _local_text(data.get("title"), course_file, text, "title", problems)
    topics = _read_topics(data.get("topic", []), course_file, text, problems)
    topic_ids = {topic.id for topic in topics}

    lessons = _read_lessons(root, data.get("lessons", []), course_file, text, topic_ids, problems)
    section_keys = {f"{lesson.id}#{s.topic_id}" for lesson in lessons for s in lesson.sections}
    quiz_items, quiz_problems = read_quiz_items(root, topic_ids, section_keys)
    problems.extend(quiz_problems)
    course = Course(
        id=course_id or "",
        title=course_title,
        topics=tuple(topics),
        lessons=tuple(lessons),
        root=root,
        quiz_items=quiz_items,
    )
    return course, problems


def _read_lessons(
    root: Path,
    lesson_ids: object,
    course_file: Path,
    text: str,
    topic_ids: set[str],
    problems: list[Problem],
) -> list[Lesson]:
    """The lessons course.toml lists, in order: each listed once, each topic taught once, and
    no lesson file left unlisted."""
    if not isinstance(lesson_ids, list) or not all(isinstance(i, str) for i in lesson_ids):
        problems.append(Problem(course_file, line_of(text, "lessons"), "'lessons' must be a list of ids"))
        lesson_ids = []
    lessons: list[Lesson] = []
    seen: set[str] = set()
    taught: dict[str, str] = {}
    for lesson_id in lesson_ids:
        where = line_of(text, f'"{lesson_id}"')
        if lesson_id in seen:
            problems.append(Problem(course_file, where, f"lesson '{lesson_id}' is listed twice"))
            continue
        seen.add(lesson_id)
        lesson = _read_lesson(root, lesson_id, course_file, where, topic_ids, problems)
        if lesson is None:
            continue
        for section in lesson.sections:
            if section.topic_id in taught:
                path = root / "lessons" / f"{lesson_id}.en.md"
                line = line_of(path.read_text(encoding="utf-8"), f"{{#{section.topic_id}}}")
                problems.append(Problem(path, line, f"topic '{section.topic_id}' is already "
                                        f"taught in lesson '{taught[section.topic_id]}'"))
            taught.setdefault(section.topic_id, lesson_id)
        lessons.append(lesson)
    lesson_dir = root / "lessons"
    for path in sorted(lesson_dir.glob("*.md")) if lesson_dir.is_dir() else []:
        if path.name.split(".")[0] not in seen:
            problems.append(Problem(path, 1, f"lesson file is not listed in {course_file.name} 'lessons'"))
    return lessons


def _local_text(
    value: Any, path: Path, text: str, key: str, problems: list[Problem], needle: str | None = None
) -> LocalText:
    """A ``{en = ..., ko = ...}`` table as LocalText, reporting a missing language."""
    value = value if isinstance(value, dict) else {}
    for lang in LANGUAGES:
        if not isinstance(value.get(lang), str) or not value.get(lang, "").strip():
            problems.append(
                Problem(path, line_of(text, needle or key), f"'{key}' has no {lang} text")
            )
    return LocalText(en=str(value.get("en", "")), ko=str(value.get("ko", "")))


def _read_topics(
    entries: Any, path: Path, text: str, problems: list[Problem]
) -> list[Topic]:
    """The ``[[topic]]`` tables of course.toml."""
    topics: list[Topic] = []
    seen: set[str] = set()
    if not isinstance(entries, list):
        problems.append(Problem(path, line_of(text, "topic"), "'topic' must be [[topic]] tables"))
        return topics
    for entry in entries:
        topic_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(topic_id, str) or not topic_id:
            problems.append(Problem(path, line_of(text, "[[topic]]"), "a topic has no 'id'"))
            continue
        where = f'"{topic_id}"'
        if topic_id in seen:
            problems.append(Problem(path, line_of(text, where), f"duplicate topic id '{topic_id}'"))
            continue
        seen.add(topic_id)
        title = _local_text(entry.get("title"), path, text, f"title of {topic_id}", problems, where)
        topics.append(Topic(topic_id, title))
    return topics


@dataclass
class _LessonFile:
    """One language's file of a lesson, parsed but not yet paired with the other language."""

    path: Path
    title: str
    sections: list[tuple[str, str, str, int]]
    """(topic_id, heading title, body, line) in file order."""
    declared: list[str]
    checks: list[dict[str, Any]]
    intro: str
    front_text: str


def _read_lesson(
    root: Path,
    lesson_id: str,
    course_file: Path,
    course_line: int,
    topic_ids: set[str],
    problems: list[Problem],
) -> Lesson | None:
    """Both language files of one lesson, paired and checked against each other."""
    files: dict[str, _LessonFile] = {}
    for lang in LANGUAGES:
        path = root / "lessons" / f"{lesson_id}.{lang}.md"
        if not path.is_file():
            problems.append(
                Problem(course_file, course_line, f"lesson '{lesson_id}' has no file {path.name}")
            )
            continue
        parsed = _read_lesson_file(path, lesson_id, topic_ids, problems)
        if parsed is not None:
            files[lang] = parsed
    if len(files) != len(LANGUAGES):
        return None
    en, ko = files["en"], files["ko"]
    en_ids = [s[0] for s in en.sections]
    ko_ids = [s[0] for s in ko.sections]
    for missing in [i for i in en_ids if i not in ko_ids]:
        problems.append(Problem(ko.path, 1, f"section '{missing}' is missing in this language"))
    for missing in [i for i in ko_ids if i not in en_ids]:
        problems.append(Problem(en.path, 1, f"section '{missing}' is missing in this language"))
    if en_ids != ko_ids and set(en_ids) == set(ko_ids):
        problems.append(Problem(ko.path, 1, "sections are in a different order than in English"))
    if en.checks != ko.checks:
        problems.append(Problem(ko.path, 1, "[[check]] tables differ from the English file's"))
    ko_by_id = {s[0]: s for s in ko.sections}
    sections = tuple(
        Section(
            lesson_id=lesson_id,
            topic_id=topic_id,
            title=LocalText(title, ko_by_id.get(topic_id, ("", "", "", 0))[1]),
            body=LocalText(body, ko_by_id.get(topic_id, ("", "", "", 0))[2]),
        )
        for topic_id, title, body, _ in en.sections
    )
    checks = tuple(
        ContentCheck(
            compute=str(check.get("compute", "")),
            args=MappingProxyType(dict(check.get("args", {}))),
            shows=str(check.get("shows", "")),
            path=en.path,
            line=line_of(en.front_text, f'"{check.get("shows", "")}"') + 1,
        )
        for check in en.checks
    )
    return Lesson(
        id=lesson_id,
        title=LocalText(en.title, ko.title),
        intro=LocalText(en.intro, ko.intro),
        sections=sections,
        checks=checks,
    )


def _read_lesson_file(
    path: Path, lesson_id: str, topic_ids: set[str], problems: list[Problem]
) -> _LessonFile | None:
    """One lesson file: TOML front matter between ``+++`` lines, then Markdown sections."""
    text = read_course_file(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        problems.append(Problem(path, 1, "the file must start with a '+++' front matter line"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        problems.append(Problem(path, 1, "the front matter has no closing '+++' line"))
        return None
    front_text = "\n".join(lines[1:end])
    try:
        front = tomllib.loads(front_text)
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(path, toml_error_line(error) + 1, f"bad TOML: {error}"))
        return None
    if front.get("id") != lesson_id:
        problems.append(
            Problem(path, line_of(text, "id"), f"front matter id must be '{lesson_id}'")
        )
    title = front.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(path, line_of(text, "title"), "front matter has no 'title'"))
        title = ""
    declared = front.get("sections", [])
    if not isinstance(declared, list) or not all(isinstance(d, str) for d in declared):
        problems.append(Problem(path, line_of(text, "sections"), "'sections' must be a list"))
        declared = []
    for topic_id in declared:
        if topic_id not in topic_ids:
            problems.append(
                Problem(path, line_of(text, f'"{topic_id}"'), f"unknown topic id '{topic_id}'")
            )
    checks = front.get("check", [])
    if not isinstance(checks, list):
        problems.append(Problem(path, line_of(text, "check"), "'check' must be [[check]] tables"))
        checks = []

    sections, intro_lines = _split_sections(path, lines, end, topic_ids, problems)
    _check_declared_sections(path, text, declared, sections, problems)
    return _LessonFile(
        path=path,
        title=title,
        sections=[(t, h, "\n".join(body).strip(), n) for t, h, body, n in sections],
        declared=list(declared),
        checks=checks,
        intro="\n".join(intro_lines).strip(),
        front_text=front_text,
    )


def _check_declared_sections(
    path: Path,
    text: str,
    declared: list[str],
    sections: list[tuple[str, str, list[str], int]],
    problems: list[Problem],
) -> None:
    """The headings found are exactly the front matter's ``sections``, in that order."""
    found = [section[0] for section in sections]
    if found != list(declared) and set(found) == set(declared):
        problems.append(Problem(path, 1, "sections are not in the order 'sections' lists"))
    for topic_id in declared:
        if topic_id not in found:
            problems.append(
                Problem(path, line_of(text, f'"{topic_id}"'), f"no section for '{topic_id}'")
            )
    for topic_id, _, _, number in sections:
        if topic_id not in declared:
            problems.append(Problem(path, number, f"section '{topic_id}' is not in 'sections'"))


def _split_sections(
    path: Path, lines: list[str], end: int, topic_ids: set[str], problems: list[Problem]
) -> tuple[list[tuple[str, str, list[str], int]], list[str]]:
    """The Markdown after the front matter (which ends at line index ``end``) cut at its
    ``## Title {#topic.id}`` headings: ``(topic_id, title, body lines, line)`` per section, and
    the introduction's lines."""
    sections: list[tuple[str, str, list[str], int]] = []
    intro_lines: list[str] = []
    current: list[str] = intro_lines
    in_code = False
    for number in range(end + 1, len(lines)):
        line = lines[number]
        if line.lstrip().startswith("```"):
            in_code = not in_code
        if not in_code and line.startswith("## "):
            match = HEADING.match(line)
            if match is None or not match.group("id"):
                problems.append(
                    Problem(path, number + 1, "section heading has no '{#topic.id}' at its end")
                )
                continue
            topic_id = match.group("id")
            if topic_id not in topic_ids:
                problems.append(Problem(path, number + 1, f"unknown topic id '{topic_id}'"))
            if any(s[0] == topic_id for s in sections):
                problems.append(Problem(path, number + 1, f"duplicate section '{topic_id}'"))
            current = []
            sections.append((topic_id, match.group("title"), current, number + 1))
            continue
        current.append(line)
        if bad := LATEX.search(line):
            problems.append(
                Problem(path, number + 1, f"LaTeX left in the text ('{bad.group(0)}'): "
                        "write the formula in plain text (ŷ, α, ∇, Σ, ²)")
            )
    return sections, intro_lines


def require_topic(course: Course, topic_id: str) -> Topic:
    """The topic ``topic_id``; ``UnknownIdError`` naming the closest ids when it does not exist."""
    topic = course.topic(topic_id)
    if topic is not None:
        return topic
    hint = did_you_mean(topic_id, course.topic_ids)
    raise UnknownIdError(Message(TEXT, "unknown_topic", {"topic_id": topic_id, "hint": hint}))


TEXT = Catalog("domain.content.course")
