"""The mastery map: every topic's mastery as a bar, grouped under its lesson, open flags marked.

Mastery is what ``studytrack.domain.progress.mastery`` says it is (recall over all of a topic's quiz items,
capped while the topic has an open flag); this widget only draws it, with the same rounded
percentages as ``studytrack stats``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from studytrack.domain.progress.mastery import TopicMastery
from studytrack.i18n import Catalog

TEXT = Catalog("ui.widgets.mastery_map")

BAR = 16
"""Cells of a full bar."""

FULL, EMPTY = "█", "░"
"""The filled and the empty part of a bar."""


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

    def render(self) -> Group:
        """One table per lesson: title, bar, percentage, answered count and open flags."""
        lesson_style = self.get_component_rich_style("mastery--lesson")
        bar_style = self.get_component_rich_style("mastery--bar")
        empty_style = self.get_component_rich_style("mastery--empty")
        flag_style = self.get_component_rich_style("mastery--flag")
        muted = self.get_component_rich_style("mastery--muted")
        lang = self.lang
        parts: list[RenderableType] = []
        for lesson, topics in self.groups:
            parts.append(Text(lesson, style=lesson_style, no_wrap=True, overflow="ellipsis"))
            table = Table.grid(padding=(0, 1), expand=True)
            table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            table.add_column(width=BAR, no_wrap=True)
            table.add_column(width=4, justify="right", no_wrap=True)
            table.add_column(width=10, no_wrap=True)
            for title, topic in topics:
                bar = Text(no_wrap=True)
                if topic.mastery is None:
                    bar.append(TEXT("no_items", lang), style=muted)
                else:
                    filled = round(BAR * min(max(topic.mastery, 0.0), 1.0))
                    bar.append(FULL * filled, style=bar_style)
                    bar.append(EMPTY * (BAR - filled), style=empty_style)
                note = Text(no_wrap=True)
                if topic.items:
                    note.append(TEXT("answered", lang, answered=topic.cards, items=topic.items), style=muted)
                if topic.open_flags:
                    note.append(" " + TEXT("flags", lang, count=topic.open_flags), style=flag_style)
                table.add_row(Text("  " + title), bar, Text(percent(topic.mastery)), note)
                if topic.exercises:
                    solved = TEXT("exercises", lang, solved=topic.exercises_solved, count=topic.exercises)
                    table.add_row(Text("    " + solved, style=muted), "", "", "")
            parts.append(table)
        return Group(*parts)
