"""The export file (``studytrack export``): JSON Lines that carry the learner's whole record.

Line 1 is the header (format name and version, the studytrack version, ``exported_at``); then one
record a line, each with its ``type``; the last line is the end line with the number of records and
the SHA-256 of the record lines, so a file cut short or changed by hand is refused whole. Records
name each other by global id (``uid``), never by a database's own row number, so the same record
reads the same on every machine. Documented for people in the README and for programs in
``docs/export-format.schema.json``.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

FORMAT_NAME = "studytrack-export"
"""The header's ``format``."""

FORMAT_VERSION = 1
"""The header's ``format_version``; a file with a newer one is refused."""

Record = dict[str, Any]
"""One exported record: ``type`` and its fields (``RECORD_FIELDS``)."""

TEXT, OPT_TEXT, INT, OPT_INT, OPT_NUMBER = "text", "text?", "int", "int?", "number?"

RECORD_FIELDS: dict[str, dict[str, str]] = {
    "deletion": {"uid": TEXT, "record": TEXT, "deleted_at": TEXT},
    "setting": {"uid": TEXT, "key": TEXT, "value": TEXT, "changed_at": TEXT},
    "goal": {"uid": TEXT, "text": TEXT, "created_at": TEXT},
    "checkin": {"uid": TEXT, "day": TEXT, "condition": TEXT, "created_at": TEXT},
    "rating": {"uid": TEXT, "lesson_id": TEXT, "rating": TEXT, "created_at": TEXT},
    "break": {"uid": TEXT, "start_day": TEXT, "end_day": TEXT, "created_at": TEXT},
    "flag": {"uid": TEXT, "topic_id": TEXT, "category": TEXT, "note": TEXT, "created_at": TEXT,
             "resolved_at": OPT_TEXT, "resolution_note": OPT_TEXT, "edited_at": OPT_TEXT},
    "attempt": {"uid": TEXT, "item_id": TEXT, "topic_id": TEXT, "answer": TEXT, "outcome": TEXT,
                "seconds": OPT_NUMBER, "created_at": TEXT},
    "exercise_attempt": {"uid": TEXT, "exercise_id": TEXT, "seed": INT, "difficulty": TEXT, "answers": TEXT,
                         "outcome": TEXT, "seconds": OPT_NUMBER, "created_at": TEXT},
    "review": {"uid": TEXT, "kind": TEXT, "item_id": OPT_TEXT, "topic_id": TEXT, "flag": OPT_TEXT,
               "rating": OPT_INT, "outcome": TEXT, "seconds": OPT_NUMBER, "elapsed_days": OPT_NUMBER,
               "note": OPT_TEXT, "attempt": OPT_TEXT, "previous": OPT_TEXT, "created_at": TEXT},
    "card": {"item_id": TEXT, "topic_id": TEXT, "state": INT, "step": OPT_INT, "stability": OPT_NUMBER,
             "difficulty": OPT_NUMBER, "due": TEXT, "last_review": OPT_TEXT, "reps": INT, "lapses": INT,
             "created_at": TEXT},
}
"""Every record type, in the order they are written, and its fields with their kind of value.
A ``deletion`` says the record ``uid`` of type ``record`` was deleted (a flag deleted, a break
cancelled, an entry undone): an import deletes it too and never adds it again. A review's
``flag`` and ``attempt`` are the global ids of the flag it revisited and the quiz attempt it
graded; a flag's notes travel in the flag and in its ``review`` entries of kind ``flag``; a
flag's ``edited_at`` is when its topic, category or note last changed (the later edit wins)."""


