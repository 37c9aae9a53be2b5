"""Flags: everything the learner marked as unclear, oldest first; open one at its lesson
section, resolve it with what made it click, filter by category, show the resolved ones too."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.domain.content.course import Course
from studytrack.domain.progress.standing import filter_flags, next_in_cycle
from studytrack.i18n import Catalog
from studytrack.store.flags import Flag, delete_flag, edit_flag, list_flags, resolve_flag
from studytrack.store.settings import DaySettings, day_settings
from studytrack.ui.dialogs.confirm import ask_then
from studytrack.ui.dialogs.flag import FlagDialog
from studytrack.ui.dialogs.resolve import ResolveDialog
from studytrack.ui.dialogs.topic_pick import TopicDialog
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.flag_words import category_name, made_day
from studytrack.ui.widgets.keys_line import KeysLine
from studytrack.vocabulary import FlagCategory

TEXT = Catalog("ui.screens.flags")


NOTE_SHOWN = 240
"""The most characters of a note a list shows; a longer one is folded (the rest is counted)."""


def folded(note: str, limit: int = NOTE_SHOWN) -> str:
    """``note`` on at most a few lines: past ``limit`` characters, its start and how much more."""
    if len(note) <= limit:
        return note
    return f"{note[:limit].rstrip()} … (+{len(note) - limit})"


class FlagsData(NamedTuple):
    """What the flags screen reads off the UI thread."""

    course: Course
    """The course, for topic titles."""
    flags: list[Flag]
    """Every flag, open first, oldest first."""
    days: DaySettings
    """The learner's zone and rollover hour, for ages."""


