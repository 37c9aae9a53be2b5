"""The exercise browser: every exercise of the course in topic order, solved ones ticked; Enter
opens one (reachable from everywhere with ``E``, not only from a lesson section)."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.domain.exercises.model import Exercise, load_exercises
from studytrack.i18n import Catalog
from studytrack.store.exercise_attempts import exercise_outcomes
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.keys_line import KeysLine

TEXT = Catalog("ui.screens.exercise_list")


class ExerciseList(NamedTuple):
    """What the browser reads off the UI thread."""

    exercises: list[Exercise]
    """Every exercise, in the course's topic order."""
    outcomes: dict[str, set[str]]
    """Exercise id → the outcomes its checks had (``correct`` among them: solved)."""


class ExerciseListScreen(StudyScreen):
    """Every exercise with its topic and whether it is solved or tried."""

    TEXT = TEXT

    BINDINGS = [
        Binding("enter", "open_exercise", "Open", show=False),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        """Empty until the worker has read the exercises."""
        super().__init__()
        self.data: ExerciseList | None = None
        """What was read; None until then."""

    def compose(self) -> ComposeResult:
        """A line saying what Enter does, and the list."""
        yield Header()
        yield Static(self.t("lead"), id="exercise-list-lead")
        yield OptionList(id="exercise-list")
        yield KeysLine()

    def on_mount(self) -> None:
        """Read the exercises and the learner's checks off the UI thread."""
        self.query_one("#exercise-list", OptionList).focus()
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read again (a check may have solved one)."""
        self.load_in_worker(self.read_data, self.show_data)

    def read_data(self) -> ExerciseList:
        """The exercises in topic order and their outcomes so far (run in the worker)."""
        app = self.app
        course = app.course()
        order = {topic: index for index, topic in enumerate(course.topic_ids)}
        exercises = sorted(load_exercises(course.root, course.topic_ids), key=lambda e: order.get(e.topic, 0))
        return ExerciseList(exercises, exercise_outcomes(app.db()))

    def show_data(self, data: ExerciseList) -> None:
        """Keep what was read and show it."""
        self.data = data
        self.show_state()

    def show_state(self) -> None:
        """One line per exercise: ✓ solved, · tried, then its title and topic."""
        self.title, self.sub_title = self.t("title"), ""
        if self.data is None:
            return
        listing = self.query_one("#exercise-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        for exercise in self.data.exercises:
            outcomes = self.data.outcomes.get(exercise.id, set())
            mark = ("✓ ", "$success") if "correct" in outcomes else ("· ", "$warning") if outcomes else "  "
            listing.add_option(Option(Content.assemble(
                mark, (exercise.title.get(self.lang), "bold"), (f"  {self.topic_title(exercise.topic)}", "$text-muted"),
            ), id=exercise.id))
        listing.highlighted = highlighted if highlighted is not None else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an exercise opens it."""
        event.stop()
        self.action_open_exercise()

    def action_open_exercise(self) -> None:
        """Open the highlighted exercise (with the others of its topic beside it)."""
        option = self.query_one("#exercise-list", OptionList).highlighted_option
        exercise = next((e for e in self.data.exercises if option and e.id == option.id), None) if self.data else None
        if exercise is not None:
            self.app.open_screen("exercise", topic_id=exercise.topic, exercise_id=exercise.id)
