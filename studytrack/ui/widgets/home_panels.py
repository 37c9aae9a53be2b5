"""Home's panels under the check-in: the lessons, what to practise, the open flags, the long-view
goal and the last 12 weeks.

Home builds them once its data is read (they are most of its start-up cost) and hands them
what it read through ``HomePanels.data``; they tell Home what the learner picked with messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from studytrack.clock import from_iso
from studytrack.domain.progress.standing import activity_level, calendar_weeks, new_material_today
from studytrack.i18n import Catalog
from studytrack.store.breaks import Break
from studytrack.store.outline_cache import CourseGlance
from studytrack.store.progress import Overview
from studytrack.store.settings import DaySettings
from studytrack.ui.widgets.calendar import ConsistencyCalendar
from studytrack.ui.widgets.flag_words import made_day

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.screens.home")
"""The panels speak Home's texts: they are the body of that screen."""

FLAGS_SHOWN = 3
"""How many of the oldest open flags Home lists."""

PRACTISE_SHOWN = 3
"""How many topics to practise Home lists."""

Styled = str | tuple[str, str]
"""A part of ``Content.assemble``: plain text or ``(text, style)``."""


class HomeData(NamedTuple):
    """What Home reads off the UI thread."""

    course: CourseGlance
    """The course's lessons and topic titles (its cached outline: no parse of its files)."""
    overview: Overview
    """Today at a glance."""
    breaks: tuple[Break, ...] = ()
    """The planned breaks not over yet, earliest first (Home shows the first, ``b`` cancels it)."""


class HomePanels(Horizontal):
    """The lessons, practise and flags lists on the left; the goal and the calendar on the right."""

    data: var[HomeData | None] = var(None, always_update=True)
    """What the panels show (None: empty); every new value redraws them."""

    app: StudyApp

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
        yield VerticalScroll(*lists, id="home-left")
        yield VerticalScroll(goal, calendar, id="home-right")

    def on_mount(self) -> None:
        """Show what was handed over before the panels were mounted."""
        self.watch_data(self.data)

    def watch_data(self, data: HomeData | None) -> None:
        """Redraw every panel from ``data``."""
        if data is None or not self.is_mounted:
            return
        course, overview = data.course, data.overview
        self.show_lessons(course, overview)
        self.show_practise(overview)
        self.show_flags(overview)
        self.show_goal(overview)
        self.show_calendar(overview)

    def topic_title(self, topic_id: str) -> str:
        """A topic's title in the current language (its id when the course lacks it)."""
        topic = self.data.course.topic(topic_id) if self.data else None
        return topic.title.get(self.app.lang) if topic else topic_id

    def show_lessons(self, course: CourseGlance, overview: Overview) -> None:
        """List the lessons, the finished ones ticked and the next one marked."""
        lang = self.app.lang
        reading = overview.reading
        condition = overview.checkin.condition if overview.checkin else None
        lessons = self.query_one("#lessons", OptionList)
        highlighted = lessons.highlighted
        lessons.clear_options()
        for number, lesson in enumerate(course.lessons, start=1):
            title = f"{number}. {lesson.title.get(lang)}"
            if lesson.id in overview.finished_lessons:
                prompt = Content.assemble(("✓ ", "$success"), title)
            elif reading is not None and lesson.id == reading.lesson_id:
                if reading.continuing:
                    note = TEXT("continue", lang)
                else:
                    note = TEXT("next" if new_material_today(condition) else "later", lang)
                prompt = Content.assemble(("▸ ", "bold $accent"), (title, "bold"), (f"  {note}", "$text-muted"))
            else:
                prompt = Content.assemble("  ", title)
            lessons.add_option(Option(prompt, id=lesson.id))
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
        """List the oldest open flags (all of them are on the flags screen)."""
        lang = self.app.lang
        flags = overview.open_flags
        flag_list = self.query_one("#open-flags", OptionList)
        flag_list.border_title = TEXT("flags", lang, count=len(flags)) if flags else TEXT("flags_none", lang)
        flag_list.clear_options()
        now, tz = self.app.session.now(), overview.tz
        assert tz is not None, "overview() always reads the learner's zone"
        days = DaySettings(tz, overview.rollover_hour)
        for flag in flags[:FLAGS_SHOWN]:
            age = made_day(flag.created_at, now, days).text(lang)
            parts: list[Styled] = [self.topic_title(flag.topic_id), (f"  {age}", "$text-muted")]
            if flag.note:
                parts.append((f" · {flag.note}", "italic"))
            flag_list.add_option(Option(Content.assemble(*parts), id=f"flag-{flag.id}"))
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
        """Shade the last 12 weeks by what the learner did each day."""
        levels = {day: activity_level(count) for day, count in overview.activity.items()}
        self.query_one("#calendar", ConsistencyCalendar).show(calendar_weeks(overview.day), levels, self.app.lang)

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
