"""The body of the exercise screen: one problem (its prompt, the answer form or the file line, the
feedback, a note, the hint ladder, the worked solution and the plots) or the rate playground.

It is composed once per problem and does the work on it: it keeps what is typed, judges and
records a check, climbs the hint ladder and opens the solution after a real attempt, changing
the widget that shows each in place; then it tells the screen with ``ProblemView.Updated``, so
the screen can place the focus. It scrolls, and brings what the last key press added into view.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from studytrack.domain.exercises.model import CheckResult, check_answers
from studytrack.domain.exercises.plots import Figure, Playground, next_rate
from studytrack.i18n import Catalog
from studytrack.store.exercise_attempts import has_tried, record_exercise_attempt
from studytrack.ui.lock_handoff import handing_over_often
from studytrack.ui.widgets.answer_form import AnswerForm
from studytrack.ui.widgets.blank import Scroll
from studytrack.ui.widgets.check_feedback import CheckFeedback
from studytrack.ui.widgets.code_check import CodeCheck
from studytrack.ui.widgets.exercise_plot import ExercisePlots, attempt_figures
from studytrack.ui.widgets.hint_ladder import HintLadder
from studytrack.ui.widgets.lesson_text import inline_marks
from studytrack.ui.widgets.problem_state import ProblemState, seconds_since
from studytrack.ui.widgets.rate_playground import RatePlayground
from studytrack.ui.widgets.reflow import reflow
from studytrack.ui.widgets.worked_solution import WorkedSolution

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp

TEXT = Catalog("ui.widgets.problem_view")

NEWS = ("#exercise-checking", "#exercise-feedback", "#exercise-message", "#exercise-solution")
"""What the last key press may have added, in the order shown: the last shown is brought into
view unless the learner is answering."""


class ProblemView(Scroll):
    """One problem and the learner's work on it, or the rate playground on its data."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Taking or losing the focus restyles the body alone. Textual restyles the widget and
        every widget inside it (19 on a problem: 3–4 ms of an exercise check's frame), for rules
        that style a descendant by its container's focus (``ProblemView:focus Static``); no
        stylesheet of the app has one: ``tests/functional/test_app_exercise.py`` looks for one, and
        restyles the whole screen after the focus comes and goes to see that nothing changes."""
        self.app.stylesheet.update_nodes([self], animate=True)

    def _on_focus(self, event: events.Focus) -> None:
        """Textual's, minus its redraw of the whole body (every widget in it composited again:
        ~10 ms of an exercise check at 80×24): the body's focus changes nothing drawn, since no rule
        styles the body, or a widget in it, by that focus (``test_app_exercise.py`` looks, and
        compares every widget as drawn with it redrawn); were one added, the restyle in
        ``watch_has_focus`` would redraw what it changed."""
        event.prevent_default()
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def _on_blur(self, event: events.Blur) -> None:
        """Losing the focus: as ``_on_focus``, without the redraw."""
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    class Updated(Message):
        """Something changed in place: a check, a hint, the solution or a note."""

        def __init__(self, answering: bool | None, scroll_to: str = "") -> None:
            """``answering``: whether the focus belongs in the answer boxes now (None: as it was);
            ``scroll_to``: what to bring into view besides the feedback."""
            super().__init__()
            self.answering = answering
            """Where the focus belongs now (None: unchanged)."""
            self.scroll_to = scroll_to
            """A selector of what was added, or ""."""

    class Figured(Message):
        """The worker made the plots of a problem's check."""

        def __init__(self, attempt: ProblemState, seen: tuple[CheckResult | None, bool],
                     figures: tuple[Figure, ...]) -> None:
            """``figures`` of ``attempt`` as it was ``seen`` (its latest check, its solution open)."""
            super().__init__()
            self.attempt = attempt
            """The problem plotted."""
            self.seen = seen
            """Its latest check and whether its solution was open, when plotted."""
            self.figures = figures
            """Its plots."""

    app: StudyApp

    note: reactive[str] = reactive("", init=False)
    """A one-line note under the feedback (try first, already checked, files written …)."""
    checking: reactive[bool] = reactive(False, init=False)
    """True while a code check of this problem runs."""

    def __init__(self, attempt: ProblemState | None, lang: str, *, workspace: Path | None = None,
                 playground: Playground | None = None, note: str = "", checking: bool = False,
                 loaded: bool = True, id: str | None = None):
        """The view of ``attempt`` (None: the topic has no exercise, said once ``loaded``) in ``lang``;
        ``playground`` shows the rate playground instead."""
        super().__init__(id=id)
        self.attempt = attempt
        """The problem shown and the learner's work on it."""
        self.lang = lang
        """The language of every text."""
        self.workspace = workspace
        """The code exercises' folder, once there is one."""
        self.playground = playground
        """The open rate playground, or None."""
        self.loaded = loaded
        """False until the exercises are read (nothing is said before)."""
        self.missing = ""
        """The answer left empty when the others were filled in (it gets the focus), or ""."""
        self.plotted: CheckResult | None = attempt.result if attempt is not None else None
        """The check whose plots are shown (its figures are made in a worker after it is drawn)."""
        self.set_reactive(ProblemView.note, note)
        self.set_reactive(ProblemView.checking, checking)

    def compose(self) -> ComposeResult:
        """The playground, the problem, or the word that there is none."""
        attempt = self.attempt
        if attempt is None:
            if self.loaded:
                yield Static(TEXT("none", self.lang), id="exercise-none")
        elif self.playground is not None:
            yield RatePlayground(self.playground, attempt.lr or self.playground.lr, self.lang)
        else:
            yield from self.compose_problem(attempt)

    def compose_problem(self, attempt: ProblemState) -> ComposeResult:
        """The prompt, the answer form or file line, the feedback, note, hints, solution and plots."""
        instance, exercise, lang = attempt.instance, attempt.exercise, self.lang
        yield Static(inline_marks(reflow(instance.prompt(lang))), id="exercise-prompt")
        if exercise.code is not None:
            yield CodeCheck(exercise, self.workspace, lang, id="exercise-file")
        else:
            yield AnswerForm(instance, attempt.answers, lang, id="exercise-answers")
        yield CheckFeedback(lang, exercise.code.file if exercise.code else "", result=attempt.result,
                            hints_open=attempt.hints > 0, checking=self.checking and exercise.is_code,
                            typed=not (exercise.is_code or exercise.has_choices))
        note = Static(self.note, id="exercise-message")
        note.display = bool(self.note)
        yield note
        yield HintLadder(exercise, lang, attempt.hints, id="exercise-hints")
        if attempt.solution:
            yield WorkedSolution(instance, lang, id="exercise-solution")
        yield ExercisePlots(self.figures(), id="exercise-plots", classes="plots")

    def figures(self) -> tuple[Figure, ...]:
        """The plots of the problem and of its latest graded check."""
        attempt = self.attempt
        if attempt is None:
            return ()
        return attempt_figures(attempt.instance, attempt.result, attempt.solution)

    def watch_note(self, note: str) -> None:
        """Show the note in place (hidden when there is none)."""
        line = self.query_one_optional("#exercise-message", Static)
        if line is not None:
            line.update(note)
            line.display = bool(note)

    def watch_show_vertical_scrollbar(self) -> None:
        """The scrollbar came or went (a check's plots outgrew the body), or the body was resized:
        the next hint is drawn ahead again, at the width the body now leaves it."""
        ladder = self.query_one_optional("#exercise-hints", HintLadder)
        if ladder is not None:
            self.call_after_refresh(ladder.draw_next_ahead)

    on_resize = watch_show_vertical_scrollbar

    def watch_checking(self, checking: bool) -> None:
        """Say in place that the file is being checked."""
        for feedback in self.query(CheckFeedback):
            feedback.checking = checking and self.attempt is not None and self.attempt.exercise.is_code

    @on(AnswerForm.Changed)
    def remember_answer(self, event: AnswerForm.Changed) -> None:
        """Keep what is typed or picked with the problem (across a redraw or a language switch)."""
        event.stop()
        if self.attempt is not None:
            self.attempt.answers[event.name] = event.value

    def check_answers(self) -> ProblemView.Updated | None:
        """Judge the answers with the domain, record the check with its seconds, and show it;
        returns what changed for the screen to take in at once (None: nothing to check), so the
        feedback, the key line and the focus change in one frame."""
        attempt, app = self.attempt, self.app
        if attempt is None or attempt.exercise.is_code or self.playground is not None:
            return None
        answers = {spec.name: attempt.answers.get(spec.name, "") for spec in attempt.exercise.answers}
        if attempt.checked == answers and attempt.result is not None:
            self.note = TEXT("already_checked", self.lang)
            return self.Updated(None)
        empty = [name for name, value in answers.items() if not value.strip()]
        if empty and len(empty) < len(answers):
            self.missing, self.note = empty[0], TEXT("fill_in", self.lang, name=empty[0])
            return self.Updated(True)
        self.missing = ""
        now = app.session.now()
        result = check_answers(attempt.instance, answers)
        with app.reporting_errors():
            record_exercise_attempt(app.db(), attempt.exercise.id, result.seed, result.raw_answers(),
                                    result.outcome, now, difficulty=result.difficulty,
                                    seconds=seconds_since(attempt, now))
        attempt.result, attempt.checked, attempt.since = result, answers, now
        self.note = ""
        self.show_check()
        # the focus stays in the box (or list) checked: another try is typed at once, and Esc
        # leaves it for the letter keys (the key line says so); the feedback below comes into view
        return self.Updated(True, "#exercise-feedback")

    def show_check(self) -> None:
        """Show the latest check in place: its feedback and the plots of its run."""
        if self.attempt is None or self.playground is not None:
            return
        self.query_one(CheckFeedback).result = self.attempt.result
        self.call_after_refresh(self.plot_in_worker)  # once the feedback is drawn: no race for the GIL

    def plot_in_worker(self) -> None:
        """Make the plots of the problem's latest check in a worker: the text a key changed is on
        screen first, the plots follow."""
        attempt = self.attempt
        if attempt is None:
            return
        seen = (attempt.result, attempt.solution)

        def plot() -> None:
            with handing_over_often():
                figures = attempt_figures(attempt.instance, *seen)
            self.post_message(self.Figured(attempt, seen, figures))

        self.run_worker(plot, thread=True, exclusive=True, group="figures")

    @on(Figured)
    def show_figures(self, event: Figured) -> None:
        """Show the plots made, unless the problem or its check moved on meanwhile."""
        event.stop()
        attempt = event.attempt
        if (attempt is self.attempt and event.seen[0] is attempt.result and event.seen[1] == attempt.solution
                and self.playground is None):
            self.query_one(ExercisePlots).figures = event.figures
            self.plotted = attempt.result

    def climb_hints(self) -> ProblemView.Updated | None:
        """One more hint, counted with the learner's work (the note and the "stuck?" line make way
        for it), or the note that every hint is open; returns what changed for the screen to take
        in at once (None without a problem), so the hint, the key line and the focus change in
        one frame."""
        ladder = self.query_one_optional("#exercise-hints", HintLadder)
        if self.attempt is None or ladder is None:
            return None
        if ladder.climb():
            self.attempt.hints = ladder.shown
            self.query_one(CheckFeedback).hints_open = True
            self.note = ""
        else:
            self.note = TEXT("last_hint", self.lang)
        return self.Updated(False, "#exercise-hints")

    async def open_solution(self) -> None:
        """Show the worked solution (and the plots it reveals) in place, but only after a real
        attempt; else say so, gently."""
        attempt, app = self.attempt, self.app
        if attempt is None or self.playground is not None:
            return
        instance, code, tried = attempt.instance, attempt.exercise.is_code, False
        with app.reporting_errors():
            seed, difficulty = (None, None) if code else (instance.seed, instance.difficulty)
            tried = has_tried(app.db(), attempt.exercise.id, seed, difficulty)
        self.note = "" if tried else TEXT("try_code_first" if code else "try_first", self.lang)
        if tried and not self.query("#exercise-solution"):
            attempt.solution = True
            await self.mount(WorkedSolution(instance, self.lang, id="exercise-solution"),
                             after=self.query_one(HintLadder))
            self.call_after_refresh(self.plot_in_worker)
        self.post_message(self.Updated(False, "#exercise-solution" if tried else ""))

    def place_focus(self, answering: bool) -> None:
        """The answer boxes while ``answering`` (the box that has the focus keeps it); else the
        body, so the letter keys and arrows work. At once when the body is on screen (the key line,
        which says what the focus allows, then changes in the same frame); else once it is."""
        focused = self.screen.focused if self.is_mounted else None
        if answering and not self.missing and isinstance(focused, Input | OptionList) and self in focused.ancestors:
            return  # before any query: this is every check's path
        widget: Widget | None = None
        if answering:  # the boxes looked up only then (a hint's or Esc's key needs none)
            widget, scroll = self.query_one_optional(f"#answer-{self.missing}") if self.missing else None, True
            if widget is None and self.attempt is not None and self.playground is None:
                # a fresh problem is read from the top: the boxes may sit below the fold
                boxes = self.query("#exercise-answers Input, #exercise-answers OptionList")  # in the form's order
                widget, scroll = (boxes.first() if boxes else None), self.attempt.result is not None
        if widget is None:
            widget, scroll = self, False
        if widget.is_mounted and self.screen.is_current:
            self.screen.set_focus(widget, scroll_visible=scroll)
        else:
            widget.focus(scroll_visible=scroll)

    def start_code_check(self, now: datetime, wall_seconds: float | None) -> bool:
        """Start checking the learner's file in the sandbox (it can take seconds); False, with a
        note saying why, when there is no file to check."""
        files = self.query(CodeCheck)
        if self.attempt is None or not files:
            return False
        self.note = files.first().missing_file()
        if not self.note:
            files.first().start(self.attempt.instance.seed, self.attempt.since, now, wall_seconds)
        return not self.note

    def step_rate(self, direction: int) -> None:
        """Step the playground's rate along the ladder (up for ``direction`` 1): it shows the new run."""
        attempt = self.attempt
        if self.playground is not None and attempt is not None and attempt.lr is not None:
            attempt.lr = next_rate(attempt.lr, direction)
            self.query_one(RatePlayground).lr = attempt.lr

    def show_news(self, answering: bool, added: str = "") -> None:
        """Bring the feedback, the note or the solution into view (not while ``answering``), then
        what ``added`` names (what the last key press added; "": nothing)."""
        news = [] if answering else [self.query_one_optional(selector) for selector in NEWS]
        shown = [line for line in news if line is not None and line.display]
        if shown:
            shown[-1].scroll_visible(animate=False)
        found = self.query_one_optional(added) if added else None
        if found is not None:
            found.scroll_visible(animate=False)
