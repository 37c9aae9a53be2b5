"""Text on its way to the terminal, without click: messages kept to one printable line, what was
typed (and the ``STUDYTRACK_*`` variables) made valid text, and the one form of JSON output.

Both faces of the command line use it: the click group (``cli.group``) and the fast path that
answers the hot read-only commands without importing click (``cli.fast``)."""

import json
import os
from collections.abc import Sequence

CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
"""How the common control characters are written inside a one-line message."""

ENVIRONMENT_PREFIXES = ("STUDYTRACK_",)
"""Environment variables studytrack reads (besides ``TZ``), made valid text before use."""


def json_text(document: object) -> str:
    """``document`` as the one JSON document a ``--json`` command prints."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def one_line(text: str) -> str:
    """``text`` as one printable line: surrounding space trimmed, control characters (a newline
    in an echoed value, an escape sequence) written as escapes, so an error never spans lines or
    moves the cursor."""
    return "".join(
        CONTROL_ESCAPES.get(char, f"\\x{ord(char):02x}")
        if (ord(char) < 32 or 0x7F <= ord(char) < 0xA0) else char
        for char in text.strip()
    )


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


def read_variables() -> list[str]:
    """The names of the environment variables studytrack reads as text: ``STUDYTRACK_*`` and
    ``TZ``."""
    return [name for name in os.environ if name.startswith(ENVIRONMENT_PREFIXES) or name == "TZ"]


def readable_environment() -> bool:
    """Make the ``STUDYTRACK_*`` and ``TZ`` variables valid text in ``os.environ`` (click and the
    clock read them there); True when one changed."""
    changed = False
    for name in read_variables():
        text, replaced = readable_text(os.environ[name])
        if replaced:
            os.environ[name] = text
            changed = True
    return changed
