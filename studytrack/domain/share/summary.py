"""One learner's share file, built from plain records of their study: what it holds is exactly
what the issue allows, nothing more.

Per lesson the latest rating; per topic mastery and flag counts (open, resolved) by category;
per quiz item the first real try (correct or incorrect) and, for a choice item, the wrong choice
made; per exercise the count of each outcome and of each named mistake; the number of study
days. Flag notes and "what made it click" notes only when the learner opts in. No times of day,
no goal text, no check-ins, no typed answers.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from studytrack.domain.content.course import Course
from studytrack.domain.content.quiz import check_quiz_answer
from studytrack.domain.exercises.checks import GenerationError
from studytrack.domain.exercises.model import Exercise, ExerciseError, check_answers, generate
from studytrack.domain.share.format import FORMAT_NAME, FORMAT_VERSION, MAX_NOTE_LENGTH, MAX_NOTES

RECHECKED_OUTCOMES = frozenset(("incorrect", "diverged"))
"""The outcomes of a numeric exercise whose recorded answers are checked again to name the mistake."""


@dataclass(frozen=True)
class FlagRecord:
    """One flag as the share file sees it: where, what kind, open or not, and its two notes."""

    topic_id: str
    category: str
    is_open: bool
    note: str
    clicked_note: str
    """The "what made it click" note written when it was resolved ('' when none)."""


@dataclass(frozen=True)
class QuizTry:
    """The first real try (correct or incorrect) at one quiz item, with the answer as typed."""

    item_id: str
    outcome: str
    answer: str


@dataclass(frozen=True)
class ExerciseTry:
    """One recorded exercise check: which problem, the raw answers, the outcome."""

    exercise_id: str
    seed: int
    difficulty: str
    answers: Mapping[str, str]
    outcome: str


@dataclass(frozen=True)
class LearnerRecords:
    """Everything a share file is made from, read from the learner's database by the store."""

    learner_id: str
    """The random cohort-local id (stored, so a later share replaces an earlier one)."""
    shared_on: date
    """The study day of the share (a date, never a time of day)."""
    ratings: Mapping[str, str]
    """Lesson id → the latest rating."""
    mastery: Mapping[str, float | None]
    """Topic id → mastery 0..1 (None: the topic has no quiz items to measure it by)."""
    flags: Sequence[FlagRecord]
    first_tries: Sequence[QuizTry]
    exercise_tries: Sequence[ExerciseTry]
    study_days: int


@dataclass(frozen=True)
class CourseIdentity:
    """Which course a share file is about: its id (learners are matched on it), the fingerprint
    of its files and its declared version (reported: a course changes between editions)."""

    id: str
    fingerprint: str
    version: str

    def to_json(self) -> dict[str, str]:
        """The share file's ``course`` field."""
        return {"id": self.id, "fingerprint": self.fingerprint, "version": self.version}


def course_identity(course: Course) -> CourseIdentity:
    """The id, content fingerprint (SHA-256 of every file's relative path and bytes, so two copies
    of the same edition agree wherever they are installed) and ``version`` of ``course.toml``
    ('' when it declares none)."""
    root = Path(course.root)
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            if name.startswith(".") or name.endswith((".pyc", "~")):
                continue
            path = Path(folder) / name
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    try:
        declared = tomllib.loads((root / "course.toml").read_text(encoding="utf-8")).get("version", "")
    except (OSError, ValueError):
        declared = ""
    version = str(declared)[:40] if isinstance(declared, str | int | float) else ""
    return CourseIdentity(course.id, digest.hexdigest(), version)


def build_summary(
    records: LearnerRecords,
    course: Course,
    identity: CourseIdentity,
    exercises: Sequence[Exercise],
    *,
    with_notes: bool = False,
) -> dict[str, Any]:
    """The share document of one learner (``format.check_share`` accepts it)."""
    quiz, wrong_choices = _quiz(records.first_tries, course)
    outcomes, mistakes = _exercises(records.exercise_tries, exercises)
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "learner": records.learner_id,
        "shared_on": records.shared_on.isoformat(),
        "course": identity.to_json(),
        "study_days": records.study_days,
        "lessons": dict(sorted(records.ratings.items())),
        "mastery": {topic: round(min(max(float(value), 0.0), 1.0), 4)
                    for topic, value in records.mastery.items() if value is not None},
        "flags": _flags(records.flags),
        "quiz": quiz,
        "quiz_wrong_choice": wrong_choices,
        "exercises": outcomes,
        "exercise_mistakes": mistakes,
        "notes": _notes(records.flags) if with_notes else [],
    }


