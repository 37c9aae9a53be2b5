"""The mastery map: every topic's mastery as a bar, grouped under its lesson, open flags marked.

Mastery is what ``studytrack.domain.progress.mastery`` says it is (recall over all of a topic's quiz items,
capped while the topic has an open flag); this widget only draws it, with the same rounded
percentages as ``studytrack stats``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from studytrack.domain.progress.mastery import TopicMastery
from studytrack.i18n import Catalog

TEXT = Catalog("ui.widgets.mastery_map")

BAR = 16
"""Cells of a full bar."""

FULL, EMPTY = "█", "░"
"""The filled and the empty part of a bar."""

PERCENT, NOTE = 4, 10
"""Cells of the percentage (right-aligned) and of the note after it (answered count, open flags)."""

COLUMNS = (BAR, PERCENT, NOTE)
"""The fixed columns after a topic's title, each one cell after the column before it; the title
takes what is left of the line."""


def percent(mastery: float | None) -> str:
    """A topic's mastery as shown: ``62%``, or ``—`` for a topic without quiz items (the same
    rounding as ``studytrack stats``)."""
    return "—" if mastery is None else f"{round(mastery * 100)}%"


class MasteryMap(Widget):
    """Lessons in course order, each with its topics' mastery bars."""

    COMPONENT_CLASSES = {
        "mastery--lesson",
        "mastery--bar",
        "mastery--empty",
        "mastery--flag",
        "mastery--muted",
    }
    """A lesson's title, the filled and the empty part of a bar, the open-flag mark, and the
    answered count."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """An empty map; ``show`` fills it."""
        super().__init__(id=id, classes=classes)
        self.groups: list[tuple[str, list[tuple[str, TopicMastery]]]] = []
        """``(lesson title, [(topic title, TopicMastery), …])`` in course order."""
        self.lang = "en"
        """The language of the labels."""

    def show(self, groups: Sequence[tuple[str, Sequence[tuple[str, TopicMastery]]]], lang: str) -> None:
        """Draw ``groups``: each lesson's title with its topics' titles and ``TopicMastery``."""
        self.groups = [(lesson, list(topics)) for lesson, topics in groups]
        self.lang = lang
        self.refresh(layout=True)

    def shown_percentages(self) -> dict[str, str]:
        """Topic id → the percentage the map shows for it."""
        return {topic.topic_id: percent(topic.mastery) for _, topics in self.groups for _, topic in topics}

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per lesson, per topic and per topic's exercises line: no line wraps, so the
        height is known without drawing the map."""
        return sum(1 + len(topics) + sum(1 for _, topic in topics if topic.exercises) for _, topics in self.groups)

    def render(self) -> Text:
        """The map's lines (``map_lines``) for the widget's width, in its component styles."""
        styles = MapStyles(*(self.get_component_rich_style(f"mastery--{part}") for part in MapStyles._fields))
        return Text("\n", no_wrap=True, end="").join(map_lines(self.groups, self.lang, self.size.width, styles))


class MapStyles(NamedTuple):
    """The styles of the map's parts (its component classes, ``mastery--<part>``)."""

    lesson: Style
    """A lesson's title."""
    bar: Style
    """The filled part of a bar."""
    empty: Style
    """The empty part of a bar."""
    flag: Style
    """The open-flag mark."""
    muted: Style
    """The answered count, the exercises line and "no quiz items"."""


def map_lines(groups: Sequence[tuple[str, Sequence[tuple[str, TopicMastery]]]], lang: str, width: int,
              styles: MapStyles) -> list[Text]:
    """Each lesson's title, then a line per topic: its title, bar, percentage, answered count and
    open flags in columns (and its exercises solved on the line under it), for ``width`` cells.
    No line wraps: every cell is cut with an ellipsis, and a line narrower than the columns at
    the edge (the lines Rich's ``Table.grid`` drew before, at 40 cells and wider: a test compares)."""
    title_width = max(width - sum(COLUMNS) - len(COLUMNS), 1)
    lines: list[Text] = []
    for lesson, topics in groups:
        lines.append(cell(Text(lesson, style=styles.lesson), width, pad=False))
        for title, topic in topics:
            bar = Text()
            if topic.mastery is None:
                bar.append(TEXT("no_items", lang), style=styles.muted)
            else:
                filled = round(BAR * min(max(topic.mastery, 0.0), 1.0))
                bar.append(FULL * filled, style=styles.bar)
                bar.append(EMPTY * (BAR - filled), style=styles.empty)
            note = Text()
            if topic.items:
                note.append(TEXT("answered", lang, answered=topic.cards, items=topic.items), style=styles.muted)
            if topic.open_flags:
                note.append(" " + TEXT("flags", lang, count=topic.open_flags), style=styles.flag)
            lines.append(row(Text("  " + title), title_width, bar, Text(percent(topic.mastery)), note))
            if topic.exercises:
                solved = TEXT("exercises", lang, solved=topic.exercises_solved, count=topic.exercises)
                lines.append(row(Text("    " + solved, style=styles.muted), title_width, Text(), Text(), Text()))
    for line in lines:
        line.truncate(width)
    return lines


def cell(text: Text, width: int, *, right: bool = False, pad: bool = True) -> Text:
    """``text`` in ``width`` cells: cut with an ellipsis when longer, else padded with spaces (on
    the left when ``right``; not at all unless ``pad``)."""
    text = text.copy()
    text.truncate(width, overflow="ellipsis", pad=pad and not right)
    if right:
        text.pad_left(width - text.cell_len)
    return text


def row(title: Text, title_width: int, bar: Text, share: Text, note: Text) -> Text:
    """A topic's line: the title in ``title_width`` cells, then the bar, the percentage (right-
    aligned) and the note in theirs (``COLUMNS``), one space between columns."""
    space = Text(" ", style=Style.null())
    return space.join([cell(title, title_width), cell(bar, BAR), cell(share, PERCENT, right=True), cell(note, NOTE)])
