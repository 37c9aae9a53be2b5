"""The share file: its format name and version, its limits, and the check every file read from
disk goes through before it is trusted.

A share file is untrusted input (it travels by e-mail or a shared folder): ``parse_share`` reads
at most ``MAX_FILE_BYTES``, checks every field's type and range, and either returns the document
or refuses it with a ``Message`` saying in one phrase why (the caller words it in the reader's
language). Nothing in it is ever executed or interpreted as markup. The format is documented in
the README and ``docs/share-format.schema.json``.
"""

from __future__ import annotations

import errno
import json
import math
import re
from collections.abc import Callable, Collection, Hashable
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from studytrack.domain.messages import Message
from studytrack.i18n import Catalog
from studytrack.vocabulary import GRADED_OUTCOMES, FlagCategory, LessonVerdict, Outcome, choices

TEXT = Catalog("domain.share.format")

FORMAT_NAME = "studytrack-share"
"""The value of every share file's ``format`` field."""

FORMAT_VERSION = 1
"""The version of the layout this studytrack writes and reads; a newer one is skipped, not guessed."""

MAX_FILE_BYTES = 1_000_000
"""The largest share file read; a bigger one is skipped unread (a real one is a few kilobytes)."""

MAX_COUNT = 1_000_000
"""The largest count a share file may hold (attempts of one exercise, flags of one category)."""

MAX_STUDY_DAYS = 36_600
"""At most a hundred years of study days."""

MAX_ENTRIES = 5_000
"""The most lessons, topics, quiz items or exercises one file may list."""

MAX_NOTES = 500
"""The most notes one file may carry."""

MAX_NOTE_LENGTH = 2_000
"""The longest note kept (in characters)."""

RATINGS = choices(LessonVerdict)
"""A lesson's rating, easiest first (as the ``lesson_ratings`` table)."""

FLAG_CATEGORIES = choices(FlagCategory)
"""What kind of confusion a flag is (as the ``flags`` table)."""

FIRST_TRY = tuple(outcome.value for outcome in GRADED_OUTCOMES)
"""How the first real try at a quiz item went."""

EXERCISE_OUTCOMES = choices(Outcome)
"""What an exercise check can say (as the ``exercise_attempts`` table)."""

NOTE_KINDS = ("flag", "clicked")
"""A flag's own note, or the "what made it click" note written when it was resolved."""

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:#-]{0,119}")
"""A stable id (lesson, topic, quiz item, exercise, mistake): short, no spaces, no markup."""

FINGERPRINT_PATTERN = re.compile(r"[0-9a-f]{64}")
"""A course fingerprint: a SHA-256 digest as hex."""

LEARNER_PATTERN = re.compile(r"[0-9a-f]{32}")
"""The random cohort-local learner id: 128 bits as hex."""

DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
"""``shared_on``: a date, never a time of day."""

TOP_LEVEL_KEYS = frozenset(
    ("format", "format_version", "learner", "shared_on", "course", "study_days", "lessons", "mastery", "flags",
     "quiz", "quiz_wrong_choice", "exercises", "exercise_mistakes", "notes")
)
"""Every key of a share file, and no other."""

TABLES = ("lessons", "mastery", "flags", "quiz", "quiz_wrong_choice", "exercises", "exercise_mistakes")
"""The tables keyed by stable ids, in the order ``_check_tables`` unpacks them."""

_tables_of = itemgetter(*TABLES)
_RATING_SET = frozenset(RATINGS)
_CATEGORY_SET = frozenset(FLAG_CATEGORIES)
_FIRST_TRY_SET = frozenset(FIRST_TRY)
_INCORRECT_ONLY = frozenset((Outcome.INCORRECT.value,))
_OUTCOME_SET = frozenset(EXERCISE_OUTCOMES)
_FLAG_COUNT_KEYS = frozenset(("open", "resolved"))
_NOTE_KEYS = frozenset(("topic", "category", "kind", "text"))
_NOTE_KIND_SET = frozenset(NOTE_KINDS)
_COURSE_KEYS = frozenset(("id", "fingerprint", "version"))
_DICT_ONLY = frozenset((dict,))
_INT_ONLY = frozenset((int,))
_NUMBER_TYPES = frozenset((int, float))


class Numbering:
    """The values one check has passed, each with a number given the first time it passes.

    A class's files repeat the course's ids and (id, word) pairs, so with one ``Numbering`` per
    report each is checked once, and checking a file's table is one lookup per entry; the numbers
    let the report count the pairs in a list. It holds what the files it checked hold, no more,
    and goes with its ``ShareChecker``.
    """

    def __init__(self, passes: Callable[[Any], bool], field: str) -> None:
        self._number: dict[Hashable, int] = {}
        self.values: list[Any] = []
        """The values passed, at their numbers."""
        self._passes = passes
        self._field = field

    def numbers(self, values: Collection[Any]) -> list[int]:
        """The numbers of ``values``; ``ShareFormatError`` when one fails the check (``TypeError``
        when one is unhashable)."""
        try:
            return [*map(self._number.__getitem__, values)]
        except KeyError:
            pass
        for value in values:
            if value not in self._number:
                if not self._passes(value):
                    raise ShareFormatError("bad_field", field=self._field)
                self._number[value] = len(self.values)
                self.values.append(value)
        return [*map(self._number.__getitem__, values)]

    def all_pass(self, values: Collection[Any]) -> None:
        """Refuse (``ShareFormatError``) ``values`` unless every one passes the check."""
        if not all(map(self._number.__contains__, values)):
            self.numbers(values)


def is_id(value: Any) -> bool:
    """Whether ``value`` is a stable id: a text matching ``ID_PATTERN``."""
    return type(value) is str and ID_PATTERN.fullmatch(value) is not None


def _is_rating(pair: tuple[Any, Any]) -> bool:
    """(lesson id, rating)."""
    return is_id(pair[0]) and pair[1] in _RATING_SET


def _is_first_try(pair: tuple[Any, Any]) -> bool:
    """(quiz item id, first try outcome)."""
    return is_id(pair[0]) and pair[1] in _FIRST_TRY_SET


def _is_day(text: str) -> bool:
    """``shared_on``: a date, never a time of day."""
    return DAY_PATTERN.fullmatch(text) is not None


def _is_id_pair(pair: tuple[Any, Any]) -> bool:
    """(quiz item id, wrong choice id)."""
    return is_id(pair[0]) and is_id(pair[1])


def _is_id_row(row: tuple[Any, ...]) -> bool:
    """A row of ids (a mastery table's topics)."""
    return all(map(is_id, row))


def _is_course(course: tuple[Any, Any, Any]) -> bool:
    """(course id, fingerprint, version); ``ShareFormatError`` naming the bad one."""
    course_id, fingerprint, version = course
    if not is_id(course_id):
        raise ShareFormatError("bad_field", field="course.id")
    if type(fingerprint) is not str or not FINGERPRINT_PATTERN.fullmatch(fingerprint):
        raise ShareFormatError("bad_field", field="course.fingerprint")
    if type(version) is not str or len(version) > 40:
        raise ShareFormatError("bad_field", field="course.version")
    return True


class ShareFormatError(ValueError):
    """A share file breaks the format; ``refusal`` says how (a ``domain.share.format`` message)."""

    def __init__(self, key: str, **fields: str):
        super().__init__(key)
        self.refusal = refusal(key, **fields)
        """Why the file is refused, for the caller to word in the reader's language."""


def refusal(key: str, **fields: str) -> Message:
    """A reason (``domain.share.format`` texts) a file is left out that is not about its format:
    another course, an older share of a learner."""
    return Message(TEXT, key, fields)


class CheckedShare(NamedTuple):
    """A share document that passed the checks, with the numbers its ``ShareChecker`` gave the
    entries of its big tables (the same entry has the same number in every file it checks)."""

    document: dict[str, Any]
    ratings: list[int]
    """The numbers of the (lesson id, rating) pairs: ``checker.ratings.values``."""
    first_tries: list[int]
    """The numbers of the (quiz item id, outcome) pairs: ``checker.first_tries.values``."""
    wrong_choices: list[int]
    """The numbers of the (quiz item id, wrong choice id) pairs: ``checker.wrong_choices.values``."""
    topics: int
    """The number of the mastery table's row of topic ids (``checker.topic_rows.values``)."""
    mastery: tuple[float, ...]
    """The mastery values, in the order of those topics."""
    course: int
    """The number of the (course id, fingerprint, version) triple: ``checker.courses.values``."""


