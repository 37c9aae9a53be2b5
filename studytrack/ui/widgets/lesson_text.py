"""Course text on screen: lesson Markdown that wraps at any width and renders Korean emphasis, and
the inline marks (``**bold**``, ```code```) of quiz and exercise texts as styles.

CommonMark does not close ``**…(x)**`` before a letter (``**평균제곱오차(MSE)**는``): a closing
``**`` after punctuation must be followed by a space or punctuation, which Korean particles are
not. ``cjk_emphasis`` moves that punctuation outside the marks, so the parser sees bold.
"""

from __future__ import annotations

import re
import unicodedata
from functools import partial

from textual.await_complete import AwaitComplete
from textual.content import Content
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock, MarkdownFence

STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
"""A strong span: the marks, then text that neither starts nor ends with a space."""

INLINE_MARK = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|`([^`]+)`")
"""Bold or a code span in a one-line course text (quiz prompts, exercise statements)."""


def is_punctuation(char: str) -> bool:
    """Whether CommonMark counts ``char`` as punctuation (a Unicode P or S category)."""
    return unicodedata.category(char)[0] in "PS"


def _leading_punctuation(text: str) -> int:
    """How many characters at the start of ``text`` are punctuation."""
    count = 0
    while count < len(text) and is_punctuation(text[count]):
        count += 1
    return count


def _fix_strong(match: re.Match[str], line: str) -> str:
    """One strong span, its edge punctuation moved outside where the marks would not pair."""
    marks, inner = match.group(1), match.group(2)
    before = line[match.start() - 1] if match.start() > 0 else " "
    after = line[match.end()] if match.end() < len(line) else " "
    lead = trail = ""
    if not before.isspace() and not is_punctuation(before) and is_punctuation(inner[0]):
        count = _leading_punctuation(inner)
        lead, inner = inner[:count], inner[count:]
    if not after.isspace() and not is_punctuation(after) and inner and is_punctuation(inner[-1]):
        count = _leading_punctuation(inner[::-1])
        inner, trail = inner[: len(inner) - count], inner[len(inner) - count:]
    if not inner:
        return match.group(0)
    return f"{lead}{marks}{inner}{marks}{trail}"


def cjk_emphasis(markdown: str) -> str:
    """``markdown`` with every strong span that CommonMark would leave unpaired next to a Korean
    letter rewritten so that it pairs: ``**오차(error)**예요`` → ``**오차(error**)예요``.
    Code fences and code spans are left as written."""
    lines: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or "`" in line:
            lines.append(line if in_fence else _outside_code(line))
            continue
        lines.append(_fix_strong_spans(line))
    return "\n".join(lines)


def _outside_code(line: str) -> str:
    """``line`` with its strong spans fixed in the parts outside code spans."""
    parts = line.split("`")
    for index in range(0, len(parts), 2):
        parts[index] = _fix_strong_spans(parts[index])
    return "`".join(parts)


def _fix_strong_spans(text: str) -> str:
    """``text`` with each of its strong spans fixed by ``_fix_strong``."""
    return STRONG.sub(partial(_fix_strong, line=text), text)


def inline_marks(text: str) -> Content:
    """A one-line course text with ``**bold**`` shown bold and ```code``` in the code style,
    the marks themselves not shown."""
    pieces: list[str | tuple[str, str]] = []
    position = 0
    for match in INLINE_MARK.finditer(text):
        pieces.append(text[position:match.start()])
        bold, code = match.group(1), match.group(2)
        pieces.append((bold, "bold") if bold is not None else (code, "$text-accent"))
        position = match.end()
    pieces.append(text[position:])
    return Content.assemble(*pieces)


class WrappedFence(MarkdownFence):
    """A code block or formula whose long lines wrap instead of running past the pane's edge."""

    DEFAULT_CSS = """
    WrappedFence {
        overflow: hidden hidden;
        & > Label {
            width: 1fr;
            text-wrap: wrap;
        }
    }
    """

    @property
    def allow_horizontal_scroll(self) -> bool:
        """Never: every line wraps."""
        return False


class LessonText(Markdown):
    """A lesson section: code blocks wrap, headings wrap, and Korean emphasis renders bold."""

    BLOCKS: dict[str, type[MarkdownBlock]] = {
        **Markdown.BLOCKS,
        "fence": WrappedFence,
        "code_block": WrappedFence,
    }
    """Textual's blocks, with the wrapping fence for code."""

    DEFAULT_CSS = """
    LessonText MarkdownHeader {
        text-wrap: wrap;
        width: 1fr;
    }
    """

    def update(self, markdown: str) -> AwaitComplete:
        """Show ``markdown``, its Korean emphasis made to pair first."""
        return super().update(cjk_emphasis(markdown))
