"""The lesson screen's frame: the pane the section scrolls in, built so that opening a lesson
styles the section's blocks once.

Textual restyles a widget and everything inside it when it takes the focus, and the section's
pane takes it as the lesson opens, holding the whole section's blocks by then; no rule styles the
blocks by the pane's focus, so ``SectionScroll`` restyles the pane alone.
"""

from __future__ import annotations

from studytrack.ui.widgets.blank import Scroll


class SectionScroll(Scroll):
    """The scrolling pane of a lesson section, restyled alone when its focus changes."""

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle the pane (``:focus`` rules), not the section's blocks: none depends on it."""
        self.app.stylesheet.update_nodes([self], animate=True)