class ShareChecker:
    """The checks a share file goes through before it is trusted, remembering what passed.

    ``check_share`` uses a fresh one for a single document; the cohort report uses one for all its
    files, so the ids and pairs the class's files share are checked once (see ``Numbering``).
    """

    def __init__(self) -> None:
        self.ratings = Numbering(_is_rating, "lessons")
        self.first_tries = Numbering(_is_first_try, "quiz")
        self.wrong_choices = Numbering(_is_id_pair, "quiz_wrong_choice")
        self.topic_rows = Numbering(_is_id_row, "mastery")
        self._ids = Numbering(is_id, "ids")
        self.courses = Numbering(_is_course, "course")
        self._days = Numbering(_is_day, "shared_on")

    def parse(self, data: bytes) -> CheckedShare:
        """The share document in ``data`` (a file's bytes), checked; ``ShareFormatError`` when the
        bytes are too many, not JSON, not a share file, of a newer format, or hold a bad field."""
        if len(data) > MAX_FILE_BYTES:
            raise ShareFormatError("too_big", limit=str(MAX_FILE_BYTES))
        try:
            document = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise ShareFormatError("not_json") from error
        return self.check(document)

    def check(self, document: Any) -> CheckedShare:
        """``document`` with its numbers, or ``ShareFormatError`` when it is not a share document
        of this format.

        The cohort report runs this on every file it reads, so each table is checked with a few
        passes made in C (a lookup per entry, set inclusion, ``min``/``max``) rather than a Python
        step per value; a value of the wrong type makes one raise ``TypeError``, a bad field.
        """
        if type(document) is not dict or document.get("format") != FORMAT_NAME:
            raise ShareFormatError("not_share")
        version = document.get("format_version")
        if type(version) is not int:
            raise ShareFormatError("bad_field", field="format_version")
        if version > FORMAT_VERSION:
            raise ShareFormatError("newer", version=str(version), supported=str(FORMAT_VERSION))
        if version < 1 or document.keys() != TOP_LEVEL_KEYS:
            raise ShareFormatError("bad_field", field=_odd_key(document))
        learner = document["learner"]
        if type(learner) is not str or not LEARNER_PATTERN.fullmatch(learner):
            raise ShareFormatError("bad_field", field="learner")
        shared_on = document["shared_on"]
        if type(shared_on) is not str:
            raise ShareFormatError("bad_field", field="shared_on")
        self._days.all_pass((shared_on,))
        if type(document["study_days"]) is not int or not 0 <= document["study_days"] <= MAX_STUDY_DAYS:
            raise ShareFormatError("bad_field", field="study_days")
        try:
            course_number = self._check_course(document["course"])
            checked = self._check_tables(document, course_number)
            _check_notes(document["notes"])
        except (TypeError, OverflowError) as error:  # a list where a text belongs; a number beyond floats
            raise ShareFormatError("bad_field", field="type") from error
        return checked

    def _check_course(self, course: Any) -> int:
        """``{"id", "fingerprint", "version"}``: an id, a sha-256 hex digest, a short version text;
        the number of the three."""
        if type(course) is not dict or course.keys() != _COURSE_KEYS:
            raise ShareFormatError("bad_field", field="course")
        (number,) = self.courses.numbers(((course["id"], course["fingerprint"], course["version"]),))
        return number

    def _check_tables(self, document: dict[str, Any], course: int) -> CheckedShare:
        """Lessons, mastery, flags, quiz and exercise tables: ids, the words they use, the counts."""
        tables = _tables_of(document)
        if not _DICT_ONLY.issuperset(map(type, tables)) or max(map(len, tables)) > MAX_ENTRIES:
            raise ShareFormatError("bad_field", field="tables")
        lessons, mastery, flags, quiz, wrong, exercises, mistakes = tables
        ratings = self.ratings.numbers(lessons.items())
        first_tries = self.first_tries.numbers(quiz.items())
        wrong_choices = self.wrong_choices.numbers(wrong.items())
        if not _INCORRECT_ONLY.issuperset(map(quiz.get, wrong)):
            raise ShareFormatError("bad_field", field="quiz_wrong_choice")
        (topics,) = self.topic_rows.numbers((tuple(mastery),))
        values = tuple(mastery.values())
        if values and (not _NUMBER_TYPES.issuperset(map(type, values)) or min(values) < 0 or max(values) > 1
                       or not math.isfinite(sum(values))):
            raise ShareFormatError("bad_field", field="mastery")
        self._ids.all_pass([*flags, *exercises, *mistakes])
        counts = _flag_counts(flags)
        for outcomes in exercises.values():
            if type(outcomes) is not dict or not _OUTCOME_SET.issuperset(outcomes):
                raise ShareFormatError("bad_field", field="exercises")
            counts += outcomes.values()
        for named in mistakes.values():
            if type(named) is not dict:
                raise ShareFormatError("bad_field", field="exercise_mistakes")
            self._ids.all_pass(named.keys())
            counts += named.values()
        if counts and (not _INT_ONLY.issuperset(map(type, counts)) or min(counts) < 0 or max(counts) > MAX_COUNT):
            raise ShareFormatError("bad_field", field="counts")
        return CheckedShare(document, ratings, first_tries, wrong_choices, topics, values, course)


