"""Reading what a learner typed as an answer: numbers, fractions, and clear reasons when it isn't.

Rules (../shared/DESIGN.md): empty is "not attempted"; ``nan``, ``inf``, ``1e400``, text or
over-long input is "invalid" with a reason; ``1/3`` and full-width digits are accepted; a
decimal comma gets "use a point: 1.5".
"""

import math
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from studytrack.domain.messages import Message
from studytrack.i18n import Catalog

MAX_ANSWER_LENGTH = 200
"""Longer input is refused before it is parsed, and again after normalisation: NFKC can make a
character many (``㊿`` is ``50``, ``\ufdfa`` is 18 characters), so a short input may grow."""

NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
FRACTION = re.compile(r"([+-]?\d+)\s*/\s*([+-]?\d+)")
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")

TEXT = Catalog("domain.answers")


@dataclass(frozen=True)
class ParsedNumber:
    """The result of reading a numeric answer: a value, or why there is none."""

    status: str
    """``ok``, ``not_attempted`` or ``invalid``."""
    value: float | None = None
    reason: Message | None = None
    """Why an ``invalid`` answer is not a number, to word in the learner's language."""

    @property
    def ok(self) -> bool:
        """True when ``value`` holds a finite number."""
        return self.status == "ok"


def too_long() -> Message:
    """Why an answer over ``MAX_ANSWER_LENGTH`` characters is refused."""
    return Message(TEXT, "too_long", {"limit": MAX_ANSWER_LENGTH})


def normalize_width(text: str) -> str:
    """Full-width digits and signs (１．５, －２) as their ASCII forms; spaces trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_number(raw: str | None) -> ParsedNumber:
    """Read one number the learner typed: decimal, scientific, or a fraction like ``1/3``."""
    if raw is None or not raw.strip():
        return ParsedNumber("not_attempted")
    if len(raw) > MAX_ANSWER_LENGTH:
        return ParsedNumber("invalid", reason=too_long())
    text = re.sub(r"\s+", "", normalize_width(raw).replace("−", "-"))
    if len(text) > MAX_ANSWER_LENGTH:
        return ParsedNumber("invalid", reason=too_long())
    shown = "".join(char if char.isprintable() else " " for char in text)[:40]
    lowered = text.lower()
    if DECIMAL_COMMA.fullmatch(text):
        return ParsedNumber("invalid", reason=Message(TEXT, "comma", {"fixed": text.replace(",", ".")}))
    if lowered.lstrip("+-") in {"nan", "inf", "infinity", "∞"}:
        return ParsedNumber("invalid", reason=Message(TEXT, "not_finite", {"text": shown}))
    fraction = FRACTION.fullmatch(text)
    if fraction:
        numerator, denominator = int(fraction.group(1)), int(fraction.group(2))
        if denominator == 0:
            return ParsedNumber("invalid", reason=Message(TEXT, "zero_division", {"text": shown}))
        return _finite(float(Fraction(numerator, denominator)), shown)
    if NUMBER.fullmatch(lowered):
        try:
            value = float(lowered)
        except (OverflowError, ValueError):
            return ParsedNumber("invalid", reason=Message(TEXT, "too_large", {"text": shown}))
        return _finite(value, shown)
    return ParsedNumber("invalid", reason=Message(TEXT, "not_a_number", {"text": shown}))


def _finite(value: float, shown: str) -> ParsedNumber:
    """A parsed number, refused when it overflowed to infinity (``1e400``) or is absurdly large."""
    if not math.isfinite(value) or abs(value) > 1e300:
        return ParsedNumber("invalid", reason=Message(TEXT, "too_large", {"text": shown}))
    return ParsedNumber("ok", value=value)


def normalize_text_answer(text: str) -> str:
    """A short text answer reduced for comparison: width, case, spacing and punctuation folded.
    Cut to ``MAX_ANSWER_LENGTH`` characters before and after normalising (NFKC may grow it)."""
    folded = normalize_width(text[: MAX_ANSWER_LENGTH * 4]).casefold()[: MAX_ANSWER_LENGTH * 4]
    folded = folded.replace("−", "-").replace("’", "'")
    kept = [
        char for char in folded
        if not unicodedata.category(char).startswith(("P", "Z", "C")) or char in "-=+/'"
    ]
    return "".join(kept).strip("-'")
