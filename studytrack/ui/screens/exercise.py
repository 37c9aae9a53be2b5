"""Exercises: the runnable problems of one topic, checked by the engine, with a hint ladder, the worked
solution after an attempt, plots of the learner's runs and a learning-rate playground.

A thin face over ``studytrack.domain.exercises`` (the same functions as ``studytrack exercise …``):
the screen keeps the topic's deck of problems and composes the widgets that do the work
(``ProblemView`` and its answer form, code check, feedback, hint ladder, solution and plots, or
the rate playground); they change in place, and only another problem is drawn anew."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.events import DescendantFocus
from textual.reactive import var
from textual.widgets import Header, Input, OptionList, Static

from studytrack.domain.exercises.model import Exercise
from studytrack.domain.exercises.plots import Playground
from studytrack.i18n import Catalog
from studytrack.ui.screens import exercise_data
from studytrack.ui.screens.base import StudyScreen, focus_without_repaint, layouts_posted
from studytrack.ui.widgets.answer_form import AnswerForm
from studytrack.ui.widgets.code_check import CodeCheck
from studytrack.ui.widgets.in_place import update_in_place
from studytrack.ui.widgets.keys_line import KeysLine
from studytrack.ui.widgets.problem_state import ProblemState
from studytrack.ui.widgets.problem_view import ProblemView

TEXT = Catalog("ui.screens.exercise")


class ExerciseScreen(StudyScreen):
    """The exercises of one topic: answer, check, hints, solution, plots and the rate playground."""

    TEXT = TEXT
    CSS_PATH = "exercise.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    """Wide terminals show the plots side by side."""

    BINDINGS = exercise_data.EXERCISE_KEYS
    """Every key of the screen; ``check_action`` offers each where it means something."""

    wall_seconds: float | None = None
    """The wall-clock limit of a code check (None: the sandbox's default); tests shorten it."""

    focused = focus_without_repaint()
    """Textual's, minus its whole-screen repaint on a focus move."""
    checking: var[bool] = var(False, init=False)
    """True while a code check runs in its worker."""

    def __init__(self, topic_id: str, exercise_id: str | None = None, seed: int | None = None,
                 difficulty: str | None = None):
        """``topic_id``'s exercises from ``exercise_id``; ``seed`` fixes the numbers, ``difficulty`` the variant."""
        super().__init__()
        self.topic_id, self.start_exercise = topic_id, exercise_id
        """The topic practised and the exercise shown first."""
        self.deck = exercise_data.ExerciseDeck(seed=seed, difficulty=difficulty)
        """The exercises (read in a worker), the one shown, each one's problem; the variant (else today's plan's)."""
        self.workspace: Path | None = None
        """The code exercises' workspace folder, once there is one."""
        self.playground: Playground | None = None
        """The open learning-rate playground, or None."""
        self.answering = True
        """True when the focus belongs in the answer boxes: before a check and after one (until Esc or a hint)."""
        self.next_note = ""
        """The note the next drawing of the body shows (new numbers, another difficulty …)."""

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        """The topic's exercises, in course order."""
        return self.deck.exercises

    @property
    def exercise(self) -> Exercise | None:
        """The exercise shown, or None when the topic has none."""
        return self.deck.exercise

    @property
    def attempt(self) -> ProblemState | None:
        """The shown exercise's problem and progress (made on first show)."""
        return self.deck.attempt(self.app.session.now())

    def on_mount(self) -> None:
        """Read the exercises, the workspace and today's preferred difficulty off the UI thread."""
        self.load_in_worker(lambda: exercise_data.load_exercise_data(self.app, self.topic_id, self.deck.difficulty),
                            self.show_data)

    def show_data(self, loaded: exercise_data.ExerciseData) -> None:
        """Show the exercise asked for (else the first) once the data is read."""
        self.deck.take(loaded, self.start_exercise)
        self.workspace = loaded.workspace
        self.call_later(self.redraw)

    def compose(self) -> ComposeResult:
        """The exercise tabs, the body (the exercise or the playground) and the key line."""
        yield Header()
        if len(self.exercises) > 1:
            yield Static(exercise_data.tabs_line(self.exercises, self.deck.index, self.lang), id="exercise-tabs")
        note, self.next_note = self.next_note, ""
        yield ProblemView(self.attempt, self.lang, workspace=self.workspace, playground=self.playground,
                          note=note, checking=self.checking, loaded=self.is_mounted, id="exercise-body")
        yield Static(self.keys_line(), id="exercise-keys")
        yield KeysLine(before_frame=True)  # the keys a check or a hint changes, in the same frame

    @property
    def view(self) -> ProblemView:
        """The body: the problem shown or the playground."""
        return self.query_one(ProblemView)

    def keys_line(self) -> str:
        """What the keys do right now."""
        return exercise_data.keys_hint(self.attempt, self.lang, playground=self.playground is not None,
                                       checking=self.checking, typing=self.typing, others=len(self.exercises) > 1)

    def show_state(self) -> None:
        """Titles and the focus, after compose or a language switch."""
        self.title, self.sub_title = exercise_data.titles(self.attempt, self.lang)
        if self.attempt is not None:
            self.view.place_focus(self.answering)

    async def redraw(self, note: str = "") -> None:
        """Draw another problem (or the playground) with ``note`` under its feedback."""
        self.next_note = note
        await self.recompose()
        self.show_state()
        self.call_after_refresh(self.view.show_news, self.answering)

    def settle(self, news: str = "") -> None:
        """After a change in place: the focus placed, the keys said again, the news (or ``news``) in view."""
        self.view.place_focus(self.answering)
        self.refresh_keys_hint()
        self.call_after_refresh(self.view.show_news, self.answering, news)

    def watch_checking(self, checking: bool) -> None:
        """A code check started or ended: the body shows it, the key line says what works meanwhile."""
        self.view.checking = checking
        self.refresh_keys_hint()

    @property
    def typing(self) -> bool:
        """True while an answer box has the keys."""
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer each key where it means something (``h`` always; the number keys on a choice exercise)."""
        return exercise_data.offered(action, self.exercise, playing=self.playground is not None, typing=self.typing,
                                     others=len(self.exercises) > 1)

    def action_pick(self, number: int) -> None:
        """Highlight choice ``number`` of the first choice list (Enter then checks it)."""
        for form in self.query(AnswerForm):
            form.pick(number)

    async def action_check_exercise(self) -> None:
        """Check the file of a code exercise, or the answers (outside the boxes Enter goes back in)."""
        if self.exercise is not None and self.exercise.is_code:
            self.action_check_file()
        elif self.query("#exercise-answers Input") and not self.typing:
            self.answering = True
            self.view.place_focus(self.answering)
        else:  # what the check changed is taken in at once: feedback, keys and focus in one frame
            await self.follow_update(self.view.check_answers())

    @on(AnswerForm.Submitted)
    async def submit_answers(self, event: AnswerForm.Submitted) -> None:
        """Enter in an answer box or on a choice checks the answers (the same, at once)."""
        event.stop()
        await self.follow_update(self.view.check_answers())

    def action_check_file(self) -> None:
        """Check the learner's file of a code exercise in the sandbox (it can take seconds)."""
        if self.exercise is None or not self.exercise.is_code or self.playground is not None or self.checking:
            return
        self.answering = False
        self.checking = self.view.start_code_check(self.app.session.now(), self.wall_seconds)
        self.settle()

    @on(CodeCheck.Finished)
    def show_code_check(self, event: CodeCheck.Finished) -> None:
        """A code check ended (its worker recorded it): show it where its problem is still shown."""
        self.checking, self.view.note = False, event.problem
        self.deck.take_code_check(event.run, event.result)
        self.view.show_check()  # the shown problem's latest check: unchanged if the learner moved on
        self.settle()

    async def action_next_hint(self) -> None:
        """Show one more step of the hint ladder (the gentlest first)."""
        self.answering = False
        if self.playground is not None:
            self.playground = None
            await self.redraw()
        await self.follow_update(self.view.climb_hints())  # the hint, keys and focus in one frame

    async def action_show_solution(self) -> None:
        """Open the worked solution, but only after a real attempt (else say so, gently)."""
        await self.view.open_solution()

    @on(ProblemView.Updated)
    async def follow_update(self, event: ProblemView.Updated | None) -> None:
        """The body changed in place (None: it did not): focus, news in view, next frame (``layouts_posted``)."""
        if event is None:
            return
        if event.answering is not None:
            self.answering = event.answering
        self.settle(event.scroll_to)
        await layouts_posted(self)

    async def action_new_numbers(self) -> None:
        """A new problem of the same exercise from a fresh seed."""
        fresh = self.deck.new_numbers(self.app.session.now())
        if fresh is not None:
            self.answering, self.playground = True, None
            key = "new_cases" if fresh.exercise.is_code else "new_numbers"
            await self.redraw(self.t(key, seed=fresh.instance.seed))

    async def action_cycle_difficulty(self) -> None:
        """Move to the next difficulty the exercise offers (easy → normal → hard), with new numbers."""
        level = self.deck.next_level(self.app.session.now())
        if level is None:
            return await self.redraw(self.t("one_difficulty"))
        self.answering, self.playground = True, None
        await self.redraw(self.t("difficulty_now", difficulty=self.t(f"difficulty_{level}")))

    async def action_next_exercise(self) -> None:
        """Show the topic's next exercise (its own problem and progress are kept)."""
        await self.move(1)

    async def action_previous_exercise(self) -> None:
        """Show the topic's previous exercise."""
        await self.move(-1)

    async def move(self, step: int) -> None:
        """Show the exercise ``step`` places on (wrapping around)."""
        if self.deck.move(step):
            attempt, self.playground = self.attempt, None
            self.answering = attempt is not None and attempt.answering_again
            await self.redraw()

    async def action_toggle_playground(self) -> None:
        """Open the playground on this exercise's loss (or close it)."""
        attempt = self.attempt
        if attempt is None or not exercise_data.has_playground(attempt.exercise):
            return await self.redraw(self.t("no_playground"))
        self.playground = None if self.playground else exercise_data.open_playground(attempt)
        self.answering = False
        await self.redraw()

    def action_rate_up(self) -> None:
        """A larger learning rate (about ×1.25); the run and its plots redraw at once."""
        self.view.step_rate(1)

    def action_rate_down(self) -> None:
        """A smaller learning rate (about ÷1.25)."""
        self.view.step_rate(-1)

    def action_write_workspace(self) -> None:
        """Write the code exercises' starter files (never over the learner's own) and remember where."""
        for code_check in self.query(CodeCheck):  # offered on a code exercise only
            code_check.write_starters()

    @on(CodeCheck.Written)
    def keep_workspace(self, event: CodeCheck.Written) -> None:
        """The starter files are written: keep the folder and say what was written and kept."""
        self.workspace, self.view.note = event.folder, event.note
        self.settle()

    def action_flag_exercise(self) -> None:
        """Flag the exercise's topic (category and note in the flag dialog)."""
        if self.exercise is not None:
            self.flag_topic(self.exercise.topic, self.topic_title(self.exercise.topic))

    action_flag_exercise_typing = action_flag_exercise
    """``ctrl+f``: flag while an answer box has the keys."""

    async def action_leave(self) -> None:
        """Esc: out of the answer box first, then out of the playground, then back."""
        if self.typing:
            self.answering = False
            self.view.focus()
            self.refresh_keys_hint()
        elif self.playground is not None:
            self.playground = None
            await self.redraw()
        else:
            self.dismiss()

    def refresh_keys_hint(self) -> None:
        """Say again what the keys do (the focus moved, a check started or ended)."""
        if (line := self.query_one_optional("#exercise-keys", Static)) is not None:
            update_in_place(line, self.keys_line())
        self.refresh_bindings()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """An answer box or choice list taking the focus (Tab, a click) means answering again."""
        if isinstance(event.widget, Input | OptionList) and event.widget is self.focused:
            self.answering = True
        self.refresh_keys_hint()
