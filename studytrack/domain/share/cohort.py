"""The cohort report: many learners' share files read, checked and summed up for the instructor.

Reading is linear in the number of files: each is read once (at most ``MAX_FILE_BYTES``), parsed
once, checked once, and its counts added to running totals; only each learner's mastery values
are kept (one tuple per learner), to take their median. A file that is not a share file, is from
another course or a newer format, or repeats a learner id (the newest share wins) is skipped with
one reason each.
"""

from __future__ import annotations

import os
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studytrack.domain.share.format import (
    FLAG_CATEGORIES,
    MAX_FILE_BYTES,
    RATINGS,
    Refusal,
    ShareFormatError,
    parse_share,
)
from studytrack.errors import StudytrackError


@dataclass(frozen=True)
class SkippedFile:
    """A file left out of the report, and why."""

    path: str
    refusal: Refusal


@dataclass(frozen=True)
class CountedShare:
    """The share a learner is counted with so far: how new it is, where it is, what it held."""

    newer_key: tuple[str, int, str]
    """(shared_on, the file's modification time, path): the larger is the newer share."""
    path: Path
    content_hash: int
    """The hash of the file's bytes, to notice a file changed between two reads."""


class CohortFileChangedError(StudytrackError):
    """A share file changed while the report was being made; running it again gives a true report."""


def share_paths(inputs: Iterable[Path]) -> list[Path]:
    """The files named, and every ``*.json`` file under each folder named, in a stable order."""
    paths: list[Path] = []
    for item in inputs:
        if item.is_dir():
            paths.extend(sorted(path for path in item.rglob("*.json") if path.is_file()))
        else:
            paths.append(item)
    return paths


def read_share_file(path: Path) -> tuple[dict[str, Any], int, int]:
    """The checked share document in ``path``, the file's modification time (ns) and the hash of
    its bytes; ``ShareFormatError`` when it can't be read or is no share file. Never reads more
    than ``MAX_FILE_BYTES`` + 1 bytes."""
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            if status.st_size > MAX_FILE_BYTES:
                raise ShareFormatError("too_big", limit=str(MAX_FILE_BYTES))
            # Sized to the file (a buffer of the cap for every file costs more than parsing it);
            # a file grown since is cut here and then fails to parse.
            data = file.read(min(status.st_size, MAX_FILE_BYTES) + 1)
            modified = status.st_mtime_ns
    except OSError as error:
        raise ShareFormatError("unreadable", reason=(error.strerror or type(error).__name__)[:80]) from error
    return parse_share(data), modified, hash(data)


