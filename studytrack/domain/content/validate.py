"""``studytrack content validate``: every problem in a course folder, as ``path:line: message``.

Beyond what loading the course checks (files, translations, topics), it proves the numbers
(lesson ``[[check]]`` tables, numeric quiz items, exercises) with the engine and applies the
course's editorial rules: the glossary, prerequisites, cross-references, figures, the quiz
bank's answer-key balance, section length and the width of fenced lines. The rules are
described in content/README.md.
"""

import math
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from studytrack.domain.content.computations import ComputationError, compute
from studytrack.domain.content.course import Course, Problem, read_course
from studytrack.domain.content.figures import figure_references, read_figures
from studytrack.domain.content.quiz import QuizItem
from studytrack.domain.content.text import read_course_file, read_toml_files
from studytrack.domain.exercises.model import read_exercises, self_check

MAX_SECTION_WORDS = 600
"""Words an English section may have: about four minutes of reading."""

MAX_SECTION_HANGUL = 1500
"""Hangul syllables a Korean section may have: about four minutes of reading."""

READING_PANE_CELLS = 44
"""Terminal cells a fenced line may take: the Lesson screen's text pane at 80×24 (80 columns
− 28 for the contents − 2 padding − 2 scrollbar − 4 padding of a code block). A wider line is
cut off, since code blocks do not wrap."""

MAX_KEY_LONGEST_SHARE = 0.35
"""At most this share of choice items may have the key as their unique longest choice."""

MAX_KEY_POSITION_SHARE = 0.40
"""At most this share of choice items may have the key at any one position."""

MIN_ITEMS_FOR_BALANCE = 8
"""The key rules apply to a bank with at least this many choice items (a share of 3 is noise)."""

LESSON_LINK = re.compile(r"\]\(lesson:(?P<lesson>[a-z0-9-]+)(?:#(?P<topic>[a-z0-9.-]+))?\)")
"""A cross-reference in lesson text: ``[Title](lesson:lesson-id#topic.id)``."""

LOOSE_REFERENCES = re.compile(
    r"\b(?:last|previous|next|earlier|later|coming|final) lessons?\b|(?:지난|다음|이전|마지막|앞의|뒤의) 레슨",
    re.IGNORECASE,
)
"""Words that point at another lesson without naming it."""

WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
HANGUL = re.compile(r"[가-힣]")


def validate_content(root: Path) -> list[Problem]:
    """Every problem in the course at ``root``: files, translations, topics, engine checks and
    the editorial rules."""
    root = Path(root)
    course, problems = read_course(root)
    if course is None:
        return problems
    problems.extend(check_lesson_numbers(course))
    problems.extend(check_quiz_numbers(course))
    problems.extend(check_exercises(root, course.topic_ids))
    lines = list(lesson_lines(course))
    problems.extend(check_glossary(root))
    problems.extend(check_cross_references(course, lines))
    problems.extend(check_prerequisites(root, course))
    problems.extend(check_quiz_keys(course.quiz_items))
    problems.extend(check_section_length(lines))
    problems.extend(check_fence_width(lines))
    problems.extend(check_figures(root, lines))
    return problems


@dataclass(frozen=True)
class LessonLine:
    """One line of a lesson file's Markdown, with where it is and what it belongs to."""

    path: Path
    number: int
    text: str
    lang: str
    lesson_id: str
    topic_id: str | None
    """The section's topic, None in the introduction."""
    fenced: bool


def lesson_lines(course: Course) -> Iterator[LessonLine]:
    """Every Markdown line of every lesson file after its front matter, in course order."""
    for lesson in course.lessons:
        for lang in ("en", "ko"):
            path = course.root / "lessons" / f"{lesson.id}.{lang}.md"
            lines = path.read_text(encoding="utf-8").split("\n")
            end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), 0)
            topic: str | None = None
            fenced = False
            for index in range(end + 1, len(lines)):
                text = lines[index]
                if text.lstrip().startswith("```"):
                    fenced = not fenced
                    continue
                if not fenced and (heading := re.match(r"^##\s.*\{#([^}\s]+)\}\s*$", text)):
                    topic = heading.group(1)
                yield LessonLine(path, index + 1, text, lang, lesson.id, topic, fenced)


