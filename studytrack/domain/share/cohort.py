"""The cohort report: many learners' share files read, checked and summed up for the instructor.

Reading is linear in the number of files: each is read once (at most ``MAX_FILE_BYTES``), parsed
once, checked once by the report's one ``ShareChecker``, and its counts added to running totals
held in plain lists and dicts of ints; of a learner only what a newer share must take back in
constant time is kept by their id (their mastery values, for the median; their study days; their
opt-in notes). A file that is not a share file, is from another course or a newer format, or
repeats a learner id (the newest share wins; the older file is read again to take it back out) is
skipped with one reason each: a ``Message`` the caller words in the reader's language.
"""

from __future__ import annotations

import math
import os
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from studytrack.domain.messages import Message
from studytrack.domain.share.format import (
    FLAG_CATEGORIES,
    MAX_FILE_BYTES,
    RATINGS,
    CheckedShare,
    ShareChecker,
    ShareFormatError,
    refusal,
)
from studytrack.errors import StudytrackError
from studytrack.vocabulary import Outcome


@dataclass(frozen=True)
class SkippedFile:
    """A file left out of the report, and why."""

    path: str
    refusal: Message
    """The reason, for the caller to word in the reader's language."""


class CountedShare(NamedTuple):
    """The share a learner is counted with so far: how new it is, where it is, what it held."""

    shared_on: str
    path: Path
    content_hash: int
    """The hash of the file's bytes, to notice a file changed between two reads."""

    def is_newer_than(self, other: CountedShare) -> bool:
        """Whether this share replaces ``other``: shared on a later day; on the same day, the file
        modified later; then the later path. (The modification times are read only for a tie.)"""
        if self.shared_on != other.shared_on:
            return self.shared_on > other.shared_on
        return (_modified(self.path), str(self.path)) > (_modified(other.path), str(other.path))


def _modified(path: Path) -> int:
    """The file's modification time in nanoseconds (-1 when it is gone)."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


class CohortFileChangedError(StudytrackError):
    """A share file changed while the report was being made; running it again gives a true report."""


def share_paths(inputs: Iterable[Path]) -> list[Path]:
    """The files named, and every ``*.json`` file under each folder named, in a stable order; a
    file named twice (``a.json a.json``, or a folder and a file in it) is read once, not taken for
    an older share of its learner."""
    paths: list[Path] = []
    for item in inputs:
        if item.is_dir():
            paths.extend(sorted(path for path in item.rglob("*.json") if path.is_file()))
        else:
            paths.append(item)
    seen: set[str] = set()
    unique = []
    for path in paths:
        name = os.path.abspath(path)
        if name not in seen:
            seen.add(name)
            unique.append(path)
    return unique


FIRST_READ = 65_536
"""The bytes asked for in one read of a share file (a real one is a few kilobytes, so it comes in
one read and the next says the file has ended); a bigger file is read on in reads of this size,
up to ``MAX_FILE_BYTES`` + 1. A buffer of the cap for every read would cost more than parsing
the file; asking the file's size first costs a ``stat`` a file."""


def read_share_file(path: Path, checker: ShareChecker) -> tuple[CheckedShare, int]:
    """The share in ``path`` checked by ``checker``, and the hash of the file's bytes;
    ``ShareFormatError`` when it can't be read or is no share file. Never reads more than
    ``MAX_FILE_BYTES`` + 1 bytes.

    The file is read with ``os.read`` on its descriptor, not through a buffered file object
    (which would cost more than reading a few kilobytes), until a read returns nothing (the end,
    also of a pipe that delivers in parts) or the cap is passed."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            data = chunk = os.read(descriptor, FIRST_READ)
            while chunk and len(data) <= MAX_FILE_BYTES:
                chunk = os.read(descriptor, min(FIRST_READ, MAX_FILE_BYTES + 1 - len(data)))
                data += chunk
        finally:
            os.close(descriptor)
    except OSError as error:
        raise ShareFormatError("unreadable", reason=(error.strerror or type(error).__name__)[:80]) from error
    return checker.parse(data), hash(data)


_CORRECT = Outcome.CORRECT.value


@dataclass
class ExerciseTotals:
    """One exercise across the class."""

    learners: int = 0
    """Learners who checked an answer."""
    solved: int = 0
    """Learners who got it right at least once."""
    outcomes: dict[str, int] = field(default_factory=dict)
    """Outcome → checks."""
    mistakes: dict[str, int] = field(default_factory=dict)
    """Named mistake → times."""


class MasteryRows:
    """The mastery values of the learners whose tables have the same topics: one row of floats a
    learner, all in one ``array`` (a share's values are copied in C, and the parsed document's
    floats are not kept alive); a row taken back is marked empty and left out."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.values = array("d")
        self.removed = 0
        """How many rows were taken back (their values are NaN, which no checked share holds)."""

    def add(self, values: tuple[float, ...]) -> int:
        """Append one learner's row; its index."""
        self.values.extend(values)
        return len(self.values) // self.width - 1

    def remove(self, row: int) -> None:
        """Take back the row at ``row``."""
        start = row * self.width
        self.values[start:start + self.width] = array("d", [math.nan]) * self.width
        self.removed += 1

    def column(self, place: int) -> list[float]:
        """Every counted learner's value at ``place`` (one topic)."""
        values = self.values[place::self.width].tolist()
        return [value for value in values if value == value] if self.removed else values  # NaN: taken back


