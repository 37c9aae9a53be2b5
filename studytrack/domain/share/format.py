"""The share file: its format name and version, its limits, and the check every file read from
disk goes through before it is trusted.

A share file is untrusted input (it travels by e-mail or a shared folder): ``parse_share`` reads
at most ``MAX_FILE_BYTES``, checks every field's type and range, and either returns the document
or says in one phrase why it is refused. Nothing in it is ever executed or interpreted as markup.
The format is documented in the README and ``docs/share-format.schema.json``.
"""

from __future__ import annotations

import errno
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

FIRST_TRY = tuple(GRADED_OUTCOMES)
"""How the first real try at a quiz item went."""

EXERCISE_OUTCOMES = choices(Outcome)
"""What an exercise check can say (as the ``exercise_attempts`` table)."""

NOTE_KINDS = ("flag", "clicked")
"""A flag's own note, or the "what made it click" note written when it was resolved."""

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:#-]{0,119}")
"""A stable id (lesson, topic, quiz item, exercise, mistake): short, no spaces, no markup."""

ID_LIST_PATTERN = re.compile(rf"(?:{ID_PATTERN.pattern}\n)*")
"""Many ids, each followed by a newline: a whole table's keys checked in one match."""

FINGERPRINT_PATTERN = re.compile(r"[0-9a-f]{64}")
"""A course fingerprint: a SHA-256 digest as hex."""

KNOWN_IDS_LIMIT = 100_000
"""How many ids already found valid are remembered (a class's files share the course's ids, so
each id is matched once; the limit keeps hostile files from growing the memory)."""

_known_ids: set[str] = set()
"""Ids already matched against ``ID_PATTERN`` (at most ``KNOWN_IDS_LIMIT``), not matched again."""

LEARNER_PATTERN = re.compile(r"[0-9a-f]{32}")
"""The random cohort-local learner id: 128 bits as hex."""

DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
"""``shared_on``: a date, never a time of day."""

TOP_LEVEL_KEYS = frozenset(
    ("format", "format_version", "learner", "shared_on", "course", "study_days", "lessons", "mastery", "flags",
     "quiz", "quiz_wrong_choice", "exercises", "exercise_mistakes", "notes")
)
"""Every key of a share file, and no other."""

_RATING_SET = frozenset(RATINGS)
_CATEGORY_SET = frozenset(FLAG_CATEGORIES)
_FIRST_TRY_SET = frozenset(FIRST_TRY)
_OUTCOME_SET = frozenset(EXERCISE_OUTCOMES)
_FLAG_COUNT_KEYS = frozenset(("open", "resolved"))
_NOTE_KEYS = frozenset(("topic", "category", "kind", "text"))
_COURSE_KEYS = frozenset(("id", "fingerprint", "version"))
_INT = frozenset((int,))
_NUMBER_TYPES = frozenset((int, float))


@dataclass(frozen=True)
class Refusal:
    """Why a file is not read as a share file: a reason key (``domain.share.format`` texts) and
    its fields."""

    key: str
    fields: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        """The reason in ``lang``."""
        return TEXT(self.key, lang, **dict(self.fields))


class ShareFormatError(ValueError):
    """A share file breaks the format; ``refusal`` says how."""

    def __init__(self, key: str, **fields: str):
        super().__init__(key)
        self.refusal = Refusal(key, tuple(fields.items()))


def parse_share(data: bytes) -> dict[str, Any]:
    """The share document in ``data`` (a file's bytes), checked; ``ShareFormatError`` when the
    bytes are too many, not JSON, not a share file, of a newer format, or hold a bad field."""
    if len(data) > MAX_FILE_BYTES:
        raise ShareFormatError("too_big", limit=str(MAX_FILE_BYTES))
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise ShareFormatError("not_json") from error
    check_share(document)
    return document  # type: ignore[no-any-return]


