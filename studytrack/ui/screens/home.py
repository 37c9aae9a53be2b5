"""Home: today at a glance. How you feel, what that means for today and what today holds (from
the same planner as the review session and ``studytrack due``), the next lesson, what to
practise, your open flags, your long-view goal and the last 12 weeks.

What the learner waits for is a usable Home, so everything is read in one go off the UI thread
(``read_home_data``: the course's cached outline and titles, never a parse of its files, and
today's overview), started off the main thread before the app (``home_data.read_early``).
Home's first compose waits for that read (briefly: ``FIRST_FRAME_WAIT``) and builds every panel
with the data, so its first frame is the usable one and each widget is styled, laid out and
drawn once; past the wait, the check-in line and the footer are drawn first and the panels once
the read is done. A check-in (keys 1–3) is written, then what it changes is read again in a
worker (``read_after_checkin``) and the lines and panels whose content changed are redrawn in
place, in one frame.
"""

from __future__ import annotations

from datetime import UTC

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static

from studytrack.domain.planning.days import study_day
from studytrack.i18n import Catalog
from studytrack.store.breaks import cancel_break as cancel_stored_break
from studytrack.store.journal import check_in, set_goal
from studytrack.ui.home_data import HomeData, read_after_checkin, read_home_data
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.checkin import CONDITIONS, checkin_key, how_are_you
from studytrack.ui.widgets.home_panels import HomePanels, plan_said, plan_text, update_line
from studytrack.ui.widgets.keys_line import KeysLine

TEXT = Catalog("ui.screens.home")

FIRST_FRAME_WAIT = 0.3
"""Seconds Home's first compose waits for its data (read in about 20–60 ms, while Textual
starts): a wait the learner does not notice, and the first frame they see is the usable one;
past it, Home is drawn without the panels and fills in later."""