class ExportFormatError(ValueError):
    """The file is not a complete, unchanged studytrack export; ``line`` is where it breaks."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


class NewerFormatError(ValueError):
    """The file was written in a newer format version than this studytrack reads."""

    def __init__(self, version: object) -> None:
        super().__init__(f"format version {version}")
        self.version = version


@dataclass(frozen=True)
class ParsedExport:
    """A read export: the header and the records, each with the line it came from."""

    header: Record
    records: list[tuple[int, Record]]


def header_line(studytrack_version: str, exported_at: str) -> str:
    """The first line of an export."""
    return encode_line({"format": FORMAT_NAME, "format_version": FORMAT_VERSION,
                        "studytrack_version": studytrack_version, "exported_at": exported_at})


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
"""The one encoder of every line (``json.dumps`` with options would build one per line)."""


def encode_line(record: Record) -> str:
    """One record as its line (without the newline): compact JSON, keys in a fixed order."""
    return _ENCODER.encode(record)


def record_lines(records: Iterable[Record]) -> Iterator[str]:
    """The record lines of ``records`` followed by the end line (count and checksum)."""
    digest = hashlib.sha256()
    count = 0
    for record in records:
        line = encode_line(record)
        digest.update(line.encode("utf-8") + b"\n")
        count += 1
        yield line
    yield encode_line({"type": "end", "records": count, "sha256": digest.hexdigest()})


def parse_export(lines: Iterable[str]) -> ParsedExport:
    """Read an export's lines whole; ``ExportFormatError`` naming the first bad line, or
    ``NewerFormatError`` for a file of a newer format version."""
    records: list[tuple[int, Record]] = []
    header = read_export(lines, lambda number, record: records.append((number, record)))
    return ParsedExport(header, records)


def read_export(lines: Iterable[str], on_record: Callable[[int, Record], None]) -> Record:
    """Read an export's lines one by one, handing each checked record to ``on_record`` with its
    line number; returns the header. ``ExportFormatError`` naming the first bad line (the records
    before it were already handed on: the caller's transaction must roll them back), or
    ``NewerFormatError`` for a file of a newer format version."""
    header: Record | None = None
    count = 0
    digest = hashlib.sha256()
    number = 0
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        value = _decode(number, line)
        if header is None:
            header = _check_header(number, value)
            continue
        if value.get("type") == "end":
            _check_end(number, value, count, digest.hexdigest())
            return header
        on_record(number, check_record(number, value))
        count += 1
        digest.update(line.encode("utf-8") + b"\n")
    if header is None:
        raise ExportFormatError(max(number, 1), "empty file: no header line")
    raise ExportFormatError(number + 1, "the file ends early: no end line (truncated?)")


def check_record(number: int, value: Record) -> Record:
    """``value`` when it is a well-formed record; ``ExportFormatError`` naming line ``number``."""
    record_type = value.get("type")
    if not isinstance(record_type, str) or record_type not in RECORD_FIELDS:
        raise ExportFormatError(number, f"unknown record type {record_type!r}")
    keys, checks = _CHECKS[record_type]
    if value.keys() != keys:
        fields, names = set(RECORD_FIELDS[record_type]), set(value) - {"type"}
        missing, extra = sorted(fields - names), sorted(names - fields)
        raise ExportFormatError(number, f"{record_type} record: missing {missing}, unexpected {extra}")
    for name, types, nullable in checks:
        field_value = value[name]
        if field_value is None:
            if nullable:
                continue
        elif field_value.__class__ is not bool and isinstance(field_value, types):
            continue
        raise ExportFormatError(number, f"{record_type} record: {name} is not {RECORD_FIELDS[record_type][name]}")
    return value


def _decode(number: int, line: str) -> Record:
    """One line's JSON object."""
    try:
        value = json.loads(line)
    except ValueError as error:
        raise ExportFormatError(number, f"not JSON ({error.args[0] if error.args else error})") from error
    if not isinstance(value, dict):
        raise ExportFormatError(number, "not a JSON object")
    return value


def _check_header(number: int, value: Record) -> Record:
    """The header, when it is one this studytrack reads."""
    if value.get("format") != FORMAT_NAME:
        raise ExportFormatError(number, f"not a studytrack export (no \"format\": \"{FORMAT_NAME}\" header)")
    version = value.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExportFormatError(number, "the header's format_version is not a positive whole number")
    if version > FORMAT_VERSION:
        raise NewerFormatError(version)
    return value


def _check_end(number: int, value: Record, count: int, checksum: str) -> None:
    """The end line must match what was read (no record lost, none changed)."""
    if value.get("records") != count:
        raise ExportFormatError(number, f"the end line counts {value.get('records')} records, the file has {count}")
    if value.get("sha256") != checksum:
        raise ExportFormatError(number, "the records were changed after the export (checksum differs)")


_VALUE_TYPES: dict[str, tuple[type, ...]] = {TEXT: (str,), INT: (int,), "number": (int, float)}
"""The Python types of each kind of value (never ``bool``, though it is an ``int``)."""

_CHECKS: dict[str, tuple[frozenset[str], tuple[tuple[str, tuple[type, ...], bool], ...]]] = {
    record_type: (
        frozenset({"type", *fields}),
        tuple((name, _VALUE_TYPES[kind.rstrip("?")], kind.endswith("?")) for name, kind in fields.items()),
    )
    for record_type, fields in RECORD_FIELDS.items()
}
"""Per record type, worked out once from ``RECORD_FIELDS``: the keys a record has, and each
field's name, value types and whether it may be null (``check_record`` runs per line)."""
