"""Mistakes: the quiz items and exercises the learner got wrong, with their own answer and the
study day it happened (in the learner's zone, after their rollover hour), newest first; ``t``
filters by topic and Enter drills one again as practice (recorded, the review schedule untouched)."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.domain.content.course import Course
from studytrack.domain.exercises.model import Exercise, load_exercises
from studytrack.domain.progress.standing import next_in_cycle
from studytrack.i18n import Catalog
from studytrack.store.mistakes import Mistake, wrong_answers
from studytrack.store.settings import DaySettings, day_settings
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.flag_words import made_day
from studytrack.ui.widgets.keys_line import KeysLine
from studytrack.ui.widgets.lesson_text import inline_marks

TEXT = Catalog("ui.screens.mistakes")


class MistakesData(NamedTuple):
    """What the mistakes screen reads off the UI thread."""

    course: Course
    exercises: dict[str, Exercise]
    """The course's exercises by id (titles, and where Enter goes)."""
    mistakes: list[Mistake]
    """Every wrong check, newest first."""
    days: DaySettings
    """The learner's zone and rollover hour: which study day a mistake was made on."""


class MistakesScreen(StudyScreen):
    """Every wrong answer, newest first, with what the learner answered."""

    TEXT = TEXT

    BINDINGS = [
        Binding("enter", "drill", "Practise", show=False),
        Binding("t", "cycle_topic", "Topic"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        """Every topic at first; the data comes from a worker."""
        super().__init__()
        self.topic: str | None = None
        """The topic shown (None: all)."""
        self.data: MistakesData | None = None
        """What was read; None until then."""

    def compose(self) -> ComposeResult:
        """The filter line and the list."""
        yield Header()
        yield Static(self.t("loading"), id="mistakes-filter")
        yield OptionList(id="mistake-list")
        yield KeysLine()

    def on_mount(self) -> None:
        """Read the mistakes off the UI thread."""
        self.query_one("#mistake-list", OptionList).focus()
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read again (a practice run may have added some)."""
        self.load_in_worker(self.read_data, self.show_data)

    def read_data(self) -> MistakesData:
        """The course, its exercises and every wrong check (run in the worker)."""
        app = self.app
        course = app.course()
        exercises = {exercise.id: exercise for exercise in load_exercises(course.root, course.topic_ids)}
        topics = {exercise.id: exercise.topic for exercise in exercises.values()}
        db = app.db()
        return MistakesData(course, exercises, wrong_answers(db, topics), day_settings(db))

    def show_data(self, data: MistakesData) -> None:
        """Keep what was read and show it."""
        self.data = data
        self.show_state()

    def shown(self) -> list[Mistake]:
        """The mistakes the topic filter lets through."""
        mistakes = self.data.mistakes if self.data else []
        return [mistake for mistake in mistakes if self.topic in (None, mistake.topic_id)]

    def show_state(self) -> None:
        """The filter line and one entry per mistake."""
        self.title, self.sub_title = self.t("title"), self.t("subtitle")
        if self.data is None:
            return
        topic = self.topic_title(self.topic) if self.topic else self.t("all_topics")
        self.query_one("#mistakes-filter", Static).update(self.t("filter", topic=topic))
        mistakes = self.query_one("#mistake-list", OptionList)
        mistakes.clear_options()
        shown = self.shown()
        for index, mistake in enumerate(shown):
            mistakes.add_option(Option(self.prompt(mistake), id=f"mistake-{index}"))
        if not shown:
            mistakes.add_option(Option(Content.styled(self.t("none"), "$text-muted"), disabled=True))
        else:
            mistakes.highlighted = 0

    def prompt(self, mistake: Mistake) -> Content:
        """Two lines: the topic, what was asked and on which study day ("yesterday"); then the
        learner's own answer."""
        assert self.data is not None
        lang, asked, answer = self.lang, mistake.subject_id, mistake.answer
        item = self.data.course.quiz_item(mistake.subject_id) if mistake.kind == "quiz" else None
        if item is not None:
            asked = item.prompt.get(lang)
            choice = item.recorded_choice(answer)
            answer = choice.get(lang) if choice is not None else answer
        elif mistake.subject_id in self.data.exercises:
            asked = self.t("exercise", title=self.data.exercises[mistake.subject_id].title.get(lang))
        when = made_day(mistake.created_at, self.app.session.now(), self.data.days).text(lang)
        return Content.assemble(
            (self.topic_title(mistake.topic_id), "bold"), (f"  {when}", "$text-muted"), "\n  ",
            inline_marks(asked), "\n  ", (self.t("your_answer", answer=answer or self.t("no_answer")), "$error"))

    def action_cycle_topic(self) -> None:
        """Show the next topic that has mistakes: all → each topic → all."""
        topics = list(dict.fromkeys(m.topic_id for m in (self.data.mistakes if self.data else [])))
        self.topic = next_in_cycle((None, *topics), self.topic)
        self.show_state()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a mistake: drill it."""
        event.stop()
        self.action_drill()

    def action_drill(self) -> None:
        """Try the highlighted one again: a quiz item as practice (the schedule stays), an
        exercise on the exercise screen (exercises never move it)."""
        option = self.query_one("#mistake-list", OptionList).highlighted_option
        if option is None or not option.id:
            return
        mistake = self.shown()[int(option.id.removeprefix("mistake-"))]
        if mistake.kind == "quiz":
            self.app.open_screen("quiz", item_ids=[mistake.subject_id], practice=True,
                                 title=self.t("drill_title", topic=self.topic_title(mistake.topic_id)))
        else:
            self.app.open_screen("exercise", topic_id=mistake.topic_id, exercise_id=mistake.subject_id)
