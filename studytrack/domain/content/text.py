"""Text in both languages, and the small helpers every content parser shares."""

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from studytrack.domain.messages import Message
from studytrack.i18n import Catalog

TEXT = Catalog("domain.content.text")


class LocalText(NamedTuple):
    """One text in English and Korean (a named tuple: made as the app starts, ~1 ms less than a
    frozen dataclass)."""

    en: str
    ko: str

    def get(self, lang: str) -> str:
        """The text in ``lang``; English when ``lang`` is not Korean."""
        return self.ko if lang == "ko" else self.en

    def text(self, lang: str) -> str:
        """The text in ``lang``, as a field of a ``Message`` asks for it (the same as ``get``)."""
        return self.get(lang)


def closest(word: str, candidates: list[str] | tuple[str, ...], count: int = 3) -> list[str]:
    """The candidates that look most like ``word`` (for "did you mean …?" messages)."""
    # Deferred: difflib costs ~2 ms to import, paid only when an id was mistyped.
    import difflib  # noqa: PLC0415

    matches = difflib.get_close_matches(word, candidates, n=count, cutoff=0.5)
    if not matches:
        lowered = word.lower()
        matches = [c for c in candidates if lowered and lowered in c.lower()][:count]
    return matches


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...]) -> Message | str:
    """`` Did you mean: a, b?`` with the closest candidates, or an empty string when none is close
    (either fills the ``{hint}`` of an "unknown id" sentence)."""
    suggestions = closest(word, candidates)
    return Message(TEXT, "did_you_mean", {"ids": ", ".join(suggestions)}) if suggestions else ""


_ID_ASSIGNMENT = re.compile(r'id = "([^"\n]*)"')
"""An ``id = "…"`` as the course files write it."""


def id_lines(text: str) -> dict[str, int]:
    """Each ``id = "…"`` of ``text`` → the 1-based line of its first occurrence: what
    ``line_of(text, f'id = "{id}"')`` answers, for every id in one pass over the file (asking
    ``line_of`` once per item rescans the file each time: quadratic in a large quiz file)."""
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for match in _ID_ASSIGNMENT.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        lines.setdefault(match.group(1), line)
    return lines


def line_of(text: str, needle: str, start_line: int = 1) -> int:
    """The 1-based line where ``needle`` first occurs in ``text`` (``start_line`` if nowhere)."""
    index = text.find(needle)
    if index < 0:
        return start_line
    return text.count("\n", 0, index) + 1


_TOML_LINE = re.compile(r"at line (\d+)")


def toml_error_line(error: Exception) -> int:
    """The line a ``tomllib.TOMLDecodeError`` points at (1 when it names none)."""
    match = _TOML_LINE.search(str(error))
    return int(match.group(1)) if match else 1


class Problem(NamedTuple):
    """One thing wrong with the course files, located as ``path:line``."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def read_course_file(path: Path, problems: list[Problem]) -> str | None:
    """The text of course file ``path``, or None with a problem added when it cannot be read as
    UTF-8 (a course file in another encoding must be a report, never a traceback)."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        problems.append(Problem(path, line, "the file is not UTF-8 text; save it as UTF-8"))
    except OSError as error:
        problems.append(Problem(path, 1, f"the file cannot be read ({error.strerror or error})"))
    return None


def read_toml_files(
    folder: Path, problems: list[Problem], wanted: Callable[[str], bool] | None = None
) -> Iterator[tuple[Path, str, dict[str, Any]]]:
    """``(path, text, data)`` of every ``*.toml`` file in ``folder``, in name order; a file that
    cannot be read or is not valid TOML adds a problem and is skipped. ``wanted``: only files
    whose text it accepts are parsed (parsing is most of the cost; a lookup of one item by id
    need not parse the files that do not mention it)."""
    # Deferred: tomllib costs ~3 ms to import; the commands that read the cached outline, and
    # LocalText's users, never parse a course file.
    import tomllib  # noqa: PLC0415

    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        text = read_course_file(path, problems)
        if text is None or (wanted is not None and not wanted(text)):
            continue
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            problems.append(Problem(path, toml_error_line(error), f"bad TOML: {error}"))
            continue
        yield path, text, data
