"""What every ``studytrack`` command shares: the session it works on, JSON output, days told in
the learner's words, and messages kept to one printable line."""

import json
import os
from collections.abc import Sequence
from datetime import date

import click

from studytrack.i18n import Catalog
from studytrack.session import Session

pass_session = click.make_pass_decorator(Session)
"""Gives a command the shared ``Session``."""

TEXT = Catalog("cli.common")

CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
"""How the common control characters are written inside a one-line message."""


def echo_json(document: object) -> None:
    """Print one JSON document on stdout, and nothing else."""
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def one_line(text: str) -> str:
    """``text`` as one printable line: surrounding space trimmed, control characters (a newline
    in an echoed value, an escape sequence) written as escapes, so an error never spans lines or
    moves the cursor."""
    return "".join(
        CONTROL_ESCAPES.get(char, f"\\x{ord(char):02x}")
        if (ord(char) < 32 or 0x7F <= ord(char) < 0xA0) else char
        for char in text.strip()
    )


def day_words(day: date, today: date, lang: str) -> str:
    """Study day ``day`` as a person says it, seen from ``today``: "today", "yesterday",
    "3 days ago", "in 2 days", or the date itself further away."""
    offset = (today - day).days
    if offset == 0:
        return TEXT("today", lang)
    if offset == 1:
        return TEXT("yesterday", lang)
    if offset == -1:
        return TEXT("tomorrow", lang)
    if 1 < offset <= 14:
        return TEXT("days_ago", lang, count=offset)
    if -14 <= offset < -1:
        return TEXT("in_days", lang, count=-offset)
    return TEXT("on_day", lang, day=day.isoformat())


ENVIRONMENT_PREFIXES = ("STUDYTRACK_",)
"""Environment variables studytrack reads (besides ``TZ``), made valid text before use."""


def readable_text(value: str) -> tuple[str, bool]:
    """``value`` with the bytes that were not UTF-8 (Python keeps them as lone surrogates) and NUL
    replaced by U+FFFD, and whether any were: such text cannot be stored in SQLite, printed, or
    used as a path."""
    if "\x00" in value:  # never in a real argv or environment; only an in-process caller
        return readable_text(value.replace("\x00", "\ufffd"))[0], True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogateescape") if _escaped_bytes_only(value) else \
            value.encode("utf-8", "replace")
        return raw.decode("utf-8", "replace"), True
    return value, False


def _escaped_bytes_only(value: str) -> bool:
    """True when every lone surrogate in ``value`` is an escaped byte (U+DC80..U+DCFF)."""
    return all(not 0xD800 <= ord(char) <= 0xDFFF or 0xDC80 <= ord(char) <= 0xDCFF for char in value)


def readable_arguments(arguments: Sequence[str]) -> tuple[list[str], bool]:
    """The command-line arguments as valid text (``readable_text``), and whether any changed."""
    cleaned = [readable_text(argument) for argument in arguments]
    return [text for text, _ in cleaned], any(changed for _, changed in cleaned)


def readable_environment() -> bool:
    """Make the ``STUDYTRACK_*`` and ``TZ`` variables valid text in ``os.environ`` (click and the
    clock read them there); True when one changed."""
    changed = False
    for name in list(os.environ):
        if name.startswith(ENVIRONMENT_PREFIXES) or name == "TZ":
            text, replaced = readable_text(os.environ[name])
            if replaced:
                os.environ[name] = text
                changed = True
    return changed