class FlagsScreen(StudyScreen):
    """Every flag, oldest first, with its topic, category, age and note."""

    TEXT = TEXT

    BINDINGS = [
        Binding("enter", "open_flag", "Open lesson", show=False),
        Binding("r", "resolve", "Resolve"),
        Binding("c", "cycle_category", "Category"),
        Binding("a", "toggle_resolved", "Resolved"),
        Binding("e", "edit_flag", "Edit"),
        Binding("m", "move_flag", "Move", show=False),
        Binding("d", "delete_flag", "Delete"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, category: str | None = None, show_resolved: bool = False) -> None:
        """Start on ``category`` (None: all), with or without the resolved flags."""
        super().__init__()
        self.category = category
        """The category shown (None: all)."""
        self.show_resolved = show_resolved
        """Whether resolved flags are listed after the open ones."""
        self.data: FlagsData | None = None
        """The course, every flag and the day settings; None until read."""

    def compose(self) -> ComposeResult:
        """The filter line and the list; filled once the flags are read."""
        yield Header()
        yield Static(self.t("loading"), id="flags-filter")
        yield OptionList(id="flag-list")
        yield KeysLine()

    def on_mount(self) -> None:
        """Read the flags off the UI thread."""
        self.query_one("#flag-list", OptionList).focus()
        self.load_data()

    def refresh_data(self) -> None:
        """Read the flags again (``studytrack flag`` may have added some)."""
        self.load_data()

    def load_data(self) -> None:
        """Read every flag off the UI thread, then show them."""
        self.load_in_worker(self.read_data, self.show_data)

    def read_data(self) -> FlagsData:
        """Every flag, the course and the day settings (run in the worker)."""
        app = self.app
        course = app.course()
        db = app.db()
        return FlagsData(course, list_flags(db, include_resolved=True), day_settings(db))

    def show_data(self, data: FlagsData) -> None:
        """Keep what was read and show it."""
        self.data = data
        self.show_state()

    def shown_flags(self) -> list[Flag]:
        """The flags the filters let through."""
        flags = self.data.flags if self.data else []
        return filter_flags(flags, self.category, self.show_resolved)

    def show_state(self) -> None:
        """List the flags the filters let through, keeping the highlighted one if it stays."""
        self.title = self.t("title")
        self.sub_title = self.t("subtitle")
        if self.data is None:
            return
        category = category_name(self.category, self.lang) if self.category else self.t("all_categories")
        which = self.t("with_resolved") if self.show_resolved else self.t("open_only")
        self.query_one("#flags-filter", Static).update(self.t("filter", category=category, which=which))
        flag_list = self.query_one("#flag-list", OptionList)
        highlighted = flag_list.highlighted_option.id if flag_list.highlighted_option else None
        flag_list.clear_options()
        shown = self.shown_flags()
        for flag in shown:
            flag_list.add_option(Option(self.flag_prompt(flag), id=f"flag-{flag.id}"))
        if not shown:
            empty = "none_match" if self.category else "none_open"
            flag_list.add_option(Option(Content.styled(self.t(empty), "$text-muted"), disabled=True))
            return
        ids = [f"flag-{flag.id}" for flag in shown]
        flag_list.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def flag_prompt(self, flag: Flag) -> Content:
        """Two lines for one flag: topic, category and age; then the note (or how it resolved)."""
        assert self.data is not None
        title = self.topic_title(flag.topic_id)
        age = made_day(flag.created_at, self.app.session.now(), self.data.days).text(self.lang)
        note = folded(flag.note) or self.t("no_note")
        parts: list[str | tuple[str, str]] = [
            (title, "bold" if flag.is_open else "$text-muted"),
            (f"  {category_name(flag.category, self.lang)} · {age}", "$text-muted"),
            "\n",
            (f"  {note}", "italic" if flag.note else "$text-muted"),
        ]
        if not flag.is_open:
            resolved = self.t("resolved", date=(flag.resolved_at or "")[:10], note=flag.resolution_note or "")
            parts += ["\n", (f"  {resolved}", "$success")]
        return Content.assemble(*parts)

    def topic_title(self, topic_id: str) -> str:
        """A topic's title in the current language, from the course the worker read."""
        topic = self.data.course.topic(topic_id) if self.data else None
        return topic.title.get(self.lang) if topic else topic_id

    def highlighted_flag(self) -> Flag | None:
        """The flag under the cursor, or None."""
        option = self.query_one("#flag-list", OptionList).highlighted_option
        if option is None or not option.id:
            return None
        flag_id = int(option.id.removeprefix("flag-"))
        flags = self.data.flags if self.data else []
        return next((flag for flag in flags if flag.id == flag_id), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a flag opens its lesson section."""
        event.stop()
        self.action_open_flag()

    def action_open_flag(self) -> None:
        """Open the lesson at the flagged section."""
        flag = self.highlighted_flag()
        if flag is not None:
            self.app.open_topic(flag.topic_id)

    def action_resolve(self) -> None:
        """Ask what made it click, then resolve the flag."""
        flag = self.highlighted_flag()
        if flag is None:
            return
        if not flag.is_open:
            self.notify(self.t("already_resolved"))
            return
        title = self.topic_title(flag.topic_id)
        self.app.push_screen(ResolveDialog(title), lambda note: self.save_resolution(flag.id, note))

    def save_resolution(self, flag_id: int, note: str | None) -> None:
        """Store the resolution the dialog returned (nothing when cancelled)."""
        if note is None:
            return
        app = self.app
        with app.reporting_errors():
            resolve_flag(app.session.learner(self.lang), flag_id, note)
            self.notify(self.t("resolved_note"))
        self.refresh_data()

    def action_edit_flag(self) -> None:
        """Change the highlighted flag's category and note (the flag dialog, filled in)."""
        flag = self.highlighted_flag()
        if flag is not None:
            dialog = FlagDialog(self.topic_title(flag.topic_id), flag.category, flag.note)
            self.app.push_screen(dialog, lambda answer: self.save_edit(flag.id, answer))

    def save_edit(self, flag_id: int, answer: tuple[str, str] | None) -> None:
        """Store the category and note the dialog returned (nothing when cancelled)."""
        if answer is not None:
            self.change_flag(flag_id, category=answer[0], note=answer[1])

    def action_move_flag(self) -> None:
        """Move the highlighted flag to the topic it was meant for."""
        flag = self.highlighted_flag()
        if flag is not None and self.data is not None:
            dialog = TopicDialog(self.data.course, flag.topic_id, self.topic_title(flag.topic_id))
            self.app.push_screen(dialog, lambda topic: self.change_flag(flag.id, topic_id=topic) if topic else None)

    def change_flag(self, flag_id: int, **changes: str) -> None:
        """Write ``changes`` (topic, category, note) to flag ``flag_id``; ctrl+z takes it back."""
        app = self.app
        with app.reporting_errors():
            edit_flag(app.session.learner(self.lang), flag_id, **changes)
            self.notify(self.t("edited"))
        self.refresh_data()

    def action_delete_flag(self) -> None:
        """Delete the highlighted flag (made by mistake), after asking; ctrl+z brings it back."""
        flag, app = self.highlighted_flag(), self.app
        if flag is None:
            return
        question = self.t("delete_question", topic=self.topic_title(flag.topic_id))
        ask_then(app, question, self.t("delete_detail"), lambda: self.delete(flag.id))

    def delete(self, flag_id: int) -> None:
        """Delete flag ``flag_id`` and list the flags without it."""
        delete_flag(self.app.session.learner(self.lang), flag_id)
        self.notify(self.t("deleted"))
        self.refresh_data()

    def action_cycle_category(self) -> None:
        """Show the next category: all → prerequisite → … → other → all."""
        self.category = next_in_cycle((None, *FlagCategory), self.category)
        self.show_state()

    def action_toggle_resolved(self) -> None:
        """Show or hide the resolved flags."""
        self.show_resolved = not self.show_resolved
        self.show_state()