def check_share(document: Any) -> None:
    """Refuse (``ShareFormatError``) anything that is not a share document of this format.

    The checks work table by table (set and min/max operations rather than a Python loop per
    value where they can): the cohort report runs them on every file it reads.
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
    if type(shared_on) is not str or not DAY_PATTERN.fullmatch(shared_on):
        raise ShareFormatError("bad_field", field="shared_on")
    _check_course(document["course"])
    if type(document["study_days"]) is not int or not 0 <= document["study_days"] <= MAX_STUDY_DAYS:
        raise ShareFormatError("bad_field", field="study_days")
    try:
        _check_tables(document)
    except (TypeError, OverflowError) as error:  # a list where a text belongs; a number beyond floats
        raise ShareFormatError("bad_field", field="type") from error
    _check_notes(document["notes"])


def _odd_key(document: dict[str, Any]) -> str:
    """The first key that is missing or unexpected (for the refusal's message)."""
    missing = sorted(TOP_LEVEL_KEYS - document.keys())
    extra = sorted(str(key) for key in document.keys() - TOP_LEVEL_KEYS)
    return (missing or extra or ["format_version"])[0][:40]


def _check_course(course: Any) -> None:
    """``{"id", "fingerprint", "version"}``: an id, a sha-256 hex digest, a short version text."""
    if type(course) is not dict or course.keys() != _COURSE_KEYS:
        raise ShareFormatError("bad_field", field="course")
    course_id, fingerprint, version = course["id"], course["fingerprint"], course["version"]
    if type(course_id) is not str or not ID_PATTERN.fullmatch(course_id):
        raise ShareFormatError("bad_field", field="course.id")
    if type(fingerprint) is not str or not FINGERPRINT_PATTERN.fullmatch(fingerprint):
        raise ShareFormatError("bad_field", field="course.fingerprint")
    if type(version) is not str or len(version) > 40:
        raise ShareFormatError("bad_field", field="course.version")


def _check_tables(document: dict[str, Any]) -> None:
    """Lessons, mastery, flags, quiz and exercise tables (``TypeError`` for an unhashable value).

    Every id of every table (and every inner id) is joined and matched once.
    """
    tables = [document[name] for name in ("lessons", "mastery", "flags", "quiz", "quiz_wrong_choice",
                                           "exercises", "exercise_mistakes")]
    if {type(table) for table in tables} != {dict} or max(len(table) for table in tables) > MAX_ENTRIES:
        raise ShareFormatError("bad_field", field="tables")
    lessons, mastery, flags, quiz, wrong, exercises, mistakes = tables
    inner = [*flags.values(), *exercises.values(), *mistakes.values()]
    if {type(table) for table in inner} - {dict}:
        raise ShareFormatError("bad_field", field="tables")
    mistake_tables = mistakes.values()
    ids = [*lessons, *mastery, *flags, *quiz, *wrong, *wrong.values(), *exercises, *mistakes,
           *(key for table in mistake_tables for key in table)]
    if not _known_ids.issuperset(ids):
        unknown = [found for found in ids if found not in _known_ids]
        if not ID_LIST_PATTERN.fullmatch("\n".join(unknown) + "\n"):
            raise ShareFormatError("bad_field", field="ids")
        if len(_known_ids) < KNOWN_IDS_LIMIT:
            _known_ids.update(unknown)
    if not _RATING_SET.issuperset(lessons.values()):
        raise ShareFormatError("bad_field", field="lessons")
    values = mastery.values()
    if values and ({type(value) for value in values} - _NUMBER_TYPES or not math.isfinite(sum(values))
                   or min(values) < 0 or max(values) > 1):
        raise ShareFormatError("bad_field", field="mastery")
    if not _FIRST_TRY_SET.issuperset(quiz.values()) or any(quiz.get(item) != "incorrect" for item in wrong):
        raise ShareFormatError("bad_field", field="quiz")
    pairs = [pair for by_category in flags.values() for pair in by_category.values()]
    if not _CATEGORY_SET.issuperset(category for by_category in flags.values() for category in by_category):
        raise ShareFormatError("bad_field", field="flags")
    if any(type(pair) is not dict or pair.keys() != _FLAG_COUNT_KEYS for pair in pairs):
        raise ShareFormatError("bad_field", field="flags")
    if not _OUTCOME_SET.issuperset(outcome for table in exercises.values() for outcome in table):
        raise ShareFormatError("bad_field", field="exercises")
    counts = [count for table in (*pairs, *exercises.values(), *mistake_tables) for count in table.values()]
    if counts and ({type(count) for count in counts} != _INT or min(counts) < 0 or max(counts) > MAX_COUNT):
        raise ShareFormatError("bad_field", field="counts")


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
        if note["category"] not in FLAG_CATEGORIES or note["kind"] not in NOTE_KINDS:
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
