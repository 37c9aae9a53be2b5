"""Home: today at a glance. How you feel, what that means for today and what today holds (from
the same planner as the review session and ``studytrack due``), the next lesson, what to
practise, your open flags, your long-view goal and the last 12 weeks.

What the learner waits for is a usable Home, so everything is read in one go off the UI thread
(``read_home_data``: the course's cached outline and titles, never a parse of its files, and
today's overview), started by the app as Textual starts (``StudyApp.on_load``). Home draws its
check-in line at once, then holds its frames until that read is done (briefly:
``FIRST_FRAME_WAIT``) and builds its panels with the data, so the next frame is the usable one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, OptionList, Static

from studytrack.i18n import Catalog
from studytrack.store.breaks import cancel_break as cancel_stored_break
from studytrack.store.journal import check_in, set_goal
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.screens.home_data import read_home_data
from studytrack.ui.widgets.checkin import CONDITIONS, checkin_key, condition_summary, how_are_you, minutes_text
from studytrack.ui.widgets.home_panels import HomeData, HomePanels

if TYPE_CHECKING:
    from studytrack.domain.planning.today import TodayPlan

TEXT = Catalog("ui.screens.home")

FIRST_FRAME_WAIT = 0.3
"""Seconds Home holds its frames for its data (read in about 20–60 ms): a wait the learner does
not notice, and the next frame they see is the usable one; past it, Home fills in later."""


def today_summary(plan: TodayPlan, lang: str) -> str:
    """What today's session holds (``TodayPlan``), never the size of a backlog:
    "Today: 6 reviews · 1 flag · about 5 min"."""
    if plan.break_until is not None:
        return TEXT("today_break", lang, end=plan.break_until.isoformat())
    if plan.is_empty:
        return TEXT("today_done" if "done" in plan.note_keys else "today_nothing", lang)
    parts: list[str] = []
    for count, key in ((len(plan.items), "due_reviews"), (len(plan.flag_ids), "due_flags")):
        if count:
            parts.append(TEXT(key, lang, count=count))
    if plan.new_items:
        parts.append(TEXT("new_items", lang, count=len(plan.new_items)))
    return TEXT("today", lang, parts=" · ".join(parts), minutes=minutes_text(plan.estimated_minutes))


class HomeScreen(StudyScreen):
    """The first screen: check in, then pick what to do today."""

    TEXT = TEXT
    COALESCE_RESIZES = True

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
        """Home starts empty; ``show_first`` fills it before its first frame."""
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

    def compose(self) -> ComposeResult:
        """The check-in and the footer; the panels once the data is read (``show_data``), so
        they are styled once, after Textual restyles the screen as it is first shown."""
        yield Static(self.checkin_line(), id="checkin-row")
        yield Static(self.t("loading"), id="plan")
        if self.panels is not None:  # a recompose (the language switch) keeps them
            yield self.new_panels()
        yield Footer(compact=True)

    def new_panels(self) -> HomePanels:
        """The lists, the goal and the calendar, empty until handed the data."""
        self.panels = HomePanels(id="home-body")
        return self.panels

    def on_screen_suspend(self) -> None:
        """Another screen covers Home: read again when coming back (``on_screen_resume``)."""
        self.covered = True

    def on_screen_resume(self) -> None:
        """Shown the first time: ``show_first``. Back from a lesson, a quiz or the flags: show
        what changed."""
        if not self.first_show_asked:
            self.first_show_asked = True
            self.call_later(self.show_first)  # after the start's resize events: they redraw all
        elif self.covered and self.data is not None:
            self.refresh_data()
        self.covered = False

    async def show_first(self) -> None:
        """Take the app's early read (``StudyApp.on_load``): frames wait for it up to
        ``FIRST_FRAME_WAIT``, so the next one is usable; past that, Home is drawn as it is and
        filled in when the read is done."""
        with self.app.batch_update():
            early = await self.app.wait_for_early_home(FIRST_FRAME_WAIT)
            if early is not None:
                self.early_read_taken = True
                await self.show_data(early)
        if early is None:
            self.load_data()

    def refresh_data(self) -> None:
        """Read everything again (another process may have added flags)."""
        self.load_data()

    def load_data(self) -> None:
        """Read the data off the UI thread: the app's early read the first time, then anew."""
        if self.early_read_taken:
            self.load_in_worker(lambda: read_home_data(self.app), self.show_data)
        else:
            self.early_read_taken = True
            self.load_in_worker(self.app.early_home_data, self.show_data)

    async def show_data(self, data: HomeData) -> None:
        """Show what was read, building the panels the first time; Home is then usable, and the
        app starts what it keeps for after (``after_home``)."""
        self.data = data
        if self.panels is None:
            await self.mount(self.new_panels(), before=self.query_one(Footer))
            self.query_one("#lessons").focus()
        self.show_state()
        self.app.after_home()

    def show_state(self) -> None:
        """Fill the check-in and hand the data to the panels."""
        if self.data is None:
            return
        self.show_checkin()
        if self.panels is not None:
            self.panels.data = self.data

    def checkin_line(self) -> Content:
        """The question and the three answers, each clickable; today's answer highlighted."""
        checkin = self.data.overview.checkin if self.data else None
        chosen = checkin.condition if checkin else None
        parts: list[str | tuple[str, str] | Content] = [
            ("studytrack", "bold $accent"), "  ", (how_are_you(self.lang), "bold"), "  "
        ]
        for number, condition in enumerate(CONDITIONS, start=1):
            style = "bold $text on $primary" if condition == chosen else "on $panel"
            label = checkin_key(condition, f" {number} {self.t(condition)} ")
            parts += [label.stylize(style), " "]
        return Content.assemble(*parts)

    def show_checkin(self) -> None:
        """Mark today's condition, say what it means for today and what today holds."""
        assert self.data is not None
        checkin, plan = self.data.overview.checkin, self.data.overview.plan
        self.query_one("#checkin-row", Static).update(self.checkin_line())
        if checkin is None or plan is None:
            meaning = self.t("plan_none")
        else:
            # the plan's budget is the daily one on a good or okay day, already capped on a low one
            meaning = condition_summary(checkin.condition, plan.budget_minutes, self.lang)
        lines = [Content(meaning)]
        if plan is not None and plan.break_until is not None and checkin is None:
            lines = []  # on a break there is nothing to size: the break is all today says
        if plan is not None:
            lines.append(Content.styled(today_summary(plan, self.lang), "bold $text"))
        for pause in self.data.breaks[:1]:
            lines.append(Content.styled(self.t("break_planned", start=pause.start_day.isoformat(),
                                               end=pause.end_day.isoformat()), "$warning"))
        self.query_one("#plan", Static).update(Content("\n").join(lines))

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
        """Record how the learner feels today and show what that means."""
        data = self.loaded()
        if data is None:
            return
        app = self.app
        with app.reporting_errors():
            check_in(app.session.learner(app.lang), data.overview.day, condition)
            self.refresh_data()

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