def _flags(flags: Sequence[FlagRecord]) -> dict[str, dict[str, dict[str, int]]]:
    """Topic id → category → how many flags are open and how many resolved (flagged topics only)."""
    table: dict[str, dict[str, dict[str, int]]] = {}
    for flag in flags:
        counts = table.setdefault(flag.topic_id, {}).setdefault(flag.category, {"open": 0, "resolved": 0})
        counts["open" if flag.is_open else "resolved"] += 1
    return dict(sorted(table.items()))


def _quiz(first_tries: Sequence[QuizTry], course: Course) -> tuple[dict[str, str], dict[str, str]]:
    """Quiz item id → the first try's outcome; and item id → the stable id of the wrong choice made,
    for choice items (an answer stored before choices had ids is read as the course reads it)."""
    outcomes: dict[str, str] = {}
    wrong: dict[str, str] = {}
    for attempt in first_tries:
        outcomes[attempt.item_id] = attempt.outcome
        item = course.quiz_item(attempt.item_id)
        if attempt.outcome == "incorrect" and item is not None and item.type == "choice":
            result = check_quiz_answer(item, attempt.answer)
            if result.outcome == "incorrect":
                wrong[attempt.item_id] = result.recorded
    return dict(sorted(outcomes.items())), dict(sorted(wrong.items()))


def _exercises(tries: Sequence[ExerciseTry], exercises: Sequence[Exercise]) -> tuple[
    dict[str, dict[str, int]], dict[str, dict[str, int]]
]:
    """Exercise id → how many checks had each outcome; and exercise id → how often each known
    mistake was named (exercises with a named mistake only).

    The store keeps the raw answers, not the mistake; a numeric exercise's problem is rebuilt from
    its seed and the answers are checked again, which names the same mistake the learner saw. A
    code exercise's mistakes would need the learner's program run again, so only outcomes count.
    """
    by_id = {exercise.id: exercise for exercise in exercises}
    outcomes: dict[str, dict[str, int]] = {}
    mistakes: dict[str, dict[str, int]] = {}
    for attempt in tries:
        counts = outcomes.setdefault(attempt.exercise_id, {})
        counts[attempt.outcome] = counts.get(attempt.outcome, 0) + 1
        exercise = by_id.get(attempt.exercise_id)
        if attempt.outcome in RECHECKED_OUTCOMES and exercise is not None and not exercise.is_code:
            for mistake in _named_mistakes(exercise, attempt):
                named = mistakes.setdefault(attempt.exercise_id, {})
                named[mistake] = named.get(mistake, 0) + 1
    return dict(sorted(outcomes.items())), dict(sorted(mistakes.items()))


def _named_mistakes(exercise: Exercise, attempt: ExerciseTry) -> tuple[str, ...]:
    """The known mistakes the check of ``attempt`` named (none when its problem can't be rebuilt,
    e.g. a difficulty this edition of the exercise no longer has)."""
    try:
        instance = generate(exercise, attempt.seed, attempt.difficulty)
        return check_answers(instance, attempt.answers).mistakes
    except (ExerciseError, GenerationError):
        return ()


def _notes(flags: Sequence[FlagRecord]) -> list[dict[str, str]]:
    """The flag notes and "what made it click" notes (opt-in), each cut to ``MAX_NOTE_LENGTH``."""
    notes = []
    for flag in flags:
        for kind, text in (("flag", flag.note), ("clicked", flag.clicked_note)):
            if text.strip():
                notes.append({"topic": flag.topic_id, "category": flag.category, "kind": kind,
                              "text": text.strip()[:MAX_NOTE_LENGTH]})
    return notes[:MAX_NOTES]