@dataclass
class CohortTotals:
    """Running totals over the counted share documents: ``add`` one, or ``take_back`` one when a
    newer share of the same learner replaces it.

    Pairs are counted with ``Counter.update``, which counts in C: the report runs this on every
    file and must cost no more than parsing it.
    """

    learners: int = 0
    fingerprints: Counter[str] = field(default_factory=Counter)
    versions: Counter[str] = field(default_factory=Counter)
    study_days: list[int] = field(default_factory=list)
    ratings: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(lesson id, rating) → learners."""
    flags: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """(category, topic id) → [open, resolved, learners who flagged it]."""
    notes: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    """(category, topic id) → [(kind, text)], the opt-in notes."""
    quiz: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(quiz item id, first try outcome) → learners."""
    wrong_choices: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(quiz item id, wrong choice id) → learners who picked it on their first try."""
    tried: Counter[str] = field(default_factory=Counter)
    """Exercise id → learners who checked an answer."""
    solved: Counter[str] = field(default_factory=Counter)
    """Exercise id → learners who got it right at least once."""
    outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(exercise id, outcome) → checks."""
    mistakes: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(exercise id, mistake id) → times named."""
    mastery: dict[tuple[str, ...], list[tuple[float, ...]]] = field(default_factory=dict)
    """The topics of a share's mastery table → each learner's values for them, in that order.

    Kept as one tuple per learner (learners of one course share the topics), so adding a share
    is two tuple copies made in C instead of a Python step per topic; ``mastery_by_topic``
    regroups them once, for the report."""

    def add(self, document: dict[str, Any]) -> None:
        """Count one checked share document."""
        self.learners += 1
        course = document["course"]
        self.fingerprints[course["fingerprint"]] += 1
        self.versions[course["version"]] += 1
        self.study_days.append(document["study_days"])
        self.ratings.update(document["lessons"].items())
        self.quiz.update(document["quiz"].items())
        self.wrong_choices.update(document["quiz_wrong_choice"].items())
        table = document["mastery"]
        if table:
            topics = tuple(table)
            rows = self.mastery.get(topics)
            if rows is None:
                rows = self.mastery[topics] = []
            rows.append(tuple(table.values()))
        if document["flags"] or document["notes"]:
            self._add_flags(document["flags"], document["notes"], 1)
        self._add_exercises(document["exercises"], document["exercise_mistakes"], 1)

    def take_back(self, document: dict[str, Any]) -> None:
        """Uncount a document added earlier (a newer share of the same learner replaces it)."""
        self.learners -= 1
        course = document["course"]
        self.fingerprints[course["fingerprint"]] -= 1
        self.versions[course["version"]] -= 1
        self.study_days.remove(document["study_days"])
        self.ratings.subtract(document["lessons"].items())
        self.quiz.subtract(document["quiz"].items())
        self.wrong_choices.subtract(document["quiz_wrong_choice"].items())
        table = document["mastery"]
        if table:
            self.mastery[tuple(table)].remove(tuple(table.values()))
        self._add_flags(document["flags"], document["notes"], -1)
        self._add_exercises(document["exercises"], document["exercise_mistakes"], -1)

    def mastery_by_topic(self) -> dict[str, list[float]]:
        """Topic id → every learner's mastery of it."""
        by_topic: dict[str, list[float]] = {}
        for topics, rows in self.mastery.items():
            for topic, values in zip(topics, zip(*rows, strict=True), strict=True) if rows else ():
                by_topic.setdefault(topic, []).extend(values)
        return by_topic

    def _add_flags(self, flags: dict[str, Any], notes: list[dict[str, str]], sign: int) -> None:
        """Flag counts and opt-in notes of one document."""
        totals = self.flags
        for topic, by_category in flags.items():
            for category, counts in by_category.items():
                total = totals.get((category, topic))
                if total is None:
                    total = totals[(category, topic)] = [0, 0, 0]
                total[0] += sign * counts["open"]
                total[1] += sign * counts["resolved"]
                total[2] += sign if counts["open"] or counts["resolved"] else 0
        for note in notes:
            _collect(self.notes.setdefault((note["category"], note["topic"]), []), (note["kind"], note["text"]), sign)

    def _add_exercises(self, outcomes: dict[str, dict[str, int]], mistakes: dict[str, dict[str, int]],
                       sign: int) -> None:
        """Exercise outcomes and named mistakes of one document."""
        tried, solved, totals = self.tried, self.solved, self.outcomes
        for exercise, counts in outcomes.items():
            if any(counts.values()):
                tried[exercise] += sign
                if counts.get("correct"):
                    solved[exercise] += sign
                for outcome, checks in counts.items():
                    totals[exercise, outcome] += sign * checks
        named = self.mistakes
        for exercise, counts in mistakes.items():
            for mistake, times in counts.items():
                named[exercise, mistake] += sign * times


def _collect(values: list[Any], value: Any, sign: int) -> None:
    """Append ``value``, or (``sign`` -1) remove one occurrence of it."""
    if sign > 0:
        values.append(value)
    else:
        values.remove(value)


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
            document, modified, content_hash = read_share_file(path)
        except ShareFormatError as error:
            skipped.append(SkippedFile(str(path), error.refusal))
            continue
        found = document["course"]["id"]
        if found != course_id:
            refusal = Refusal("other_course", (("course", found), ("expected", course_id)))
            skipped.append(SkippedFile(str(path), refusal))
            continue
        share = CountedShare((document["shared_on"], modified, str(path)), path, content_hash)
        earlier = counted.get(document["learner"])
        if earlier is not None and earlier.newer_key >= share.newer_key:
            skipped.append(SkippedFile(str(path), Refusal("repeated", (("newer", str(earlier.path)),))))
            continue
        if earlier is not None:
            totals.take_back(_reread(earlier))
            skipped.append(SkippedFile(str(earlier.path), Refusal("repeated", (("newer", str(path)),))))
        totals.add(document)
        counted[document["learner"]] = share
    return totals, skipped


def _reread(share: CountedShare) -> dict[str, Any]:
    """The document of an already counted share, read again (``CohortFileChangedError`` when the
    file is no longer what was counted)."""
    try:
        document, _, content_hash = read_share_file(share.path)
    except ShareFormatError as error:
        raise CohortFileChangedError(str(share.path)) from error
    if content_hash != share.content_hash:
        raise CohortFileChangedError(str(share.path))
    return document


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
    for (lesson, rating), learners in totals.ratings.items():
        if learners:
            ratings.setdefault(lesson, dict.fromkeys(RATINGS, 0))[rating] = learners
    return CohortReport(
        course_id=course_id,
        learners=totals.learners,
        skipped=skipped,
        fingerprints=_most_first(totals.fingerprints),
        versions=_most_first(totals.versions),
        study_days_median=float(statistics.median(totals.study_days)) if totals.study_days else 0.0,
        lessons=[{"lesson": lesson, **ratings[lesson]} for lesson in _in_order(ratings, lesson_order)],
        flagged_topics=_flagged(totals, topic_order),
        hardest_quiz=_hardest(totals),
        exercises=_exercise_rows(totals),
        mastery=_mastery_rows(totals, topic_order),
    )


def _most_first(counts: Mapping[str, int]) -> dict[str, int]:
    """The non-zero ``counts``, largest first (ties in key order)."""
    return dict(sorted(((key, count) for key, count in counts.items() if count), key=lambda pair: (-pair[1], pair[0])))


def _flagged(totals: CohortTotals, topic_order: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Per category, the flagged topics, most flagged first, each with its opt-in notes."""
    position = {topic: index for index, topic in enumerate(topic_order)}
    by_category: dict[str, list[dict[str, Any]]] = {category: [] for category in FLAG_CATEGORIES}
    for (category, topic), (open_count, resolved, learners) in totals.flags.items():
        if not open_count and not resolved:
            continue
        notes = [{"kind": kind, "text": text} for kind, text in totals.notes.get((category, topic), [])]
        by_category[category].append({"topic": topic, "open": open_count, "resolved": resolved,
                                      "learners": learners, "notes": notes})
    for rows in by_category.values():
        rows.sort(key=lambda row: (-(row["open"] + row["resolved"]), position.get(row["topic"], len(position)),
                                   row["topic"]))
    return by_category


def _hardest(totals: CohortTotals) -> list[dict[str, Any]]:
    """Every quiz item tried, lowest first-try correct rate first (more tries first on a tie),
    with its wrong choices most picked first."""
    tries: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for (item, outcome), learners in totals.quiz.items():
        tries[item] += learners
        if outcome == "correct":
            correct[item] += learners
    wrong: dict[str, dict[str, int]] = {}
    for (item, choice), learners in totals.wrong_choices.items():
        wrong.setdefault(item, {})[choice] = learners
    rows: list[dict[str, Any]] = []
    for item, n in tries.items():
        if n:
            choices = _most_first(wrong.get(item, {}))
            rows.append({"item": item, "n": n, "correct": correct[item], "rate": round(correct[item] / n, 4),
                         "wrong_choices": [{"choice": choice, "count": count} for choice, count in choices.items()]})
    rows.sort(key=lambda row: (row["rate"], -row["n"], row["item"]))
    return rows


def _exercise_rows(totals: CohortTotals) -> list[dict[str, Any]]:
    """Every exercise tried: learners, how many solved it, outcomes, named mistakes by count;
    lowest solve rate first."""
    outcomes: dict[str, dict[str, int]] = {}
    for (exercise, outcome), checks in totals.outcomes.items():
        outcomes.setdefault(exercise, {})[outcome] = checks
    mistakes: dict[str, dict[str, int]] = {}
    for (exercise, mistake), times in totals.mistakes.items():
        mistakes.setdefault(exercise, {})[mistake] = times
    rows: list[dict[str, Any]] = []
    for exercise, learners in totals.tried.items():
        if learners:
            rows.append({
                "exercise": exercise, "learners": learners, "solved": totals.solved[exercise],
                "solve_rate": round(totals.solved[exercise] / learners, 4),
                "outcomes": _most_first(outcomes.get(exercise, {})),
                "mistakes": _most_first(mistakes.get(exercise, {})),
            })
    rows.sort(key=lambda row: (row["solve_rate"], -row["learners"], row["exercise"]))
    return rows


def _mastery_rows(totals: CohortTotals, topic_order: Sequence[str]) -> list[dict[str, Any]]:
    """Per topic: how many learners, the median mastery and its spread (quartiles, min, max)."""
    rows: list[dict[str, Any]] = []
    by_topic = totals.mastery_by_topic()
    for topic in _in_order([topic for topic, values in by_topic.items() if values], topic_order):
        values = sorted(by_topic[topic])
        low, high = (statistics.quantiles(values, n=4, method="inclusive")[::2] if len(values) > 1
                     else (values[0], values[0]))
        rows.append({"topic": topic, "learners": len(values), "median": round(statistics.median(values), 4),
                     "q1": round(low, 4), "q3": round(high, 4), "min": round(values[0], 4),
                     "max": round(values[-1], 4)})
    return rows


def cohort_report(
    paths: Iterable[Path], course_id: str, lesson_order: Sequence[str] = (), topic_order: Sequence[str] = ()
) -> tuple[CohortReport, list[SkippedFile]]:
    """Read every share file of ``paths`` and report on the learners of course ``course_id``."""
    totals, skipped = count_shares(paths, course_id)
    return build_report(totals, course_id, len(skipped), lesson_order, topic_order), skipped
