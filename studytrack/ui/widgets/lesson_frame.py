"""The lesson screen's frame: the pane the section scrolls in and the footer of keys, each built
so that opening a lesson styles its widgets once.

Textual restyles a widget and everything inside it when it takes the focus, and the section's
pane takes it as the lesson opens, holding the whole section's blocks by then; no rule styles the
blocks by the pane's focus, so ``SectionScroll`` restyles the pane alone. Textual's compact footer
gives each key its ``-compact`` class after mounting it, which restyles the key a second time;
``LessonFooter`` composes the keys with the class already on.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets._footer import FooterKey

from studytrack.ui.widgets.keys_footer import KeysFooter


class SectionScroll(VerticalScroll):
    """The scrolling pane of a lesson section, restyled alone when its focus changes."""

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle the pane (``:focus`` rules), not the section's blocks: none depends on it."""
        self.app.stylesheet.update_nodes([self], animate=True)


class LessonFooter(KeysFooter):
    """The compact footer of keys, each key composed with its compact style already on."""

    def __init__(self) -> None:
        """A compact footer."""
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        """Textual's keys, each marked compact before it is mounted (its watcher then finds the
        class there and restyles nothing)."""
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget
