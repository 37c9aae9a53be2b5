"""Home: today at a glance. How you feel, what that means for today and what today holds (from
the same planner as the review session and ``studytrack due``), the next lesson, what to
practise, your open flags, your long-view goal and the last 12 weeks.

The first frame needs only Textual: the database and the course are read in a thread worker
right after it (opening the database imports sqlite-utils and numpy, about 100 ms).
"""

from __future__ import annotations

import math

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Footer, Static

from studytrack.i18n import Catalog
from studytrack.ui.screens.base import StudyScreen

TEXT = Catalog("ui.screens.home")

CONDITIONS = ("good", "okay", "low")
"""The check-in's answers, in the order of their keys 1, 2, 3 (as ``store.journal.CONDITIONS``)."""


def minutes_text(minutes: float) -> str:
    """Minutes as a person reads them: whole, rounded up, at least 1."""
    return str(max(1, math.ceil(round(minutes, 2))))


def condition_summary(condition: str, daily_minutes: float, lang: str) -> str:
    """What a ``condition`` day holds, in the planner's own terms (``studytrack.domain.planning.today``):
    good → reviews and flags, then new material, within the daily budget; okay → reviews and
    flags only; low → at most ``LOW_MINUTES``, the most forgotten items and one flag."""
    from studytrack.domain.planning.today import budget_minutes

    minutes = minutes_text(budget_minutes(condition, daily_minutes))
    return TEXT(f"plan_{condition}", lang, minutes=minutes)


def today_summary(plan, lang: str) -> str:
    """What today's session holds (``TodayPlan``), never the size of a backlog:
    "Today: 6 reviews · 1 flag · about 5 min"."""
    if plan.break_until is not None:
        return TEXT("today_break", lang, end=plan.break_until.isoformat())
    if plan.is_empty:
        return TEXT("today_done" if "done" in plan.note_keys else "today_nothing", lang)
    parts = []
    for count, name in ((len(plan.items), "reviews"), (len(plan.flag_ids), "flags")):
        if count:
            parts.append(TEXT(f"{name}_one" if count == 1 else f"{name}_many", lang, count=count))
    if plan.new_items:
        parts.append(TEXT("new_items", lang, count=len(plan.new_items)))
    return TEXT("today", lang, parts=" · ".join(parts), minutes=minutes_text(plan.estimated_minutes))


FLAGS_SHOWN = 3
"""How many of the oldest open flags Home lists."""

PRACTISE_SHOWN = 3
"""How many topics to practise Home lists."""


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
    ]

    def __init__(self) -> None:
        """Home starts empty; ``load_data`` fills it after the first frame."""
        super().__init__()
        self.overview = None
        """Today at a glance (``studytrack.store.progress.Overview``); None until loaded."""
        self.course = None
        """The course; None until loaded."""
        self._building = False
        """True while the panels are being mounted for the first time."""

    def compose(self) -> ComposeResult:
        """The check-in at once; the panels once the data is read (see ``show_data``).

        The first frame holds three plain widgets on purpose: Home's start-up time is mostly
        the widgets of the first frame, so the rest is built once the data is there.
        """
        yield Static(self.checkin_line(), id="checkin-row")
        yield Static(self.t("loading"), id="plan")
        if self.overview is not None:
            yield self.build_panels()
        yield Footer(compact=True)

    def build_panels(self) -> Widget:
        """The lessons, practise and flags lists, the goal and the calendar (empty until filled).

        Imported and built after the first frame: they are most of Home's start-up cost.
        """
        from textual.containers import Horizontal, Vertical, VerticalScroll
        from textual.widgets import OptionList

        from studytrack.ui.widgets.calendar import ConsistencyCalendar

        lists = []
        for list_id, title in (("lessons", "lessons"), ("practise", "practise"), ("open-flags", "flags_none")):
            option_list = OptionList(id=list_id, classes="home-list")
            option_list.border_title = self.t(title)
            lists.append(option_list)
        goal = Vertical(Static("", id="goal-text"), Static("", id="goal-date"), id="goal-panel", classes="panel")
        goal.border_title = self.t("goal_heading")
        calendar = Vertical(
            ConsistencyCalendar(id="calendar"),
            Static(self.t("calendar_note"), id="calendar-note"),
            id="calendar-panel",
            classes="panel",
        )
        calendar.border_title = self.t("calendar")
        return Horizontal(
            VerticalScroll(*lists, id="home-left"),
            VerticalScroll(goal, calendar, id="home-right"),
            id="home-body",
        )

    def on_mount(self) -> None:
        """Read the data once the first frame is on screen (started earlier, the worker's imports
        of sqlite-utils and numpy would compete with it for the GIL)."""
        self.call_after_refresh(self.load_data)

    def on_screen_resume(self) -> None:
        """Coming back from a lesson, a quiz or the flags: show what changed."""
        if self.overview is not None:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Read everything again (another process may have added flags)."""
        self.load_data()

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        """Open the database and read the course off the UI thread, so the first frame is instant."""
        app = self.app
        with app.reporting_errors():
            course = app.course()
            from studytrack.store.progress import overview

            result = overview(app.db(), course, app.session.now())
            app.call_from_thread(self.show_data, course, result)

    async def show_data(self, course, overview) -> None:
        """Keep what was read and show it (building the panels the first time)."""
        self.course = course
        self.overview = overview
        if not self.query("#home-body"):
            if self._building:
                return  # the panels being built show the latest overview when they are ready
            self._building = True
            await self.mount(self.build_panels(), before=self.query_one(Footer))
            self._building = False
            self.query_one("#lessons").focus()
        self.show_state()

    def show_state(self) -> None:
        """Fill every panel from the overview."""
        if self.overview is None:
            return
        self.show_checkin()
        self.show_lessons()
        self.show_practise()
        self.show_flags()
        self.show_goal()
        self.show_calendar()

    def checkin_line(self) -> Content:
        """The question and the three answers, each clickable; today's answer highlighted."""
        checkin = self.overview.checkin if self.overview else None
        chosen = checkin.condition if checkin else None
        parts: list = [("studytrack", "bold $accent"), "  ", (self.t("how_are_you"), "bold"), "  "]
        for number, condition in enumerate(CONDITIONS, start=1):
            style = "bold $text on $primary" if condition == chosen else "on $panel"
            label = Content.from_markup(f"[@click=screen.checkin('{condition}')]$label[/]",
                                        label=f" {number} {self.t(condition)} ")
            parts += [label.stylize(style), " "]
        return Content.assemble(*parts)

    def show_checkin(self) -> None:
        """Mark today's condition, say what it means for today and what today holds."""
        checkin, plan = self.overview.checkin, self.overview.plan
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
        self.query_one("#plan", Static).update(Content("\n").join(lines))

    def show_lessons(self) -> None:
        """List the lessons, the finished ones ticked and the next one marked."""
        from textual.widgets.option_list import Option

        from studytrack.domain.progress.standing import new_material_today

        overview, lang = self.overview, self.lang
        reading = overview.reading
        condition = overview.checkin.condition if overview.checkin else None
        lessons = self.query_one("#lessons")
        highlighted = lessons.highlighted
        lessons.clear_options()
        for number, lesson in enumerate(self.course.lessons, start=1):
            title = f"{number}. {lesson.title.get(lang)}"
            if lesson.id in overview.finished_lessons:
                prompt = Content.assemble(("✓ ", "$success"), title)
            elif reading is not None and lesson.id == reading.lesson_id:
                if reading.continuing:
                    note = self.t("continue")
                else:
                    note = self.t("next") if new_material_today(condition) else self.t("later")
                prompt = Content.assemble(("▸ ", "bold $accent"), (title, "bold"), (f"  {note}", "$text-muted"))
            else:
                prompt = Content.assemble("  ", title)
            lessons.add_option(Option(prompt, id=lesson.id))
        if highlighted is None and reading is not None:
            highlighted = [lesson.id for lesson in self.course.lessons].index(reading.lesson_id)
        lessons.highlighted = highlighted if highlighted is not None else 0

    def show_practise(self) -> None:
        """List the topics to practise (wrong answers lately, or flagged)."""
        from textual.widgets.option_list import Option

        practise = self.query_one("#practise")
        practise.clear_options()
        topics = self.overview.practise
        for topic_id in topics[:PRACTISE_SHOWN]:
            practise.add_option(Option(self.topic_title(topic_id), id=f"topic-{topic_id}"))
        if len(topics) > PRACTISE_SHOWN:
            more = len(topics) - PRACTISE_SHOWN
            practise.add_option(Option(Content.styled(f"… +{more}", "$text-muted"), disabled=True))
        if not topics:
            practise.add_option(Option(Content.styled(self.t("nothing_to_practise"), "$text-muted"),
                                       disabled=True))

    def show_flags(self) -> None:
        """List the oldest open flags (all of them are on the flags screen)."""
        from textual.widgets.option_list import Option

        from studytrack.clock import from_iso
        from studytrack.ui.screens.flags import flag_age

        flags = self.overview.open_flags
        flag_list = self.query_one("#open-flags")
        flag_list.border_title = self.t("flags", count=len(flags)) if flags else self.t("flags_none")
        flag_list.clear_options()
        tz, rollover = self.overview.tz, self.overview.rollover_hour
        now = self.app.session.now()
        for flag in flags[:FLAGS_SHOWN]:
            age = flag_age(from_iso(flag.created_at), now, tz, rollover, self.lang)
            parts: list = [self.topic_title(flag.topic_id), (f"  {age}", "$text-muted")]
            if flag.note:
                parts.append((f" · {flag.note}", "italic"))
            flag_list.add_option(Option(Content.assemble(*parts), id=f"flag-{flag.id}"))
        if len(flags) > FLAGS_SHOWN:
            more = self.t("more_flags", count=len(flags) - FLAGS_SHOWN)
            flag_list.add_option(Option(Content.styled(more, "$text-muted"), disabled=True))
        if not flags:
            flag_list.add_option(Option(Content.styled(self.t("no_flags"), "$text-muted"), disabled=True))

    def show_goal(self) -> None:
        """Show the long-view goal with its date, or invite the learner to write one."""
        goal = self.overview.goal
        self.query_one("#goal-date", Static).display = goal is not None
        if goal is None:
            self.query_one("#goal-text", Static).update(self.t("goal_empty"))
            return
        self.query_one("#goal-text", Static).update(Content(goal.text))
        from studytrack.clock import from_iso

        written = from_iso(goal.created_at).astimezone(self.overview.tz).date()
        self.query_one("#goal-date", Static).update(self.t("goal_date", date=written.isoformat()))

    def show_calendar(self) -> None:
        """Shade the last 12 weeks by what the learner did each day."""
        from studytrack.domain.progress.standing import activity_level, calendar_weeks

        levels = {day: activity_level(count) for day, count in self.overview.activity.items()}
        self.query_one("#calendar").show(calendar_weeks(self.overview.day), levels, self.lang)

    def topic_title(self, topic_id: str) -> str:
        """A topic's title in the current language, from the course the worker read."""
        topic = self.course.topic(topic_id) if self.course else None
        return topic.title.get(self.lang) if topic else topic_id

    # ── actions ──────────────────────────────────────────────────────────────────────────

    def loaded(self) -> bool:
        """True once the overview is read; otherwise says so."""
        if self.overview is None:
            self.notify(self.t("still_loading"), timeout=2)
            return False
        return True

    def action_checkin(self, condition: str) -> None:
        """Record how the learner feels today and show what that means."""
        if not self.loaded():
            return
        from studytrack.store.journal import check_in

        app = self.app
        with app.reporting_errors():
            check_in(app.db(), self.overview.day, condition, app.session.now(), app.lang)
            self.refresh_data()

    def action_edit_goal(self) -> None:
        """Write or change the long-view goal in a small dialog."""
        if not self.loaded():
            return
        from studytrack.ui.dialogs.goal import GoalDialog

        current = self.overview.goal.text if self.overview.goal else ""
        self.app.push_screen(GoalDialog(current), self.save_goal)

    def save_goal(self, text: str | None) -> None:
        """Store the goal the dialog returned (nothing when cancelled)."""
        if text is None:
            return
        from studytrack.store.journal import set_goal

        app = self.app
        with app.reporting_errors():
            set_goal(app.db(), text, app.session.now(), app.lang)
            self.notify(self.t("goal_saved"))
            self.refresh_data()

    def action_practise(self) -> None:
        """A practice quiz on every topic to practise: answers are recorded, the review schedule
        does not move."""
        if not self.loaded():
            return
        topics = self.overview.practise
        if not topics:
            self.notify(self.t("nothing_to_practise"))
            return
        self.open_practice(topics)

    def action_open_selected(self) -> None:
        """Open what the focused list has highlighted."""
        from textual.widgets import OptionList

        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            option = focused.get_option_at_index(focused.highlighted)
            self.open_option(focused.id, option.id)

    def on_option_list_option_selected(self, event) -> None:
        """Enter or a click on a lesson, a topic or a flag."""
        event.stop()
        self.open_option(event.option_list.id, event.option.id)

    def open_option(self, list_id: str | None, option_id: str | None) -> None:
        """Open a lesson (where the learner was, if continuing), a topic's quiz, or a flag."""
        if not option_id or self.overview is None:
            return
        if list_id == "lessons":
            reading = self.overview.reading
            topic = reading.topic_id if reading and reading.lesson_id == option_id else None
            self.app.open_lesson(option_id, topic)
        elif list_id == "practise":
            self.open_practice([option_id.removeprefix("topic-")])
        elif list_id == "open-flags":
            flag_id = int(option_id.removeprefix("flag-"))
            flag = next((f for f in self.overview.open_flags if f.id == flag_id), None)
            if flag is not None:
                self.app.open_topic(flag.topic_id)