class HomeScreen(StudyScreen):
    """The first screen: check in, then pick what to do today."""

    TEXT = TEXT
    COALESCE_RESIZES = True
    AUTO_FOCUS = "#lessons"
    """The lessons list has the focus as Home is shown: Enter opens the marked lesson."""

    BINDINGS = [
        Binding("1", "checkin('good')", "Check in", key_display="1-3"),
        Binding("2", "checkin('okay')", "Check in", show=False),
        Binding("3", "checkin('low')", "Check in", show=False),
        Binding("g", "edit_goal", "Goal"),
        Binding("p", "practise", "Practise"),
        Binding("enter", "open_selected", "Open", show=False),
        Binding("q", "app.quit", "Quit"),
        # The app's way to the other screens, shown in the footer here only: on every other
        # screen the footer needs its room for that screen's own keys (? lists these anyway).
        Binding("F", "app.flags", "Flags"),
        Binding("R", "app.review", "Review"),
        Binding("S", "app.stats", "Stats"),
        Binding("x", "app.share", "Share", show=False),
        Binding("b", "cancel_break", "Cancel break", show=False),
    ]

    def __init__(self) -> None:
        """Home starts empty; its first compose takes the app's early read (or ``show_first``)."""
        super().__init__()
        self.data: HomeData | None = None
        """The course's outline and titles and today's overview, None until read."""
        self.panels: HomePanels | None = None
        """The lists, the goal and the calendar, once built (rebuilt by a language switch)."""
        self.early_read_taken = False
        """Whether the first load took the app's early read (later ones read again)."""
        self.first_show_asked = False
        """Whether ``show_first`` is asked for (the first time Home is shown)."""
        self.covered = False
        """Whether another screen has covered Home since it was last shown."""
        self.lines_shown: dict[str, object] = {}
        """What the check-in line and the plan say (``show_checkin``): an equal update is skipped."""

    def compose(self) -> ComposeResult:
        """The check-in, the panels and the footer, filled with the data. The first time, the
        app's early read is taken if it is done within ``FIRST_FRAME_WAIT`` (it started as the
        app did, and this frame has nothing to show without it), so the first frame is usable
        and every widget is styled, laid out and drawn once; past the wait, the check-in and the
        footer come first and the panels once the data is read (``show_first``)."""
        if not self.first_show_asked and not self.early_read_taken:
            self.data = self.app.early_home_data_within(FIRST_FRAME_WAIT)
            self.early_read_taken = self.data is not None
        checkin = self.data.overview.checkin if self.data else None
        chosen = checkin.condition if checkin else None
        self.lines_shown = {"checkin-row": (chosen, self.lang)}
        if self.data is not None:
            self.lines_shown["plan"] = plan_said(self.data, self.lang)
        yield Static(self.checkin_line(chosen), id="checkin-row")
        yield Static(plan_text(self.data, self.lang) if self.data else self.t("loading"), id="plan")
        if self.panels is not None or self.data is not None:  # also a recompose (a language switch)
            yield self.new_panels()
        yield KeysLine()

    def new_panels(self) -> HomePanels:
        """The lists, the goal and the calendar, with the data when it is read (they draw it
        as they are mounted)."""
        self.panels = HomePanels(id="home-body")
        self.panels.data = self.data
        return self.panels

    def on_screen_suspend(self) -> None:
        """Another screen covers Home: read again when coming back (``on_screen_resume``)."""
        self.covered = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown the first time: usable as drawn when composed with the data, else
        ``show_first``. Back from a lesson, a quiz or the flags: show what changed."""
        if not self.first_show_asked:
            self.first_show_asked = True
            if self.data is not None:  # composed with the early read: usable as drawn
                # styled as it was mounted, just now: Textual's restyle of the whole screen as it
                # is shown (for a theme changed while a screen was covered) has nothing to change
                event.refresh_styles = False
                self.call_after_refresh(self.app.after_home)
            else:
                self.show_first()
        elif self.covered and self.data is not None:
            self.refresh_data()
        self.covered = False

    def show_first(self) -> None:
        """Home was drawn without its data (the early read was not done within
        ``FIRST_FRAME_WAIT`` of the first compose, or failed): fill it in once the read is done,
        in a worker that waits for the early read (``load_data``; a failure is reported)."""
        self.load_data()

    def refresh_data(self) -> None:
        """Read everything again (another process may have added flags)."""
        self.load_data()

    def load_data(self) -> None:
        """Read the data off the UI thread: the app's early read the first time, then anew."""
        if self.early_read_taken:
            self.load_in_worker(lambda: read_home_data(self.app.session, self.app.course_glance()), self.show_data)
        else:
            self.early_read_taken = True
            self.load_in_worker(self.app.early_home_data, self.show_data)

    async def show_data(self, data: HomeData) -> None:
        """Show what was read, building the panels the first time; Home is then usable, and the
        app starts what it keeps for after (``after_home``)."""
        self.data = data
        if self.panels is None:
            await self.mount(self.new_panels(), before=self.query_one(KeysLine))
            self.query_one("#lessons").focus()
        self.show_state()
        self.app.after_home()

    def show_state(self) -> None:
        """Fill the check-in and hand the data to the panels."""
        if self.data is None:
            return
        self.show_checkin()
        if self.panels is not None and self.panels.data is not self.data:  # new panels have it
            self.panels.data = self.data

    def checkin_line(self, chosen: str | None) -> Content:
        """The question and the three answers, each clickable; today's answer (``chosen``)
        highlighted."""
        parts: list[str | tuple[str, str] | Content] = [
            ("studytrack", "bold $accent"), "  ", (how_are_you(self.lang), "bold"), "  "
        ]
        for number, condition in enumerate(CONDITIONS, start=1):
            style = "bold $text on $primary" if condition == chosen else "on $panel"
            label = checkin_key(condition, f" {number} {self.t(condition)} ")
            parts += [label.stylize(style), " "]
        return Content.assemble(*parts)

    def show_checkin(self) -> None:
        """Mark today's condition, say what it means for today and what today holds (each line
        drawn again only when what it says changed)."""
        assert self.data is not None
        checkin = self.data.overview.checkin
        self.show_condition(checkin.condition if checkin else None)
        if self.lines_shown.get("plan") != (shown := plan_said(self.data, self.lang)):
            self.lines_shown["plan"] = shown
            update_line(self.query_one("#plan", Static), plan_text(self.data, self.lang))

    def show_condition(self, chosen: str | None) -> None:
        """Highlight ``chosen`` on the check-in line, unless it is highlighted already."""
        if self.lines_shown.get("checkin-row") != (shown := (chosen, self.lang)):
            self.lines_shown["checkin-row"] = shown
            update_line(self.query_one("#checkin-row", Static), self.checkin_line(chosen))

    def topic_title(self, topic_id: str) -> str:
        """A topic's title in the current language, from the course the worker read."""
        topic = self.data.course.topic(topic_id) if self.data else None
        return topic.title.get(self.lang) if topic else topic_id

    # ── actions ──────────────────────────────────────────────────────────────────────────

    def loaded(self) -> HomeData | None:
        """What the worker read; None (and says so) before it has."""
        if self.data is None:
            self.notify(self.t("still_loading"), timeout=2)
        return self.data

    def action_checkin(self, condition: str) -> None:
        """Record how the learner feels today and show what that means: what a check-in
        changes is read again off the UI thread, then the check-in line, the plan and the panels
        whose content changed are drawn, in place and in one frame."""
        data = self.loaded()
        if data is None:
            return
        app = self.app
        with app.reporting_errors():
            # today as of the key (Home may have been read before the day rolled over)
            today = study_day(app.session.now(), data.overview.tz or UTC, data.overview.rollover_hour)
            check_in(app.session.learner(app.lang), today, condition)
            if any(worker.node is self and worker.group == "load" and worker.is_running for worker in self.workers):
                self.refresh_data()  # a read of everything is under way: this one replaces it
            else:
                self.load_in_worker(lambda: read_after_checkin(app.session, data), self.show_data)

    def action_edit_goal(self) -> None:
        """Write or change the long-view goal in a small dialog."""
        data = self.loaded()
        if data is None:
            return
        # Deferred: the dialogs are not part of Home's first frame.
        from studytrack.ui.dialogs.goal import GoalDialog  # noqa: PLC0415

        current = data.overview.goal.text if data.overview.goal else ""
        self.app.push_screen(GoalDialog(current), self.save_goal)

    def save_goal(self, text: str | None) -> None:
        """Store the goal the dialog returned (nothing when cancelled)."""
        if text is None:
            return
        app = self.app
        with app.reporting_errors():
            set_goal(app.session.learner(app.lang), text)
            self.notify(self.t("goal_saved"))
            self.refresh_data()

    def action_practise(self) -> None:
        """A practice quiz on every topic to practise: answers are recorded, the review schedule
        does not move."""
        data = self.loaded()
        if data is not None and data.overview.practise:
            self.open_practice(data.overview.practise)
        elif data is not None:
            self.notify(self.t("nothing_to_practise"))

    def action_cancel_break(self) -> None:
        """Cancel the first planned break (typed wrong, or plans changed), after asking."""
        # Deferred: the dialogs are not part of Home's first frame.
        from studytrack.ui.dialogs.confirm import ask_then  # noqa: PLC0415

        data, app = self.loaded(), self.app
        if data is None or not data.breaks:
            self.notify(self.t("no_break"))
            return
        pause = data.breaks[0]
        question = self.t("cancel_break", start=pause.start_day.isoformat(), end=pause.end_day.isoformat())
        ask_then(app, question, self.t("cancel_break_detail"), lambda: self.cancel_break(pause.id))

    def cancel_break(self, break_id: int) -> None:
        """Cancel planned break ``break_id`` and show Home without it."""
        cancel_stored_break(self.app.session.learner(self.lang), break_id)
        self.refresh_data()

    def action_open_selected(self) -> None:
        """Open what the focused list has highlighted."""
        if isinstance(self.focused, OptionList):
            self.focused.action_select()

    @on(HomePanels.LessonChosen)
    def open_chosen_lesson(self, event: HomePanels.LessonChosen) -> None:
        """Open the lesson picked on the panels (where the learner was, if continuing)."""
        self.app.open_lesson(event.lesson_id, event.topic_id)

    @on(HomePanels.TopicChosen)
    def practise_chosen_topic(self, event: HomePanels.TopicChosen) -> None:
        """A practice quiz on the topic picked on the panels."""
        self.open_practice([event.topic_id])

    @on(HomePanels.FlagChosen)
    def show_chosen_flag(self, event: HomePanels.FlagChosen) -> None:
        """Show the lesson section of the flag picked on the panels."""
        self.app.open_topic(event.topic_id)
