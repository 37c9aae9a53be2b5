"""The resolve dialog: what made it click?"""

from __future__ import annotations

from studytrack.i18n import Catalog
from studytrack.ui.dialogs.text_entry import TextEntryDialog

TEXT = Catalog("ui.dialogs.resolve")


class ResolveDialog(TextEntryDialog):
    """Asks what made a flag click; returns the note (may be empty), or None when cancelled."""

    def __init__(self, what: str):
        """Ask what made the flag on ``what`` click."""
        lang = self.app.lang
        super().__init__(TEXT("title", lang, what=what), TEXT("explanation", lang),
                         TEXT("placeholder", lang))
