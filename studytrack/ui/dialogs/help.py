"""Help: every key of the screen underneath and the global ones, read from the bindings
themselves so it can never drift from what the keys do."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from studytrack.i18n import Catalog
from studytrack.ui.dialogs.base import StudyDialog
from studytrack.ui.keys import declared_bindings, key_label

TEXT = Catalog("ui.dialogs.help")


def binding_rows(bindings: list[Binding], app: App[Any], lang: str) -> list[tuple[str, str]]:
    """``(keys, what they do)`` for ``bindings``; keys doing the same thing share a row
    (``1 2 3``)."""
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        label = key_label(binding, lang)
        display = app.get_key_display(replace(binding, key_display=None))
        keys = rows.setdefault(label, [])
        if display not in keys:
            keys.append(display)
    return [(" ".join(keys), label) for label, keys in rows.items()]


def help_groups(screen: Screen[Any]) -> tuple[list[Binding], list[Binding]]:
    """The keys of ``screen`` itself, and the keys that work everywhere: the app's (less those
    the screen gives another meaning, like ``h`` for a hint) and those every Textual screen has
    (Tab, copy)."""
    common = {binding.action for binding in Binding.make_bindings(Screen.BINDINGS)}
    own = [b for b in declared_bindings(screen) if b.action not in common]
    shadowed = {b.key for b in own}
    everywhere = [b for b in declared_bindings(screen.app) if b.key not in shadowed] + [
        b for b in declared_bindings(screen) if b.action in common
    ]
    return own, everywhere


class HelpDialog(StudyDialog[None]):
    """Lists the keys of ``screen`` and the app's global keys."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close"),
        Binding("q", "close", "Close"),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        """List the keys of ``screen``."""
        super().__init__()
        self.target = screen
        """The screen whose keys are listed."""
        note = getattr(screen, "help_note", None)
        self.note: str = note() if callable(note) else ""
        """What the screen's figures mean (a ``StudyScreen``'s ``help_note``), shown above its keys."""

    def compose(self) -> ComposeResult:
        """The screen's keys beside the global ones."""
        lang = self.app.lang
        own, everywhere = help_groups(self.target)
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label(TEXT("title", lang), classes="panel-title")
            with VerticalScroll(id="help-keys"):
                if self.note:
                    yield Static(self.note, id="help-note", markup=False)
                with Horizontal(id="help-columns"):
                    yield Static(self.key_table(TEXT("screen", lang), own), id="help-screen")
                    yield Static(self.key_table(TEXT("everywhere", lang), everywhere), id="help-everywhere")
            yield Label(TEXT("arrows", lang), classes="dialog-hint")
            yield Label(TEXT("close", lang), classes="dialog-hint")

    def key_table(self, heading: str, bindings: list[Binding]) -> Table:
        """One group of keys under its heading."""
        table = Table.grid(padding=(0, 1))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row(Text(heading, style="underline"), "")
        for keys, label in binding_rows(bindings, self.app, self.app.lang):
            table.add_row(keys, label)
        return table

    def help_text(self) -> str:
        """Everything the help lists, as plain text (for tests and the curious)."""
        lines = [self.note] if self.note else []
        for group in help_groups(self.target):
            lines += [f"{keys}  {label}" for keys, label in binding_rows(group, self.app, self.app.lang)]
        return "\n".join(lines)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
