"""Home's panels under the check-in: the lessons, what to practise, the open flags, the long-view
goal and the last 12 weeks; and the lines under the check-in (``plan_text``).

Home builds them with its data (they are most of its start-up cost) and hands them what it read
through ``HomePanels.data`` (set before they are mounted, they draw it as they are); each new
value redraws, in place, only the panels (and lesson lines) whose content changed. They tell Home
what the learner picked with messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from studytrack.clock import from_iso
from studytrack.domain.progress.standing import activity_level, calendar_weeks, new_material_today
from studytrack.i18n import Catalog
from studytrack.store.outline_cache import CourseGlance
from studytrack.store.progress import Overview
from studytrack.store.settings import DaySettings
from studytrack.ui.home_data import HomeData
from studytrack.ui.widgets.blank import Row, Scroll
from studytrack.ui.widgets.calendar import ConsistencyCalendar
from studytrack.ui.widgets.checkin import condition_summary, minutes_text
from studytrack.ui.widgets.flag_words import made_day

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

    from studytrack.domain.planning.today import TodayPlan
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.screens.home")
"""The panels speak Home's texts: they are the body of that screen."""

FLAGS_SHOWN = 3
"""How many of the oldest open flags Home lists."""

PRACTISE_SHOWN = 3
"""How many topics to practise Home lists."""

Styled = str | tuple[str, str]
"""A part of ``Content.assemble``: plain text or ``(text, style)``."""


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


def plan_text(data: HomeData, lang: str) -> Content:
    """What today's condition means for today, what today holds and a planned break (the lines
    under Home's check-in)."""
    checkin, plan = data.overview.checkin, data.overview.plan
    if checkin is None or plan is None:
        meaning = TEXT("plan_none", lang)
    else:
        # the plan's budget is the daily one on a good or okay day, already capped on a low one
        meaning = condition_summary(checkin.condition, plan.budget_minutes, lang)
    lines = [Content(meaning)]
    if plan is not None and plan.break_until is not None and checkin is None:
        lines = []  # on a break there is nothing to size: the break is all today says
    if plan is not None:
        lines.append(Content.styled(today_summary(plan, lang), "bold $text"))
    for pause in data.breaks[:1]:
        lines.append(Content.styled(TEXT("break_planned", lang, start=pause.start_day.isoformat(),
                                         end=pause.end_day.isoformat()), "$warning"))
    return Content("\n").join(lines)


def plan_said(data: HomeData, lang: str) -> object:
    """What ``plan_text`` says for ``data``, as values compared: Home draws its lines again
    only when these change."""
    checkin = data.overview.checkin
    return checkin.condition if checkin else None, data.overview.plan, data.breaks[:1], lang


def update_line(line: Static, content: Content) -> None:
    """Show ``content`` in ``line``; the screen is laid out again only when it takes another
    number of rows (a layout measures and places every widget on the screen)."""
    width = line.content_size.width
    rules = cast("RulesMap", line.styles)  # as Textual measures a widget (``Widget.get_content_height``)
    line.update(content, layout=width <= 0 or content.get_height(rules, width) != line.content_size.height)


def lesson_prompt(mark: str, title: str, note: str) -> Content:
    """A lesson's line on Home: ticked when ``finished``, marked (with its ``note``: continue,
    next or later) when ``marked``, else plain."""
    if mark == "finished":
        return Content.assemble(("✓ ", "$success"), title)
    if mark == "marked":
        return Content.assemble(("▸ ", "bold $accent"), (title, "bold"), (f"  {note}", "$text-muted"))
    return Content.assemble("  ", title)


class HomePanels(Row):
    """The lessons, practise and flags lists on the left; the goal and the calendar on the right."""

    data: var[HomeData | None] = var(None, always_update=True)
    """What the panels show (None: empty); every new value redraws them."""

    app: StudyApp

    def __init__(self, *, id: str | None = None) -> None:
        """Empty panels; ``data`` fills them."""
        super().__init__(id=id)
        self.drawn: dict[str, object] = {}
        """Panel → what it shows, as values compared with the next data (``changed``)."""

    class LessonChosen(Message):
        """The learner picked a lesson: open it (at ``topic_id`` when continuing there)."""

        def __init__(self, lesson_id: str, topic_id: str | None) -> None:
            """A pick of ``lesson_id``, to be opened at ``topic_id``'s section when given."""
            super().__init__()
            self.lesson_id = lesson_id
            """The lesson to open."""
            self.topic_id = topic_id
            """Where the learner stopped reading it (None: at its start)."""

    class TopicChosen(Message):
        """The learner picked a topic to practise."""

        def __init__(self, topic_id: str) -> None:
            """A pick of ``topic_id`` in the practise list."""
            super().__init__()
            self.topic_id = topic_id
            """The topic to practise."""

    class FlagChosen(Message):
        """The learner picked an open flag: show the section its topic is taught in."""

        def __init__(self, topic_id: str) -> None:
            """A pick of a flag on ``topic_id``."""
            super().__init__()
            self.topic_id = topic_id
            """The flagged topic."""

    def compose(self) -> ComposeResult:
        """The three lists, the goal and the calendar, titled in the app's language."""
        lang = self.app.lang
        lists = []
        for list_id, title in (("lessons", "lessons"), ("practise", "practise"), ("open-flags", "flags_none")):
            option_list = OptionList(id=list_id, classes="home-list")
            option_list.border_title = TEXT(title, lang)
            lists.append(option_list)
        goal = Vertical(Static("", id="goal-text"), Static("", id="goal-date"), id="goal-panel", classes="panel")
        goal.border_title = TEXT("goal_heading", lang)
        calendar = Vertical(
            ConsistencyCalendar(id="calendar"),
            Static(TEXT("calendar_note", lang), id="calendar-note"),
            id="calendar-panel",
            classes="panel",
        )
        calendar.border_title = TEXT("calendar", lang)
        yield Scroll(*lists, id="home-left")
        yield Scroll(goal, calendar, id="home-right")

    def on_mount(self) -> None:
        """Show what was handed over before the panels were mounted (their children are
        composed by now; ``is_mounted`` turns true only after this handler)."""
        if self.data is not None:
            self.show_data(self.data)

    def watch_data(self, data: HomeData | None) -> None:
        """Redraw the panels from ``data`` once mounted (``on_mount`` draws it before)."""
        if data is not None and self.is_mounted:
            self.show_data(data)

    def show_data(self, data: HomeData) -> None:
        """Fill the panels from ``data``, redrawing only those whose content changed since they
        were last drawn: a check-in changes the next lesson's note and today's square, and the
        rest stays as drawn (nothing cleared, measured or drawn again)."""
        course, overview, lang = data.course, data.overview, self.app.lang
        self.show_lessons(course, overview)
        if self.changed("practise", (course, tuple(overview.practise), lang)):
            self.show_practise(overview)
        self.show_flags(overview)
        if self.changed("goal", (overview.goal, overview.tz, lang)):
            self.show_goal(overview)
        self.show_calendar(overview)

    def changed(self, panel: str, shown: object) -> bool:
        """Whether ``panel`` is to show something else than ``shown`` (what it shows, as values
        compared), remembering ``shown`` as what it shows from now on."""
        if panel in self.drawn and self.drawn[panel] == shown:
            return False
        self.drawn[panel] = shown
        return True

    def topic_title(self, topic_id: str) -> str:
        """A topic's title in the current language (its id when the course lacks it)."""
        topic = self.data.course.topic(topic_id) if self.data else None
        return topic.title.get(self.app.lang) if topic else topic_id

    def show_lessons(self, course: CourseGlance, overview: Overview) -> None:
        """List the lessons, the finished ones ticked and the next one marked; a list of the same
        lessons has only the lines that changed redrawn (a check-in changes the marked one's note)."""
        lang = self.app.lang
        reading = overview.reading
        condition = overview.checkin.condition if overview.checkin else None
        lines: list[tuple[str, str, str, str]] = []  # each lesson's id, mark, title and note
        for number, lesson in enumerate(course.lessons, start=1):
            title, mark, note = f"{number}. {lesson.title.get(lang)}", "", ""
            if lesson.id in overview.finished_lessons:
                mark = "finished"
            elif reading is not None and lesson.id == reading.lesson_id:
                mark = "marked"
                if reading.continuing:
                    note = TEXT("continue", lang)
                else:
                    note = TEXT("next" if new_material_today(condition) else "later", lang)
            lines.append((lesson.id, mark, title, note))
        lessons = self.query_one("#lessons", OptionList)
        highlighted = lessons.highlighted
        drawn = self.drawn.get("lessons")
        if isinstance(drawn, list) and [line[0] for line in drawn] == [line[0] for line in lines]:
            for index, (was, line) in enumerate(zip(drawn, lines, strict=True)):
                if was != line:
                    lessons.replace_option_prompt_at_index(index, lesson_prompt(*line[1:]))
        else:
            lessons.clear_options()
            lessons.add_options([Option(lesson_prompt(*line[1:]), id=line[0]) for line in lines])
        self.drawn["lessons"] = lines
        if reading is not None:  # the cursor starts on the marked lesson: Enter opens what is marked
            highlighted = [lesson.id for lesson in course.lessons].index(reading.lesson_id)
        lessons.highlighted = highlighted if highlighted is not None else 0

    def show_practise(self, overview: Overview) -> None:
        """List the topics to practise (wrong answers lately, or flagged)."""
        practise = self.query_one("#practise", OptionList)
        practise.clear_options()
        topics = overview.practise
        for topic_id in topics[:PRACTISE_SHOWN]:
            practise.add_option(Option(self.topic_title(topic_id), id=f"topic-{topic_id}"))
        if len(topics) > PRACTISE_SHOWN:
            more = len(topics) - PRACTISE_SHOWN
            practise.add_option(Option(Content.styled(f"… +{more}", "$text-muted"), disabled=True))
        if not topics:
            nothing = TEXT("nothing_to_practise", self.app.lang)
            practise.add_option(Option(Content.styled(nothing, "$text-muted"), disabled=True))

    def show_flags(self, overview: Overview) -> None:
        """List the oldest open flags (all of them are on the flags screen), unless the list
        drawn says the same already."""
        lang = self.app.lang
        flags = overview.open_flags
        now, tz = self.app.session.now(), overview.tz
        assert tz is not None, "overview() always reads the learner's zone"
        days = DaySettings(tz, overview.rollover_hour)
        rows = [(flag.id, self.topic_title(flag.topic_id), made_day(flag.created_at, now, days).text(lang), flag.note)
                for flag in flags[:FLAGS_SHOWN]]
        if not self.changed("flags", (rows, len(flags), lang)):
            return
        flag_list = self.query_one("#open-flags", OptionList)
        flag_list.border_title = TEXT("flags", lang, count=len(flags)) if flags else TEXT("flags_none", lang)
        flag_list.clear_options()
        for flag_id, title, age, note in rows:
            parts: list[Styled] = [title, (f"  {age}", "$text-muted")]
            if note:
                parts.append((f" · {note}", "italic"))
            flag_list.add_option(Option(Content.assemble(*parts), id=f"flag-{flag_id}"))
        if len(flags) > FLAGS_SHOWN:
            more = TEXT("more_flags", lang, count=len(flags) - FLAGS_SHOWN)
            flag_list.add_option(Option(Content.styled(more, "$text-muted"), disabled=True))
        if not flags:
            flag_list.add_option(Option(Content.styled(TEXT("no_flags", lang), "$text-muted"), disabled=True))

    def show_goal(self, overview: Overview) -> None:
        """Show the long-view goal with its date, or invite the learner to write one."""
        lang, goal = self.app.lang, overview.goal
        goal_date = self.query_one("#goal-date", Static)
        goal_date.display = goal is not None
        if goal is None:
            self.query_one("#goal-text", Static).update(TEXT("goal_empty", lang))
            return
        self.query_one("#goal-text", Static).update(Content(goal.text))
        written = from_iso(goal.created_at).astimezone(overview.tz).date()
        goal_date.update(TEXT("goal_date", lang, date=written.isoformat()))

    def show_calendar(self, overview: Overview) -> None:
        """Shade the last 12 weeks by what the learner did each day, unless the calendar shows
        that already (on the same weeks, the calendar draws only the new shades: no layout)."""
        levels = {day: activity_level(count) for day, count in overview.activity.items()}
        if not self.changed("calendar", (overview.day, self.app.lang, levels)):
            return
        calendar = self.query_one("#calendar", ConsistencyCalendar)
        calendar.show(calendar_weeks(overview.day), levels, self.app.lang)

    @on(OptionList.OptionSelected)
    def tell_what_was_chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a lesson, a topic or a flag: tell Home which."""
        event.stop()
        option_id, list_id = event.option.id, event.option_list.id
        if not option_id or self.data is None:
            return
        overview = self.data.overview
        if list_id == "lessons":
            reading = overview.reading
            topic = reading.topic_id if reading and reading.lesson_id == option_id else None
            self.post_message(self.LessonChosen(option_id, topic))
        elif list_id == "practise":
            self.post_message(self.TopicChosen(option_id.removeprefix("topic-")))
        elif list_id == "open-flags":
            flag_id = int(option_id.removeprefix("flag-"))
            flag = next((f for f in overview.open_flags if f.id == flag_id), None)
            if flag is not None:
                self.post_message(self.FlagChosen(flag.topic_id))
