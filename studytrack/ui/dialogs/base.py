"""What every studytrack dialog shares: it speaks the app's language, keys included."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.binding import ActiveBinding
from textual.screen import ModalScreen

from studytrack.ui.keys import labelled

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

DialogResult = TypeVar("DialogResult")
"""What a dialog returns when it closes."""


class StudyDialog(ModalScreen[DialogResult]):
    """A dialog over a studytrack screen, its keys labelled in the app's language."""

    app: StudyApp

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys that work now, described in the app's language (what the footer lists)."""
        return labelled(super().active_bindings, self.app.lang)