def terminal_cells(text: str) -> int:
    """How many terminal cells ``text`` takes: wide (Hangul, CJK) characters take two,
    combining marks none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def check_section_length(lines: Iterable[LessonLine]) -> list[Problem]:
    """A section may take about four minutes: ``MAX_SECTION_WORDS`` English words or
    ``MAX_SECTION_HANGUL`` Hangul syllables. Reported at the section's heading."""
    counts: Counter[tuple[Path, str]] = Counter()
    headings: dict[tuple[Path, str], int] = {}
    langs: dict[Path, str] = {}
    for line in lines:
        if line.topic_id is None:
            continue
        key = (line.path, line.topic_id)
        headings.setdefault(key, line.number)
        langs[line.path] = line.lang
        pattern = WORD if line.lang == "en" else HANGUL
        counts[key] += len(pattern.findall(line.text))
    problems = []
    for (path, topic), count in counts.items():
        limit, unit = ((MAX_SECTION_WORDS, "words") if langs[path] == "en"
                       else (MAX_SECTION_HANGUL, "Hangul syllables"))
        if count > limit:
            problems.append(Problem(path, headings[(path, topic)],
                                    f"section '{topic}' has {count} {unit}, more than {limit} "
                                    "(about four minutes): split it into two sections"))
    return problems


def check_fence_width(lines: Iterable[LessonLine]) -> list[Problem]:
    """No line of a fenced block is wider than the reading pane (``READING_PANE_CELLS``)."""
    return [
        Problem(line.path, line.number,
                f"this fenced line takes {terminal_cells(line.text.rstrip())} terminal cells, "
                f"more than the {READING_PANE_CELLS} of the reading pane at 80×24: break it")
        for line in lines
        if line.fenced and terminal_cells(line.text.rstrip()) > READING_PANE_CELLS
    ]


def check_cross_references(course: Course, lines: Iterable[LessonLine]) -> list[Problem]:
    """Every ``lesson:`` link resolves to a lesson (and section), and no sentence points at
    another lesson without naming it (``the last lesson`` must be a link)."""
    problems = []
    for line in lines:
        for link in LESSON_LINK.finditer(line.text):
            target = course.lesson(link.group("lesson"))
            topic = link.group("topic")
            if target is None:
                problems.append(Problem(line.path, line.number,
                                        f"cross-reference to unknown lesson '{link.group('lesson')}'"))
            elif topic is not None and target.section(topic) is None:
                problems.append(Problem(line.path, line.number,
                                        f"cross-reference to '{topic}', which is not a section of "
                                        f"lesson '{target.id}'"))
        if not line.fenced and LOOSE_REFERENCES.search(line.text) and not LESSON_LINK.search(line.text):
            problems.append(Problem(line.path, line.number,
                                    "a reference to another lesson must name it: write "
                                    "[Title](lesson:lesson-id#topic.id)"))
    titles = [title for lesson in course.lessons for title in (lesson.title.en, lesson.title.ko)]
    for item in course.quiz_items:
        for text in (item.prompt.en, item.prompt.ko, item.explanation.en, item.explanation.ko):
            if LOOSE_REFERENCES.search(text) and not any(title in text for title in titles):
                problems.append(Problem(item.path, item.line,
                                        f"{item.id}: a reference to another lesson must name it "
                                        "by its title"))
    return problems


def course_order(course: Course) -> list[str]:
    """Every section as ``lesson-id#topic-id``, in reading order."""
    return [f"{lesson.id}#{section.topic_id}" for lesson in course.lessons
            for section in lesson.sections]


def check_prerequisites(root: Path, course: Course) -> list[Problem]:
    """Nothing is used before it is taught: every section a quiz item or an exercise
    ``requires`` comes no later than the item's own section (an exercise's is the section of
    its topic). Every exercise names its prerequisites."""
    order = course_order(course)
    place = {key: index for index, key in enumerate(order)}
    problems = []
    for item in course.quiz_items:
        for required in item.requires:
            if required in place and item.section in place and place[required] > place[item.section]:
                problems.append(Problem(item.path, item.line,
                                        f"{item.id}: requires '{required}', which comes after "
                                        f"its own section '{item.section}'"))
    topic_place = {key.split("#")[1]: index for key, index in place.items()}
    for path, text, data in read_toml_files(root / "exercises", []):
        where = text[: text.find("requires")].count("\n") + 1 if "requires" in text else 1
        exercise = str(data.get("id", path.stem))
        requires = data.get("requires")
        if not isinstance(requires, list) or not requires:
            problems.append(Problem(path, where, f"{exercise}: 'requires' must list the lesson "
                                    "sections a learner needs first (lesson-id#topic-id)"))
            continue
        own = topic_place.get(str(data.get("topic")))
        for required in requires:
            if required not in place:
                problems.append(Problem(path, where, f"{exercise}: requires '{required}', which "
                                        "is not a lesson section (lesson-id#topic-id)"))
            elif own is not None and place[required] > own:
                problems.append(Problem(path, where, f"{exercise}: requires '{required}', which "
                                        f"comes after its topic's section '{order[own]}'"))
    return problems


