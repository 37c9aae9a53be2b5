"""``studytrack content validate``: every problem in a course folder, as ``path:line: message``."""

import math
from pathlib import Path

from studytrack.domain.content.course import Course, Problem, read_course


def validate_content(root: Path) -> list[Problem]:
    """Every problem in the course at ``root``: files, translations, topics, and engine checks."""
    course, problems = read_course(Path(root))
    if course is None:
        return problems
    problems.extend(check_lesson_numbers(course))
    problems.extend(check_quiz_numbers(course))
    problems.extend(check_exercises(root, course.topic_ids))
    return problems


def check_exercises(root: Path, topic_ids=None) -> list[Problem]:
    """Each exercise file: its definition (topic, both languages, hints, solution, answers with
    atol > 0, a known check), and that it works: for a few seeds of every difficulty it generates,
    fills every placeholder, and the engine's own expected answers pass its own check."""
    from studytrack.domain.exercises.model import read_exercises, self_check

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
    from studytrack.domain.content.computations import ComputationError

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
    from studytrack.domain.content.computations import ComputationError, compute

    problems: list[Problem] = []
    for lesson in course.lessons:
        texts = {lang: lesson.markdown(lang) for lang in ("en", "ko")}
        for check in lesson.checks:
            try:
                value = compute(check.compute, dict(check.args))
            except ComputationError as error:
                problems.append(Problem(check.path, check.line, str(error)))
                continue
            try:
                float(check.shows)
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
            for lang, text in texts.items():
                if check.shows not in text:
                    problems.append(
                        Problem(
                            check.path.with_name(f"{lesson.id}.{lang}.md"),
                            1,
                            f"the number {check.shows} of a [[check]] does not occur in the text",
                        )
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
    return abs(value - shown) <= half_unit * (1 + 1e-9) + 1e-12