@dataclass
class CohortTotals:
    """Running totals over the counted share documents: ``add`` one, or ``take_back`` one when a
    newer share of the same learner replaces it.

    The report runs ``add`` on every file, so it must cost less than parsing the file. The entries
    of the big tables (lesson ratings, quiz first tries, wrong choices) arrive numbered by the
    ``checker`` that checked them, and are counted in plain lists of ints at those numbers; what is
    kept per learner is keyed by their id, so taking a share back costs what adding it did.
    """

    checker: ShareChecker = field(default_factory=ShareChecker)
    """Checks every file counted here; its numberings name the pairs counted by number."""
    learners: int = 0
    courses: list[int] = field(default_factory=list)
    """Learners per (course id, fingerprint, version), at its number in ``checker.courses.values``."""
    study_days: dict[str, int] = field(default_factory=dict)
    """Learner id → study days."""
    ratings: list[int] = field(default_factory=list)
    """Learners per (lesson id, rating), at the pair's number in ``checker.ratings.values``."""
    quiz: list[int] = field(default_factory=list)
    """Learners per (quiz item id, first try outcome), at its number in ``checker.first_tries.values``."""
    wrong_choices: list[int] = field(default_factory=list)
    """Learners per (quiz item id, wrong choice id), at its number in ``checker.wrong_choices``."""
    flags: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """(category, topic id) → [open, resolved, learners who flagged it]."""
    notes: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    """Learner id → their opt-in notes as (category, topic id, kind, text), learners with notes only."""
    exercises: dict[str, ExerciseTotals] = field(default_factory=dict)
    """Exercise id → who tried and solved it, its outcomes and named mistakes."""
    mastery: dict[int, MasteryRows] = field(default_factory=dict)
    """A mastery table's row of topics (its number in ``checker.topic_rows``) → every counted
    learner's values for them (learners of one course share the topics)."""
    mastery_row: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Learner id → where their mastery values are: (row of topics, their row in its table)."""

    def add(self, share: CheckedShare) -> None:
        """Count one share checked by ``checker``."""
        self._count(share, 1)

    def take_back(self, share: CheckedShare) -> None:
        """Uncount a share added earlier (a newer share of the same learner replaces it)."""
        self._count(share, -1)

    def rating_counts(self) -> dict[tuple[str, str], int]:
        """(lesson id, rating) → learners, the pairs counted."""
        return dict(zip(self.checker.ratings.values, self.ratings, strict=False))

    def quiz_counts(self) -> dict[tuple[str, str], int]:
        """(quiz item id, first try outcome) → learners, the pairs counted."""
        return dict(zip(self.checker.first_tries.values, self.quiz, strict=False))

    def wrong_choice_counts(self) -> dict[tuple[str, str], int]:
        """(quiz item id, wrong choice id) → learners, the pairs counted."""
        return dict(zip(self.checker.wrong_choices.values, self.wrong_choices, strict=False))

    def mastery_by_topic(self) -> dict[str, list[float]]:
        """Topic id → every learner's mastery of it."""
        by_topic: dict[str, list[float]] = {}
        for number, rows in self.mastery.items():
            for place, topic in enumerate(self.checker.topic_rows.values[number]):
                by_topic.setdefault(topic, []).extend(rows.column(place))
        return by_topic

    def notes_by_flag(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """(category, topic id) → [(kind, text)], every counted learner's opt-in notes in the order added."""
        grouped: defaultdict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for notes in self.notes.values():
            for category, topic, kind, text in notes:
                grouped[category, topic].append((kind, text))
        return grouped

    def _count(self, share: CheckedShare, sign: int) -> None:
        """Add (``sign`` 1) or take back (-1) one share's counts."""
        document = share.document
        self.learners += sign
        self._count_learner(share, sign > 0)
        checker = self.checker
        for counts, numbers, numbered in (
            (self.ratings, share.ratings, len(checker.ratings.values)),
            (self.quiz, share.first_tries, len(checker.first_tries.values)),
            (self.wrong_choices, share.wrong_choices, len(checker.wrong_choices.values)),
            (self.courses, [share.course], len(checker.courses.values)),
        ):
            if len(counts) < numbered:  # pairs new to the checker
                counts.extend([0] * (numbered - len(counts)))
            for number in numbers:
                counts[number] += sign
        if document["flags"]:
            self._count_flags(document["flags"], sign)
        self._count_exercises(document["exercises"], document["exercise_mistakes"], sign)

    def _count_learner(self, share: CheckedShare, adding: bool) -> None:
        """What is kept of one learner (study days, mastery, notes): stored, or dropped."""
        document = share.document
        learner = document["learner"]
        table = document["mastery"]
        if not adding:
            del self.study_days[learner]
            if table:
                topics, row = self.mastery_row.pop(learner)
                self.mastery[topics].remove(row)
            self.notes.pop(learner, None)
            return
        self.study_days[learner] = document["study_days"]
        if table:
            rows = self.mastery.get(share.topics)
            if rows is None:
                rows = self.mastery[share.topics] = MasteryRows(len(table))
            self.mastery_row[learner] = (share.topics, rows.add(share.mastery))
        if document["notes"]:
            self.notes[learner] = [(note["category"], note["topic"], note["kind"], note["text"])
                                   for note in document["notes"]]

    def _count_flags(self, flags: dict[str, dict[str, dict[str, int]]], sign: int) -> None:
        """Flag counts of one document."""
        totals = self.flags
        for topic, by_category in flags.items():
            for category, counts in by_category.items():
                total = totals.get((category, topic))
                if total is None:
                    total = totals[(category, topic)] = [0, 0, 0]
                opened, resolved = counts["open"], counts["resolved"]
                total[0] += sign * opened
                total[1] += sign * resolved
                if opened or resolved:
                    total[2] += sign

    def _count_exercises(self, outcomes: dict[str, dict[str, int]], mistakes: dict[str, dict[str, int]],
                         sign: int) -> None:
        """Exercise outcomes and named mistakes of one document."""
        rows = self.exercises
        for exercise, counts in outcomes.items():
            if any(counts.values()):
                row = rows.get(exercise)
                if row is None:
                    row = rows[exercise] = ExerciseTotals()
                row.learners += sign
                if counts.get(_CORRECT):
                    row.solved += sign
                checks = row.outcomes
                for outcome, times in counts.items():
                    checks[outcome] = checks.get(outcome, 0) + sign * times
        for exercise, counts in mistakes.items():
            row = rows.get(exercise)
            if row is None:
                row = rows[exercise] = ExerciseTotals()
            named = row.mistakes
            for mistake, times in counts.items():
                named[mistake] = named.get(mistake, 0) + sign * times


def count_shares(paths: Iterable[Path], course_id: str) -> tuple[CohortTotals, list[SkippedFile]]:
    """The totals over the newest share of each learner of course ``course_id`` among ``paths``,
    and every file skipped with its reason, in the order met.

    Each file is read, checked and counted once; the documents are not kept. When a newer share of
    a learner comes after an older one, the older file is read again and taken back out.
    """
    totals = CohortTotals()
    counted: dict[str, CountedShare] = {}
    skipped: list[SkippedFile] = []
    for path in paths:
        try:
            share, content_hash = read_share_file(path, totals.checker)
        except ShareFormatError as error:
            skipped.append(SkippedFile(str(path), error.refusal))
            continue
        document = share.document
        found = document["course"]["id"]
        if found != course_id:
            skipped.append(SkippedFile(str(path), refusal("other_course", course=found, expected=course_id)))
            continue
        learner = document["learner"]
        this = CountedShare(document["shared_on"], path, content_hash)
        earlier = counted.get(learner)
        if earlier is not None:
            if not this.is_newer_than(earlier):
                skipped.append(SkippedFile(str(path), refusal("repeated", newer=str(earlier.path))))
                continue
            totals.take_back(_reread(earlier, totals.checker))
            skipped.append(SkippedFile(str(earlier.path), refusal("repeated", newer=str(path))))
        totals.add(share)
        counted[learner] = this
    return totals, skipped


def _reread(share: CountedShare, checker: ShareChecker) -> CheckedShare:
    """An already counted share, read again (``CohortFileChangedError`` when the file is no longer
    what was counted)."""
    try:
        checked, content_hash = read_share_file(share.path, checker)
    except ShareFormatError as error:
        raise CohortFileChangedError(str(share.path)) from error
    if content_hash != share.content_hash:
        raise CohortFileChangedError(str(share.path))
    return checked


@dataclass(frozen=True)
class CohortReport:
    """The aggregates the instructor reads, in the order the report shows them."""

    course_id: str
    learners: int
    skipped: int
    fingerprints: dict[str, int]
    versions: dict[str, int]
    study_days_median: float
    lessons: list[dict[str, Any]]
    flagged_topics: dict[str, list[dict[str, Any]]]
    hardest_quiz: list[dict[str, Any]]
    exercises: list[dict[str, Any]]
    mastery: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        """``cohort report --json``: the same aggregates, with the top-level ``learners`` count."""
        return {
            "learners": self.learners,
            "skipped": self.skipped,
            "course": {"id": self.course_id, "fingerprints": self.fingerprints, "versions": self.versions},
            "study_days_median": self.study_days_median,
            "lessons": self.lessons,
            "flagged_topics": self.flagged_topics,
            "hardest_quiz": self.hardest_quiz,
            "exercises": self.exercises,
            "mastery": self.mastery,
        }


def _in_order(keys: Iterable[str], order: Sequence[str]) -> list[str]:
    """``keys`` in the course's ``order``, the ones it lacks (another edition's) after, sorted."""
    position = {key: index for index, key in enumerate(order)}
    return sorted(keys, key=lambda key: (position.get(key, len(position)), key))


def build_report(
    totals: CohortTotals, course_id: str, skipped: int = 0,
    lesson_order: Sequence[str] = (), topic_order: Sequence[str] = (),
) -> CohortReport:
    """The report of ``totals``; lessons and topics in the course's order."""
    ratings: dict[str, dict[str, int]] = {}
    for (lesson, rating), learners in totals.rating_counts().items():
        if learners:
            ratings.setdefault(lesson, dict.fromkeys(RATINGS, 0))[rating] = learners
    return CohortReport(
        course_id=course_id,
        learners=totals.learners,
        skipped=skipped,
        fingerprints=_most_first(_course_counts(totals, 1)),
        versions=_most_first(_course_counts(totals, 2)),
        study_days_median=float(_median(sorted(totals.study_days.values()))) if totals.study_days else 0.0,
        lessons=[{"lesson": lesson, **ratings[lesson]} for lesson in _in_order(ratings, lesson_order)],
        flagged_topics=_flagged(totals, topic_order),
        hardest_quiz=_hardest(totals),
        exercises=_exercise_rows(totals),
        mastery=_mastery_rows(totals, topic_order),
    )


def _course_counts(totals: CohortTotals, part: int) -> dict[str, int]:
    """Learners per course fingerprint (``part`` 1) or version (2)."""
    counts: dict[str, int] = {}
    for course, learners in zip(totals.checker.courses.values, totals.courses, strict=False):
        counts[course[part]] = counts.get(course[part], 0) + learners
    return counts


def _most_first(counts: Mapping[str, int]) -> dict[str, int]:
    """The non-zero ``counts``, largest first (ties in key order)."""
    return dict(sorted(((key, count) for key, count in counts.items() if count), key=lambda pair: (-pair[1], pair[0])))


def _flagged(totals: CohortTotals, topic_order: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Per category, the flagged topics, most flagged first, each with its opt-in notes."""
    position = {topic: index for index, topic in enumerate(topic_order)}
    by_category: dict[str, list[dict[str, Any]]] = {category: [] for category in FLAG_CATEGORIES}
    notes_by_flag = totals.notes_by_flag()
    for (category, topic), (open_count, resolved, learners) in totals.flags.items():
        if not open_count and not resolved:
            continue
        notes = [{"kind": kind, "text": text} for kind, text in notes_by_flag.get((category, topic), [])]
        by_category[category].append({"topic": topic, "open": open_count, "resolved": resolved,
                                      "learners": learners, "notes": notes})
    for rows in by_category.values():
        rows.sort(key=lambda row: (-(row["open"] + row["resolved"]), position.get(row["topic"], len(position)),
                                   row["topic"]))
    return by_category


def _hardest(totals: CohortTotals) -> list[dict[str, Any]]:
    """Every quiz item tried, lowest first-try correct rate first (more tries first on a tie),
    with its wrong choices most picked first."""
    tries: dict[str, int] = {}
    correct: dict[str, int] = {}
    for (item, outcome), learners in totals.quiz_counts().items():
        tries[item] = tries.get(item, 0) + learners
        if outcome == _CORRECT:
            correct[item] = correct.get(item, 0) + learners
    wrong: dict[str, dict[str, int]] = {}
    for (item, choice), learners in totals.wrong_choice_counts().items():
        wrong.setdefault(item, {})[choice] = learners
    rows: list[dict[str, Any]] = []
    for item, n in tries.items():
        if n:
            choices = _most_first(wrong.get(item, {}))
            rows.append({"item": item, "n": n, "correct": correct.get(item, 0),
                         "rate": round(correct.get(item, 0) / n, 4),
                         "wrong_choices": [{"choice": choice, "count": count} for choice, count in choices.items()]})
    rows.sort(key=lambda row: (row["rate"], -row["n"], row["item"]))
    return rows


def _exercise_rows(totals: CohortTotals) -> list[dict[str, Any]]:
    """Every exercise tried: learners, how many solved it, outcomes, named mistakes by count;
    lowest solve rate first."""
    rows: list[dict[str, Any]] = []
    for exercise, row in totals.exercises.items():
        if row.learners:
            rows.append({
                "exercise": exercise, "learners": row.learners, "solved": row.solved,
                "solve_rate": round(row.solved / row.learners, 4),
                "outcomes": _most_first(row.outcomes), "mistakes": _most_first(row.mistakes),
            })
    rows.sort(key=lambda row: (row["solve_rate"], -row["learners"], row["exercise"]))
    return rows


def _mastery_rows(totals: CohortTotals, topic_order: Sequence[str]) -> list[dict[str, Any]]:
    """Per topic: how many learners, the median mastery and its spread (quartiles, min, max).

    Each topic's values are sorted once; the median and quartiles are read off that one list
    (``statistics`` would sort it again for each)."""
    rows: list[dict[str, Any]] = []
    by_topic = totals.mastery_by_topic()
    for topic in _in_order([topic for topic, values in by_topic.items() if values], topic_order):
        values = by_topic[topic]
        values.sort()
        rows.append({"topic": topic, "learners": len(values), "median": round(_median(values), 4),
                     "q1": round(_quartile(values, 1), 4), "q3": round(_quartile(values, 3), 4),
                     "min": round(values[0], 4), "max": round(values[-1], 4)})
    return rows


def _median(ordered: Sequence[float]) -> float:
    """The median of ``ordered`` (sorted, not empty), as ``statistics.median`` gives it."""
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _quartile(ordered: Sequence[float], which: int) -> float:
    """The ``which``-th quartile (1 or 3) of ``ordered`` (sorted, not empty), as
    ``statistics.quantiles(n=4, method="inclusive")`` gives it; the one value of a single one."""
    if len(ordered) == 1:
        return ordered[0]
    below, delta = divmod(which * (len(ordered) - 1), 4)
    return (ordered[below] * (4 - delta) + ordered[below + 1] * delta) / 4


def cohort_report(
    paths: Iterable[Path], course_id: str, lesson_order: Sequence[str] = (), topic_order: Sequence[str] = ()
) -> tuple[CohortReport, list[SkippedFile]]:
    """Read every share file of ``paths`` and report on the learners of course ``course_id``."""
    totals, skipped = count_shares(paths, course_id)
    return build_report(totals, course_id, len(skipped), lesson_order, topic_order), skipped