def key_is_longest(item: QuizItem, lang: str) -> bool:
    """Whether the correct choice of ``item`` is its one longest choice in ``lang``."""
    if item.type != "choice" or not isinstance(item.answer, int):
        return False
    lengths = [len(choice.get(lang)) for choice in item.choices]
    key = lengths[item.answer - 1]
    return key == max(lengths) and lengths.count(key) == 1


def check_quiz_keys(items: Iterable[QuizItem]) -> list[Problem]:
    """The answer key gives nothing away: in at most 35% of the choice items is the key the
    unique longest choice (in either language), and no position holds more than 40% of keys."""
    choice = [item for item in items if item.type == "choice" and isinstance(item.answer, int)]
    if len(choice) < MIN_ITEMS_FOR_BALANCE:
        return []
    problems = []
    for lang in ("en", "ko"):
        longest = [item for item in choice if key_is_longest(item, lang)]
        if len(longest) > MAX_KEY_LONGEST_SHARE * len(choice):
            problems += [Problem(item.path, item.line,
                                 f"{item.id}: the key is the longest choice ({lang}); that is so "
                                 f"in {len(longest)} of {len(choice)} choice items, at most "
                                 f"{MAX_KEY_LONGEST_SHARE:.0%}")
                         for item in longest]
    positions = Counter(int(item.answer) for item in choice if isinstance(item.answer, int))
    for position, count in sorted(positions.items()):
        if count > MAX_KEY_POSITION_SHARE * len(choice):
            first = next(item for item in choice if item.answer == position)
            problems.append(Problem(first.path, first.line,
                                    f"position {position} holds the key in {count} of "
                                    f"{len(choice)} choice items, at most "
                                    f"{MAX_KEY_POSITION_SHARE:.0%}: move some keys"))
    return problems


@dataclass(frozen=True)
class Term:
    """One glossary entry: the Korean term, its forbidden variants and the allowed phrases."""

    en: str
    ko: str
    forbidden: tuple[str, ...]
    allow: tuple[str, ...]


def read_glossary(root: Path) -> tuple[list[Term], list[Problem]]:
    """The terms of ``root/glossary.toml`` (none when the course has no glossary)."""
    path = root / "glossary.toml"
    problems: list[Problem] = []
    if not path.is_file():
        return [], problems
    text = read_course_file(path, problems)
    if text is None:
        return [], problems
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return [], [Problem(path, 1, f"bad TOML: {error}")]
    terms = []
    for entry in data.get("term", []):
        fields = entry if isinstance(entry, dict) else {}
        lists = [fields.get("forbidden", []), fields.get("allow", [])]
        if not (isinstance(fields.get("en"), str) and isinstance(fields.get("ko"), str)
                and all(isinstance(v, list) and all(isinstance(s, str) for s in v) for v in lists)):
            problems.append(Problem(path, 1, "each [[term]] needs en, ko, and lists forbidden, allow"))
            continue
        terms.append(Term(fields["en"], fields["ko"], tuple(lists[0]), tuple(lists[1])))
    return terms, problems


def glossary_problems(terms: Iterable[Term], path: Path, lines: Iterable[tuple[int, str]]) -> list[Problem]:
    """A problem for every forbidden variant in ``lines`` (``(number, text)``) that no allowed
    phrase of its term covers."""
    problems = []
    terms = list(terms)
    for number, text in lines:
        for term in terms:
            allowed = [range(m.start(), m.end()) for phrase in term.allow
                       for m in re.finditer(re.escape(phrase), text)]
            for variant in term.forbidden:
                for match in re.finditer(re.escape(variant), text):
                    if not any(match.start() in span for span in allowed):
                        problems.append(Problem(path, number,
                                                f"glossary: '{variant}' → write '{term.ko}' "
                                                f"({term.en})"))
    return problems


def korean_lines(path: Path, text: str) -> list[tuple[int, str]]:
    """The lines of a course file the glossary applies to: every line of a Korean lesson; in a
    TOML file every line but the answers a quiz accepts (a learner may type any variant)."""
    numbered = list(enumerate(text.split("\n"), start=1))
    if path.suffix == ".md":
        return numbered if path.name.endswith(".ko.md") else []
    return [(n, line) for n, line in numbered
            if not line.lstrip().startswith(("accept.", "equivalent", "en ="))]


def check_glossary(root: Path) -> list[Problem]:
    """The Korean text of lessons, quizzes, exercises and course.toml uses the glossary's terms."""
    terms, problems = read_glossary(root)
    if not terms:
        return problems
    files = [root / "course.toml", *sorted((root / "lessons").glob("*.ko.md")),
             *sorted((root / "quizzes").glob("*.toml")), *sorted((root / "exercises").glob("*.toml"))]
    for path in files:
        text = read_course_file(path, problems) if path.is_file() else None
        if text is not None:
            problems += glossary_problems(terms, path, korean_lines(path, text))
    return problems


