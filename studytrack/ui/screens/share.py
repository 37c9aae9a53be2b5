"""Share: the learner sees exactly what an anonymous share file for the instructor holds, chooses
whether their notes go with it, and writes it only when they confirm (``w``). The same document
as ``studytrack share``, written to the same place (``studytrack-share-ID.json`` in the folder
the app was started from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Header, Static

from studytrack.domain.share.format import default_share_name, share_json, write_text_atomically
from studytrack.domain.share.preview import preview_lines
from studytrack.i18n import Catalog
from studytrack.store.share import share_document
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.keys_line import KeysLine

TEXT = Catalog("ui.screens.share")


class ShareScreen(StudyScreen):
    """The preview of the share file, the notes switch, and writing it on confirmation."""

    TEXT = TEXT

    DEFAULT_CSS = """
    ShareScreen #share-lead { padding: 0 1; text-style: bold; }
    ShareScreen #share-notes, ShareScreen #share-where { padding: 0 1; color: $text-muted; }
    ShareScreen #share-body { padding: 0 1; }
    """
    """The screen's few styles (three lines of text over the scrolling preview)."""

    BINDINGS = [
        Binding("w", "write_share", "Write the file"),
        Binding("n", "toggle_notes", "Notes on/off"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    with_notes: var[bool] = var(False)
    """Whether the learner's flag notes and what-made-it-click notes go with the file."""

    def __init__(self, folder: Path | None = None) -> None:
        """Empty until the records are read; ``folder`` is where the file goes (default: here)."""
        super().__init__()
        self.folder = folder or Path.cwd()
        """The folder the share file is written to."""
        self.document: dict[str, Any] | None = None
        """The share document shown (and written on confirmation); None until read."""
        self.written: Path | None = None
        """The file written on this visit, if any."""

    def compose(self) -> ComposeResult:
        """The lead, the notes switch's state, where the file goes, and the preview."""
        yield Header()
        yield Static(self.t("lead"), id="share-lead")
        yield Static("", id="share-notes")
        yield Static("", id="share-where", markup=False)
        with VerticalScroll(id="share-body"):
            # Notes are the learner's own text: shown as typed, never read as markup.
            yield Static(self.t("loading"), id="share-preview", markup=False)
        yield KeysLine()

    def on_mount(self) -> None:
        """Read the learner's records off the UI thread."""
        self.title = self.t("title")
        self.load_data()

    def load_data(self) -> None:
        """Build the share document (with or without notes) in a worker, then show it."""
        app, with_notes = self.app, self.with_notes
        self.load_in_worker(
            lambda: share_document(app.db(), app.course(), app.session.now(), with_notes=with_notes),
            self.show_document,
        )

    def show_document(self, document: dict[str, Any]) -> None:
        """Keep the document read and show it."""
        self.document = document
        self.show_state()

    def path(self) -> Path | None:
        """Where the file goes (None until the document is read)."""
        return self.folder / default_share_name(self.document["learner"]) if self.document else None

    def show_state(self) -> None:
        """The preview, the notes switch and the destination, from the screen's attributes."""
        self.title = self.t("title")
        self.query_one("#share-notes", Static).update(self.t("notes_on" if self.with_notes else "notes_off"))
        path = self.path()
        if self.document is None or path is None:
            return
        where = self.t("written", path=path) if self.written == path else self.t("where", path=path)
        self.query_one("#share-where", Static).update(where)
        self.query_one("#share-preview", Static).update("\n".join(preview_lines(self.document, self.lang)))

    def watch_with_notes(self) -> None:
        """Read the document again with or without the notes (the preview must match the file)."""
        if self.is_mounted:
            self.written = None
            self.show_state()
            self.load_data()

    def action_toggle_notes(self) -> None:
        """Include or leave out the notes."""
        self.with_notes = not self.with_notes

    def action_write_share(self) -> None:
        """Write the previewed document (the learner confirmed by pressing the key)."""
        path = self.path()
        if self.document is None or path is None:
            return
        try:
            write_text_atomically(path, share_json(self.document))
        except OSError as error:
            self.notify(self.t("unwritable", path=path, reason=error.strerror or error), severity="error")
            return
        self.written = path
        self.show_state()
        self.notify(self.t("written", path=path))
