"""Home: today at a glance. How you feel, what that means for today and what today holds (from
the same planner as the review session and ``studytrack due``), the next lesson, what to
practise, your open flags, your long-view goal and the last 12 weeks.

The first frame needs only Textual: the database and the course are read in a thread worker
right after it (opening the database imports sqlite-utils and numpy, about 100 ms).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.reactive import var
from textual.widgets import Footer, OptionList, Static

from studytrack.i18n import Catalog
from studytrack.ui.screens.base import StudyScreen
from studytrack.vocabulary import Condition

if TYPE_CHECKING:
    from studytrack.domain.planning.today import TodayPlan
    from studytrack.ui.widgets.home_panels import HomeData, HomePanels

TEXT = Catalog("ui.screens.home")

CONDITIONS = tuple(Condition)
"""The check-in's answers, in the order of their keys 1, 2, 3."""


def minutes_text(minutes: float) -> str:
    """Minutes as a person reads them: whole, rounded up, at least 1."""
    return str(max(1, math.ceil(round(minutes, 2))))


def condition_summary(condition: str, daily_minutes: float, lang: str) -> str:
    """What a ``condition`` day holds, in the planner's own terms (``studytrack.domain.planning.today``):
    good → reviews and flags, then new material, within the daily budget; okay → reviews and
    flags only; low → at most ``LOW_MINUTES``, the most forgotten items and one flag."""
    # Deferred: the planner module costs ~15 ms to import; the worker loads it after the first frame.
    from studytrack.domain.planning.today import budget_minutes  # noqa: PLC0415

    minutes = minutes_text(budget_minutes(condition, daily_minutes))
    return TEXT(f"plan_{condition}", lang, minutes=minutes)


def today_summary(plan: TodayPlan, lang: str) -> str:
    """What today's session holds (``TodayPlan``), never the size of a backlog:
    "Today: 6 reviews · 1 flag · about 5 min"."""
    if plan.break_until is not None:
        return TEXT("today_break", lang, end=plan.break_until.isoformat())
    if plan.is_empty:
        return TEXT("today_done" if "done" in plan.note_keys else "today_nothing", lang)
    parts: list[str] = []
    for count, name in ((len(plan.items), "reviews"), (len(plan.flag_ids), "flags")):
        if count:
            parts.append(TEXT(f"{name}_one" if count == 1 else f"{name}_many", lang, count=count))
    if plan.new_items:
        parts.append(TEXT("new_items", lang, count=len(plan.new_items)))
    return TEXT("today", lang, parts=" · ".join(parts), minutes=minutes_text(plan.estimated_minutes))


class HomeScreen(StudyScreen):
    """The first screen: check in, then pick what to do today."""

    TEXT = TEXT

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

    data: var[HomeData | None] = var(None, always_update=True)
    """The course and today's overview, None until the worker has read them; every new value
    redraws the check-in and the panels."""

    def __init__(self) -> None:
        """Home starts empty; ``load_data`` fills it after the first frame."""
        super().__init__()
        self.panels: HomePanels | None = None
        """The lists, the goal and the calendar, once built (rebuilt by a language switch)."""

    def compose(self) -> ComposeResult:
        """The check-in at once; the panels once the data is read (see ``watch_data``).

        The first frame holds three plain widgets on purpose: Home's start-up time is mostly
        the widgets of the first frame, so the rest is built once the data is there.
        """
        yield Static(self.checkin_line(), id="checkin-row")
        yield Static(self.t("loading"), id="plan")
        if self.data is not None:
            yield self.new_panels()
        yield Footer(compact=True)

    def new_panels(self) -> HomePanels:
        """The lists, the goal and the calendar, empty until handed the data."""
        # Deferred: the panels import the store (sqlite-utils, numpy: ~100 ms) and are most of
        # Home's widgets; the first frame has neither.
        from studytrack.ui.widgets.home_panels import HomePanels  # noqa: PLC0415

        self.panels = HomePanels(id="home-body")
        return self.panels

    def on_mount(self) -> None:
        """Read the data once the first frame is on screen (started earlier, the worker's imports
        of sqlite-utils and numpy would compete with it for the GIL)."""
        self.call_after_refresh(self.load_data)

    def on_screen_resume(self) -> None:
        """Coming back from a lesson, a quiz or the flags: show what changed."""
        if self.data is not None:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Read everything again (another process may have added flags)."""
        self.load_data()

    def load_data(self) -> None:
        """Open the database and read the course off the UI thread, so the first frame is instant."""
        self.load_in_worker(self.read_data, self.show_data)

    def read_data(self) -> HomeData:
        """The course and today's overview (run in the worker)."""
        # Deferred: the store imports sqlite-utils and numpy (~100 ms), after the first frame.
        from studytrack.store.breaks import upcoming_breaks  # noqa: PLC0415
        from studytrack.store.progress import overview  # noqa: PLC0415 - as above
        from studytrack.ui.widgets.home_panels import HomeData  # noqa: PLC0415 - the panels import the store

        app = self.app
        course, db = app.course(), app.db()
        today = overview(db, course, app.session.now())
        return HomeData(course, today, tuple(upcoming_breaks(db, today.day)))

    def show_data(self, data: HomeData) -> None:
        """Keep what the worker read (``watch_data`` shows it)."""
        self.data = data

    async def watch_data(self, data: HomeData | None) -> None:
        """Show the new data, building the panels the first time (data arriving while they are
        being mounted is handed to them at once: they show it when mounted)."""
        if data is None:
            return
        if self.panels is None:
            await self.mount(self.new_panels(), before=self.query_one(Footer))
            self.query_one("#lessons").focus()
        self.show_state()

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
            ("studytrack", "bold $accent"), "  ", (self.t("how_are_you"), "bold"), "  "
        ]
        for number, condition in enumerate(CONDITIONS, start=1):
            style = "bold $text on $primary" if condition == chosen else "on $panel"
            label = Content.from_markup(f"[@click=screen.checkin('{condition}')]$label[/]",
                                        label=f" {number} {self.t(condition)} ")
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
        # Deferred: the store imports sqlite-utils and numpy; Home's first frame must not.
        from studytrack.store.journal import check_in  # noqa: PLC0415

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
        # Deferred: the store imports sqlite-utils and numpy; Home's first frame must not.
        from studytrack.store.journal import set_goal  # noqa: PLC0415

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
        # Deferred: the dialogs and the store are not part of Home's first frame.
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
        from studytrack.store.breaks import cancel_break  # noqa: PLC0415 - the store, after the first frame

        cancel_break(self.app.session.learner(self.lang), break_id)
        self.refresh_data()

    def action_open_selected(self) -> None:
        """Open what the focused list has highlighted."""
        if isinstance(self.focused, OptionList):
            self.focused.action_select()

    def on_home_panels_lesson_chosen(self, event: HomePanels.LessonChosen) -> None:
        """Open the lesson picked on the panels (where the learner was, if continuing)."""
        self.app.open_lesson(event.lesson_id, event.topic_id)

    def on_home_panels_topic_chosen(self, event: HomePanels.TopicChosen) -> None:
        """A practice quiz on the topic picked on the panels."""
        self.open_practice([event.topic_id])

    def on_home_panels_flag_chosen(self, event: HomePanels.FlagChosen) -> None:
        """Show the lesson section of the flag picked on the panels."""
        self.app.open_topic(event.topic_id)