def check_ui_glossary(root: Path, locale_file: Path) -> list[Problem]:
    """The app's own Korean UI text (a locale file) uses the course glossary's terms too."""
    terms, problems = read_glossary(root)
    text = read_course_file(locale_file, problems)
    if text is None or not terms:
        return problems
    return problems + glossary_problems(terms, locale_file, list(enumerate(text.split("\n"), 1)))


def check_figures(root: Path, lines: Iterable[LessonLine]) -> list[Problem]:
    """figures.toml is well formed and every figure can be drawn; every ``figure:`` link of a
    lesson names a figure it defines."""
    figures, problems = read_figures(root)
    for line in lines:
        for _, name, caption in figure_references(line.text):
            if name not in figures:
                problems.append(Problem(line.path, line.number, f"unknown figure '{name}'"))
            if not caption.strip():
                problems.append(Problem(line.path, line.number,
                                        f"figure '{name}' needs a caption: ![caption](figure:{name})"))
    return problems


def check_exercises(root: Path, topic_ids: Iterable[str] | None = None) -> list[Problem]:
    """Each exercise file: its definition (topic, both languages, hints, solution, answers with
    atol > 0, a known check), and that it works: for a few seeds of every difficulty it generates,
    fills every placeholder, and the engine's own expected answers pass its own check."""
    if topic_ids is None:
        course, problems = read_course(Path(root))
        if course is None:
            return problems
        topic_ids = course.topic_ids
    exercises, problems = read_exercises(Path(root), topic_ids)
    for exercise in exercises:
        problems.extend(Problem(exercise.path, exercise.line, f"{exercise.id}: {message}")
                        for message in self_check(exercise))
    return problems


def check_quiz_numbers(course: Course) -> list[Problem]:
    """Each numeric quiz item: the declared answer is what the engine computes, within tolerance."""
    problems: list[Problem] = []
    for item in course.quiz_items:
        if item.type != "numeric" or item.compute is None:
            continue
        try:
            expected = item.expected_value()
        except ComputationError as error:
            problems.append(Problem(item.path, item.line, f"{item.id}: {error}"))
            continue
        declared = item.answer
        if not isinstance(declared, int | float) or isinstance(declared, bool):
            continue
        if not math.isfinite(expected) or abs(declared - expected) > item.atol + item.rtol * abs(
            expected
        ):
            problems.append(
                Problem(
                    item.path,
                    item.line,
                    f"{item.id}: answer {declared} disagrees with the engine: "
                    f"{item.compute[0]} = {expected:.6g}",
                )
            )
    return problems


def check_lesson_numbers(course: Course) -> list[Problem]:
    """Each ``[[check]]`` of a lesson: the engine computes the number the lesson prints.

    The printed text ``shows`` must occur in both languages, and the engine's value must round to
    it: ``|value − shows| ≤`` half a unit of its last printed digit.
    """
    problems: list[Problem] = []
    for lesson in course.lessons:
        texts = {lang: lesson.markdown(lang) for lang in ("en", "ko")}
        for check in lesson.checks:
            try:
                value = compute(check.compute, dict(check.args))
                float(check.shows)
            except ComputationError as error:
                problems.append(Problem(check.path, check.line, str(error)))
                continue
            except ValueError:
                problems.append(
                    Problem(check.path, check.line, f"'shows' is not a number: {check.shows!r}")
                )
                continue
            if not within_printed_precision(value, check.shows):
                problems.append(
                    Problem(
                        check.path,
                        check.line,
                        f"the lesson shows {check.shows} but the engine computes "
                        f"{check.compute} = {value:.6g}",
                    )
                )
            problems.extend(
                Problem(check.path.with_name(f"{lesson.id}.{lang}.md"), 1,
                        f"the number {check.shows} of a [[check]] does not occur in the text")
                for lang, text in texts.items()
                if check.shows not in text
            )
    return problems


def within_printed_precision(value: float, shows: str) -> bool:
    """True when ``value`` rounds to the printed ``shows`` (half a unit of its last digit)."""
    shown = float(shows)
    if not math.isfinite(value):
        return False
    mantissa = shows.lower().split("e")[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    exponent = int(shows.lower().split("e")[1]) if "e" in shows.lower() else 0
    half_unit = 0.5 * 10 ** (exponent - decimals)
    return bool(abs(value - shown) <= half_unit * (1 + 1e-9) + 1e-12)
