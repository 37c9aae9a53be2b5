"""Flags: everything the learner marked as unclear, oldest first; open one at its lesson
section, resolve it with what made it click, filter by category, show the resolved ones too."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.clock import from_iso
from studytrack.domain.content.course import Course
from studytrack.domain.progress.standing import age_in_days, filter_flags, next_in_cycle
from studytrack.i18n import Catalog
from studytrack.store.flags import Flag, list_flags, resolve_flag
from studytrack.store.settings import DaySettings, day_settings
from studytrack.ui.dialogs.resolve import ResolveDialog
from studytrack.ui.screens.base import StudyScreen
from studytrack.vocabulary import FlagCategory

TEXT = Catalog("ui.screens.flags")


def flag_age(created_at: datetime, now: datetime, tz: tzinfo, rollover_hour: int, lang: str) -> str:
    """How long ago a flag was made, as a learner reads it: today, yesterday, 3 days ago."""
    days = age_in_days(created_at, now, tz, rollover_hour)
    if days == 0:
        return TEXT("today", lang)
    if days == 1:
        return TEXT("yesterday", lang)
    return TEXT("days_ago", lang, days=days)


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
        yield Footer(compact=True)

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
        category = self.t(self.category) if self.category else self.t("all_categories")
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
        days = self.data.days
        title = self.topic_title(flag.topic_id)
        age = flag_age(from_iso(flag.created_at), self.app.session.now(), days.tz, days.rollover_hour,
                       self.lang)
        note = flag.note or self.t("no_note")
        parts: list[str | tuple[str, str]] = [
            (title, "bold" if flag.is_open else "$text-muted"),
            (f"  {self.t(flag.category)} · {age}", "$text-muted"),
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

    def action_cycle_category(self) -> None:
        """Show the next category: all → prerequisite → … → other → all."""
        self.category = next_in_cycle((None, *FlagCategory), self.category)
        self.show_state()

    def action_toggle_resolved(self) -> None:
        """Show or hide the resolved flags."""
        self.show_resolved = not self.show_resolved
        self.show_state()
