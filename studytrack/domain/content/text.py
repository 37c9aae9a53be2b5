"""Text in both languages, and the small helpers every content parser shares."""

import difflib
import re
from dataclasses import dataclass

from studytrack.i18n import Catalog

TEXT = Catalog("domain.content.text")


@dataclass(frozen=True)
class LocalText:
    """One text in English and Korean."""

    en: str
    ko: str

    def get(self, lang: str) -> str:
        """The text in ``lang``; English when ``lang`` is not Korean."""
        return self.ko if lang == "ko" else self.en


def closest(word: str, candidates: list[str] | tuple[str, ...], count: int = 3) -> list[str]:
    """The candidates that look most like ``word`` (for "did you mean …?" messages)."""
    matches = difflib.get_close_matches(word, candidates, n=count, cutoff=0.5)
    if not matches:
        lowered = word.lower()
        matches = [c for c in candidates if lowered and lowered in c.lower()][:count]
    return matches


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...], lang: str) -> str:
    """`` Did you mean: a, b?`` with the closest candidates, or an empty string when none is close."""
    suggestions = closest(word, candidates)
    return TEXT("did_you_mean", lang, ids=", ".join(suggestions)) if suggestions else ""


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
