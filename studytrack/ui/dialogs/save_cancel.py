"""The base of the dialogs that end in Save or Cancel: the buttons, Enter and escape."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from textual.binding import Binding
from textual.widgets import Button, Input

from studytrack.ui.dialogs.base import StudyDialog

ResultType = TypeVar("ResultType")


class SaveCancelDialog(StudyDialog[ResultType | None], Generic[ResultType]):
    """A dialog that returns what ``action_save`` builds, or None when cancelled.

    The save button (id ``SAVE_BUTTON``) and Enter in an input save; any other button and
    escape cancel. Subclasses compose the widgets and define ``action_save``, which dismisses
    the dialog with what it asked for.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    SAVE_BUTTON = ""
    """The id of the button that saves."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or Cancel."""
        event.stop()
        if event.button.id == self.SAVE_BUTTON:
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the input saves."""
        event.stop()
        self.action_save()

    if TYPE_CHECKING:  # each dialog defines it; declared here so the calls above type-check

        def action_save(self) -> None:
            """Close with what the dialog asked for."""

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
