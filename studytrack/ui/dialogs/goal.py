"""The long-view goal dialog: "In 10 months I want to …"."""

from __future__ import annotations

from studytrack.i18n import Catalog
from studytrack.ui.dialogs.text_entry import TextEntryDialog

TEXT = Catalog("ui.dialogs.goal")


class GoalDialog(TextEntryDialog):
    """Write or change the long-view goal; returns the text, or None when cancelled."""

    MAX_LENGTH = 300
    ALLOW_EMPTY = False

    def __init__(self, current: str = ""):
        """Ask for the goal, starting from ``current``."""
        lang = self.app.lang
        super().__init__(TEXT("title", lang), TEXT("explanation", lang), TEXT("placeholder", lang),
                         current)