def parse_share(data: bytes) -> dict[str, Any]:
    """The share document in ``data`` (a file's bytes), checked (``ShareChecker.parse``)."""
    return ShareChecker().parse(data).document


def check_share(document: Any) -> None:
    """Refuse (``ShareFormatError``) anything that is not a share document of this format."""
    ShareChecker().check(document)


def _odd_key(document: dict[str, Any]) -> str:
    """The first key that is missing or unexpected (for the refusal's message)."""
    missing = sorted(TOP_LEVEL_KEYS - document.keys())
    extra = sorted(str(key) for key in document.keys() - TOP_LEVEL_KEYS)
    found = (missing or extra or ["format_version"])[0][:40]
    return "".join(character if character.isprintable() else "?" for character in found)


def _flag_counts(flags: dict[str, Any]) -> list[Any]:
    """The open and resolved counts of a flags table (topic → category → ``{"open", "resolved"}``),
    its shape and categories checked."""
    counts: list[Any] = []
    for by_category in flags.values():
        if type(by_category) is not dict or not _CATEGORY_SET.issuperset(by_category):
            raise ShareFormatError("bad_field", field="flags")
        for pair in by_category.values():
            if type(pair) is not dict or pair.keys() != _FLAG_COUNT_KEYS:
                raise ShareFormatError("bad_field", field="flags")
            counts += pair.values()
    return counts


def _check_notes(notes: Any) -> None:
    """At most ``MAX_NOTES`` ``{"topic", "category", "kind", "text"}`` notes (opt-in)."""
    if type(notes) is not list or len(notes) > MAX_NOTES:
        raise ShareFormatError("bad_field", field="notes")
    for note in notes:
        if type(note) is not dict or note.keys() != _NOTE_KEYS:
            raise ShareFormatError("bad_field", field="notes")
        topic, text = note["topic"], note["text"]
        if type(topic) is not str or not ID_PATTERN.fullmatch(topic):
            raise ShareFormatError("bad_field", field="notes.topic")
        if note["category"] not in _CATEGORY_SET or note["kind"] not in _NOTE_KIND_SET:
            raise ShareFormatError("bad_field", field="notes")
        if type(text) is not str or not 0 < len(text) <= MAX_NOTE_LENGTH:
            raise ShareFormatError("bad_field", field="notes.text")


def default_share_name(learner_id: str) -> str:
    """The file name a share gets when none is given: named by the first digits of the random id,
    so two learners' files in one folder do not collide."""
    return f"studytrack-share-{learner_id[:8]}.json"


def share_json(document: dict[str, Any]) -> str:
    """A share document as the file holds it: UTF-8 JSON, keys in a fixed order, one trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, so a reader never sees half
    a file and a failed write leaves the old one as it was."""
    if not path.name or path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file name", str(path))
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
