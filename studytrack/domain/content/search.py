"""Finding things: `/` in the app searches lesson sections, quiz prompts and the learner's flag
notes, in one language. Pure: the caller hands over the course and the flag notes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from studytrack.domain.content.course import Course

SNIPPET = 60
"""Characters of context shown around a match."""

LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
"""A Markdown link or image: its text is what a reader sees."""

MARKS = re.compile(r"\*\*|__|`|^#+ ", re.MULTILINE)
"""Markdown's emphasis, code and heading marks."""


def plain(markdown: str) -> str:
    """``markdown`` as a reader sees it: link texts kept, emphasis, code and heading marks gone."""
    return MARKS.sub("", LINK.sub(r"\1", markdown))


@dataclass(frozen=True)
class Hit:
    """One place the words were found."""

    kind: str
    """``section``, ``quiz`` or ``flag``."""
    target: str
    """What Enter opens: ``lesson_id#topic_id``, a quiz item's id, or a flag's topic id."""
    title: str
    """The section's title, the quiz item's topic title, or the flagged topic's title."""
    snippet: str
    """The text around the first match, on one line."""


def snippet(text: str, at: int, length: int) -> str:
    """``text`` around ``text[at:at + length]``, on one line, ``…`` where it was cut."""
    start, end = max(0, at - SNIPPET // 2), min(len(text), at + length + SNIPPET // 2)
    middle = " ".join(text[start:end].split())
    return ("…" if start else "") + middle + ("…" if end < len(text) else "")


def find(text: str, query: str) -> int:
    """Where ``query`` first occurs in ``text``, ignoring case; -1 when it does not."""
    return text.casefold().find(query.casefold())


def search(course: Course, flags: Iterable[tuple[str, str]], query: str, lang: str) -> list[Hit]:
    """Every lesson section, quiz prompt and flag note (``flags``: ``(topic_id, note)``) of
    ``lang`` holding ``query`` (case ignored), in that order; nothing for an empty query."""
    words = query.strip()
    if not words:
        return []
    hits: list[Hit] = []
    for lesson in course.lessons:
        for section in lesson.sections:
            title, body = section.title.get(lang), plain(section.body.get(lang))
            text = f"{title}\n{body}"
            at = find(text, words)
            if at >= 0:
                hits.append(Hit("section", f"{lesson.id}#{section.topic_id}", title,
                                snippet(text, at, len(words))))
    for item in course.quiz_items:
        prompt = plain(item.prompt.get(lang))
        at = find(prompt, words)
        if at >= 0:
            hits.append(Hit("quiz", item.id, _topic_title(course, item.topic, lang), snippet(prompt, at, len(words))))
    for topic_id, note in flags:
        at = find(note, words)
        if at >= 0:
            hits.append(Hit("flag", topic_id, _topic_title(course, topic_id, lang), snippet(note, at, len(words))))
    return hits


def _topic_title(course: Course, topic_id: str, lang: str) -> str:
    """A topic's title in ``lang`` (its id when the course lacks it)."""
    topic = course.topic(topic_id)
    return topic.title.get(lang) if topic else topic_id
