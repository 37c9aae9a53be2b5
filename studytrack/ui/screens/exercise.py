"""Exercises: the runnable problems of one topic, checked by the engine, with a hint ladder, the worked
solution after an attempt, plots of the learner's runs and a learning-rate playground.

The screen is a thin face over ``studytrack.domain.exercises.model`` (the same functions as ``studytrack
exercise …``): it generates a problem from a seed, checks what the learner typed or picked, records
every check with its seconds, and shows the domain's feedback, which never gives the expected value
away unless the answer is right. Code exercises run the learner's file in the sandbox in a thread
worker. The plots are figures computed by ``studytrack.domain.exercises.plots`` from engine runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import DescendantFocus
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from studytrack.i18n import Catalog
from studytrack.ui.screens.base import StudyScreen
from studytrack.ui.widgets.exercise_plot import ExercisePlot
from studytrack.ui.widgets.hanging import hanging

TEXT = Catalog("ui.screens.exercise")

PLAYGROUND_TOPICS = ("gd.learning-rate", "gd.update-rule")
"""Topics whose exercises open the learning-rate playground with ``l``."""

OUTPUT_LINES = 8
"""At most this many lines of what a learner's program printed are shown."""

GRADED = ("correct", "incorrect", "diverged")
"""Outcomes of a check that judged an answer (the others could not)."""


def reflow(text: str) -> str:
    """``text`` with the author's line breaks inside a sentence taken out, so it wraps at the
    terminal's width; indented lines (data, formulas) and blank lines stay exactly as written."""
    lines: list[str] = []
    for line in text.strip("\n").split("\n"):
        previous = lines[-1] if lines else ""
        joinable = previous and not previous[0].isspace() and not previous.rstrip().endswith((".", ":", "?", "!"))
        if joinable and line and not line[0].isspace():
            lines[-1] = f"{previous.rstrip()} {line.lstrip()}"
        else:
            lines.append(line)
    return "\n".join(lines)


def shown_path(path: Path) -> str:
    """A path as the learner reads it: under the home folder as ``~/…``."""
    try:
        return "~/" + str(Path(path).relative_to(Path.home()))
    except ValueError:
        return str(path)


@dataclass
class Attempt:
    """What the screen shows of one exercise: its problem and what the learner has done with it."""

    instance: object
    """The problem (``ExerciseInstance``): the exercise with the numbers of one seed and difficulty."""
    since: datetime
    """When the problem appeared or was last checked: the seconds of the next check count from here."""
    answers: dict[str, str] = field(default_factory=dict)
    """What is typed or picked, by answer name (kept across a redraw or a language switch)."""
    result: object = None
    """The latest check (``CheckResult``), or None."""
    checked: dict[str, str] | None = None
    """The answers of the latest check (Enter on the same answers does not record them twice)."""
    hints: int = 0
    """How many steps of the hint ladder are shown."""
    solution: bool = False
    """True once the worked solution is open."""
    lr: float | None = None
    """The playground's current learning rate (None until it is opened)."""


class ExerciseScreen(StudyScreen):
    """The exercises of one topic: answer, check, hints, solution, plots and the rate playground."""

    TEXT = TEXT
    CSS_PATH = "exercise.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    """Wide terminals show the plots side by side."""

    BINDINGS = [
        *(
            Binding(str(number), f"pick({number})", "Pick a choice", show=False)
            for number in range(1, 10)
        ),
        Binding("enter", "check_exercise", "Check"),
        Binding("c", "check_file", "Check your file", show=False),
        Binding("h", "next_hint", "Hint"),
        Binding("s", "show_solution", "Solution"),
        Binding("r", "new_numbers", "New numbers"),
        Binding("d", "cycle_difficulty", "Difficulty", show=False),
        Binding("right_square_bracket,n", "next_exercise", "Next exercise", show=False),
        Binding("left_square_bracket,p", "previous_exercise", "Previous exercise", show=False),
        Binding("l", "toggle_playground", "Rate playground"),
        Binding("plus,equals_sign", "rate_up", "Larger α"),
        Binding("minus", "rate_down", "Smaller α"),
        Binding("w", "write_workspace", "Starter files"),
        Binding("f", "flag_exercise", "Flag", show=False),
        Binding("ctrl+f", "flag_exercise_typing", "Flag", show=False),
        Binding("escape", "leave", "Back"),
    ]

    wall_seconds: float | None = None
    """The wall-clock limit of a code check (None: the sandbox's default); tests shorten it."""

    def __init__(self, topic_id: str, exercise_id: str | None = None, seed: int | None = None,
                 difficulty: str | None = None):
        """Practise the exercises of ``topic_id``, starting with ``exercise_id`` (default the first).

        ``seed`` fixes the numbers of every exercise (default: a new seed each); ``difficulty`` the
        variant (default: what today's plan prefers for the topic, else normal).
        """
        super().__init__()
        self.topic_id = topic_id
        """The topic practised."""
        self.start_exercise = exercise_id
        """The exercise shown first."""
        self.seed = seed
        """The seed of every problem, or None for a fresh one each."""
        self.difficulty = difficulty
        """The variant asked for (an exercise lacking it uses normal)."""
        self.exercises: list = []
        """The topic's exercises (``Exercise``), in course order."""
        self.index = 0
        """Which exercise is shown."""
        self.attempts: dict[str, Attempt] = {}
        """Each exercise's problem and progress, by exercise id."""
        self.playground = None
        """The open learning-rate playground (``exercise_plots.Playground``), or None."""
        self.answering = True
        """True when the focus belongs in the answer boxes (before a check, after an unreadable one)."""
        self.checking = False
        """True while a code check runs in its worker."""
        self.message = ""
        """A one-line note under the feedback (try first, already checked, files written …)."""
        self.workspace: Path | None = None
        """The code exercises' workspace folder, once there is one."""

    # ── the problem ─────────────────────────────────────────────────────────────────────

    @property
    def exercise(self):
        """The exercise shown, or None when the topic has none."""
        return self.exercises[self.index] if self.exercises else None

    @property
    def attempt(self) -> Attempt | None:
        """The shown exercise's problem and progress (made on first show)."""
        exercise = self.exercise
        if exercise is None:
            return None
        if exercise.id not in self.attempts:
            self.attempts[exercise.id] = Attempt(self.generate(exercise), self.app.session.now())
        return self.attempts[exercise.id]

    def generate(self, exercise, seed: int | None = None, difficulty: str | None = None):
        """The problem of ``exercise`` for ``seed`` (the screen's, or a fresh one) at ``difficulty``."""
        from studytrack.domain.exercises.model import fresh_seed, generate

        if seed is None:
            seed = self.seed if self.seed is not None else fresh_seed()
        wanted = difficulty or self.difficulty or "normal"
        return generate(exercise, seed, wanted if wanted in exercise.difficulties else "normal", self.lang)

    def on_mount(self) -> None:
        """Read the topic's exercises, the preferred difficulty and the workspace, then draw."""
        super().on_mount()
        from studytrack.domain.exercises.model import load_exercises
        from studytrack.domain.progress.standing import about_topics
        from studytrack.store.exercise_attempts import remembered_workspace

        app = self.app
        with app.reporting_errors():
            course = app.course()
            self.exercises = about_topics(load_exercises(course.root, course.topic_ids, self.lang), [self.topic_id])
            self.workspace = remembered_workspace(app.db())
            if self.difficulty is None:
                self.difficulty = self.planned_difficulty()
        ids = [exercise.id for exercise in self.exercises]
        self.index = ids.index(self.start_exercise) if self.start_exercise in ids else 0
        self.call_later(self.redraw)

    def planned_difficulty(self) -> str:
        """The variant today's plan prefers for this topic (from the lesson's rating), else normal."""
        from studytrack.errors import StudytrackError
        from studytrack.store.reviews import plan_today

        app = self.app
        try:
            return plan_today(app.db(), app.course(), app.session.now()).difficulty_for(self.topic_id)
        except (StudytrackError, LookupError, ValueError):
            return "normal"

    # ── drawing ─────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        """The exercise tabs, the body (the exercise or the playground) and the key line."""
        yield Header()
        if len(self.exercises) > 1:
            yield Static(self.tabs(), id="exercise-tabs")
        with VerticalScroll(id="exercise-body"):
            if self.exercise is None:
                if self.is_mounted:
                    yield Static(self.t("none"), id="exercise-none")
            elif self.playground is not None:
                yield from self.compose_playground()
            else:
                yield from self.compose_exercise()
        yield Static(self.keys_hint(), id="exercise-keys")
        yield Footer(compact=True)

    def tabs(self) -> Content:
        """The topic's exercises in one line, the shown one highlighted."""
        parts = []
        for number, exercise in enumerate(self.exercises, start=1):
            style = "reverse bold" if number - 1 == self.index else "dim"
            parts.append((f" {number}. {exercise.title.get(self.lang)} ", style))
            parts.append(" ")
        parts.append((self.t("tabs_keys"), "dim"))
        return Content.assemble(*parts)

    def compose_exercise(self) -> ComposeResult:
        """The prompt, the answer fields, the feedback, hints, solution and plots."""
        from studytrack.domain.exercises import checks

        attempt, exercise = self.attempt, self.exercise
        instance = attempt.instance
        yield Static(Content(reflow(instance.prompt(self.lang))), id="exercise-prompt")
        if exercise.is_code:
            yield Static(self.file_line(), id="exercise-file")
        else:
            choices = instance.choices()
            with Vertical(id="exercise-answers"):
                for spec in exercise.answers:
                    if spec.kind in (checks.CHOICE, checks.POSITION):
                        yield self.choice_list(spec, choices.get(spec.name, ()))
                    else:
                        with Horizontal(classes="answer-row"):
                            yield Label(f"{spec.name} =", classes="answer-name")
                            yield Input(
                                attempt.answers.get(spec.name, ""),
                                placeholder=self.t("placeholder"),
                                id=f"answer-{spec.name}",
                                max_length=200,
                                compact=True,
                            )
        result = attempt.result
        if self.checking:
            yield Static(self.t("checking", file=exercise.code.file), id="exercise-checking")
        elif result is not None:
            yield Static(self.feedback(result), id="exercise-feedback", classes=f"outcome-{result.outcome}")
            if result.output.strip():
                yield Static(self.output_text(result), id="exercise-output")
        if self.message:
            yield Static(self.message, id="exercise-message")
        if attempt.hints:
            yield Static(self.hints_text(), id="exercise-hints")
        if attempt.solution:
            yield Static(self.solution_content(), id="exercise-solution")
        figures = self.figures()
        if figures:
            with Horizontal(id="exercise-plots", classes="plots"):
                for number, figure in enumerate(figures):
                    yield ExercisePlot(figure, id=f"plot-{number}")

    def choice_list(self, spec, values: tuple) -> OptionList:
        """The choices of a choice or position answer, numbered 1…n, the picked one highlighted."""
        from studytrack.domain.exercises import checks
        from studytrack.domain.exercises.checks import num

        params = self.attempt.instance.params
        options = []
        for number, value in enumerate(values, start=1):
            if spec.kind == checks.CHOICE:
                text = checks.CHOICE_WORDS[value][self.lang]
            elif "starts" in params:
                text = self.t("start_option", x=num(params["starts"][value - 1]))
            else:
                text = str(value)
            options.append(Option(hanging(f"{number}. ", text, "bold"), id=f"choice-{value}"))
        choices = OptionList(*options, id=f"choices-{spec.name}", classes="answer-choices")
        choices.border_title = spec.name
        picked = self.attempt.answers.get(spec.name)
        ids = [str(value) for value in values]
        if picked in ids:
            choices.highlighted = ids.index(picked)
        return choices

    def file_line(self) -> str:
        """Where the learner's file is, or how to write it."""
        if self.workspace is None:
            from studytrack.domain.exercises.workspace import default_workspace

            return self.t("no_workspace", folder=shown_path(default_workspace()))
        return self.t("your_file", path=shown_path(self.workspace / self.exercise.code.file))

    def feedback(self, result) -> Content:
        """The outcome, the domain's feedback (it names a known mistake; never the expected value
        unless right) and, when stuck, where to find help."""
        lines = Content.assemble((self.t(f"label_{result.outcome}"), "bold"), " ", result.feedback)
        if result.outcome in ("incorrect", "diverged", "timeout", "error") and self.attempt.hints == 0:
            lines = Content.assemble(lines, "\n", (self.t("stuck"), "dim"))
        return lines

    def output_text(self, result) -> Content:
        """The first lines of what the learner's program printed."""
        lines = result.output.rstrip("\n").splitlines()
        shown = [self.t("printed"), *(f"  | {line}" for line in lines[:OUTPUT_LINES])]
        if len(lines) > OUTPUT_LINES:
            shown.append(self.t("more_output", count=len(lines) - OUTPUT_LINES))
        return Content("\n".join(shown))

    def hints_text(self) -> Content:
        """The hints shown so far, gentlest first."""
        from studytrack.domain.exercises.model import hint

        exercise = self.exercise
        count = len(exercise.hints)
        return Content("\n".join(
            self.t("hint", level=level, count=count, text=hint(exercise, level, self.lang))
            for level in range(1, self.attempt.hints + 1)
        ))

    def solution_content(self) -> Content:
        """The worked solution with this problem's numbers."""
        from studytrack.domain.exercises.model import solution_text

        instance = self.attempt.instance
        if self.exercise.is_code:
            heading = self.t("code_solution_heading")
        else:
            heading = self.t("solution_heading", seed=instance.seed)
        return Content.assemble((heading, "bold"), "\n", reflow(solution_text(instance, self.lang)))

    def figures(self) -> tuple:
        """The plots of the problem (a loss history) and of the latest graded check (the run)."""
        from studytrack.domain.exercises import plots as exercise_plots

        exercise, attempt = self.exercise, self.attempt
        if exercise.is_code:
            return ()
        instance = attempt.instance
        figures = exercise_plots.problem_figures(exercise.check, instance.public_params(), self.lang)
        result = attempt.result
        if result is not None and result.outcome in GRADED:
            values = {answer.name: answer.value for answer in result.answers}
            figures += exercise_plots.result_figures(exercise.check, instance.params, result.run, values, self.lang,
                                                     revealed=result.correct or attempt.solution)
        return figures

    def compose_playground(self) -> ComposeResult:
        """The playground: what runs, the rate, how the run went, its loss per step and its path."""
        from studytrack.domain.exercises.checks import num, polynomial_text

        playground = self.playground
        yield Static(self.t("playground_title"), id="playground-title")
        if playground.kind == "line":
            about = self.t("playground_line", n=len(playground.x), w=num(playground.start[0]),
                           b=num(playground.start[1]), steps=playground.steps)
        else:
            about = self.t("playground_curve", f=polynomial_text(playground.coeffs, "w"),
                           w=num(playground.start[0]), steps=playground.steps)
        yield Static(about, id="playground-about")
        yield Static("", id="playground-rate")
        yield Static("", id="playground-status")
        with Horizontal(id="playground-plots", classes="plots"):
            yield ExercisePlot(id="playground-loss")
            yield ExercisePlot(id="playground-path")

    def show_playground_run(self) -> None:
        """Run descent at the current rate and show it: the rate, the status and both plots."""
        from studytrack.domain.exercises.plots import rate_text, summarize_run

        lr = self.attempt.lr
        run = self.playground.run(lr)
        summary = summarize_run(run)
        self.query_one("#playground-rate", Static).update(self.t("playground_rate", lr=rate_text(lr)))
        status = self.query_one("#playground-status", Static)
        status.update(summary.text(self.lang))
        status.set_classes(f"status-{summary.status}")
        loss, path = self.playground.figures(run, lr, self.lang)
        self.query_one("#playground-loss", ExercisePlot).show(loss)
        self.query_one("#playground-path", ExercisePlot).show(path)

    def keys_hint(self) -> str:
        """What the keys do right now."""
        exercise = self.exercise
        if exercise is None:
            return ""
        if self.playground is not None:
            return self.t("keys_playground")
        if self.checking:
            return self.t("keys_checking")
        if exercise.is_code:
            parts = [self.t("keys_code")]
        elif any(spec.kind in ("choice", "position") for spec in exercise.answers):
            count = max(len(values) for values in self.attempt.instance.choices().values())
            parts = [self.t("keys_choice", count=count)]
        elif self.typing:
            parts = [self.t("keys_typing")]
        else:
            parts = [self.t("keys_reading")]
        if len(self.exercises) > 1 and not self.typing:
            parts.append(self.t("keys_others"))
        return " · ".join(parts)

    def show_state(self) -> None:
        """Titles, the playground's run and the focus, after compose or a language switch."""
        exercise = self.exercise
        if exercise is None:
            self.title, self.sub_title = self.t("title"), ""
            return
        instance = self.attempt.instance
        self.title = exercise.title.get(self.lang)
        if exercise.is_code:
            self.sub_title = self.t("sub_title_code", seed=instance.seed)
        else:
            self.sub_title = self.t("sub_title", difficulty=self.t(f"difficulty_{instance.difficulty}"),
                                    seed=instance.seed)
        if self.playground is not None:
            self.show_playground_run()
        self.place_focus()

    def place_focus(self) -> None:
        """The answer boxes while answering; else the body, so the letter keys and arrows work."""
        if self.answering and self.playground is None and not self.exercise.is_code:
            widgets = self.query("#exercise-answers Input, #exercise-answers OptionList")
            if widgets:
                # a fresh problem is read from the top: the boxes may sit below the fold
                widgets.first().focus(scroll_visible=self.attempt.result is not None)
                return
        self.query_one("#exercise-body").focus(scroll_visible=False)

    async def redraw(self) -> None:
        """Draw the current state again (the feedback, once there is one, scrolled into view)."""
        await self.recompose()
        self.show_state()
        feedback = self.query("#exercise-feedback, #exercise-checking, #exercise-message, #exercise-solution")
        if feedback and not self.answering:
            self.call_after_refresh(feedback.last().scroll_visible, animate=False)

    async def change_language(self) -> None:
        """Judge the latest answers again in the new language (not recorded again), then redraw."""
        attempt = self.attempt
        if attempt is not None and attempt.result is not None and not self.exercise.is_code:
            from studytrack.domain.exercises.model import check_answers

            attempt.result = check_answers(attempt.instance, attempt.checked or {}, self.lang)
        self.message = ""
        await super().change_language()

    # ── answering ───────────────────────────────────────────────────────────────────────

    @property
    def typing(self) -> bool:
        """True while an answer box has the keys."""
        return isinstance(self.focused, Input)

    def has_playground(self) -> bool:
        """True when the shown exercise opens the learning-rate playground."""
        exercise = self.exercise
        return exercise is not None and (
            exercise.topic in PLAYGROUND_TOPICS or exercise.check in ("learning-rate", "loss-curve")
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer each key where it means something (``h`` always: it must never fall through to Home)."""
        exercise = self.exercise
        if action in ("leave", "next_hint"):
            return True
        if exercise is None:
            return False
        in_playground = self.playground is not None
        if action in ("rate_up", "rate_down"):
            return in_playground
        if action == "toggle_playground":
            return self.has_playground()
        if action == "flag_exercise":
            return not self.typing
        if action == "flag_exercise_typing":
            return self.typing
        if action == "check_file":
            return exercise.is_code and not in_playground
        if action == "write_workspace":
            return exercise.is_code and not in_playground
        if action in ("next_exercise", "previous_exercise"):
            return len(self.exercises) > 1
        if action == "pick":
            return not in_playground and not exercise.is_code and bool(self.query(".answer-choices"))
        if action == "cycle_difficulty":
            return not in_playground and not exercise.is_code
        return not in_playground

    def on_input_changed(self, event: Input.Changed) -> None:
        """Remember what is typed (kept across a redraw or a language switch)."""
        if event.input.id and event.input.id.startswith("answer-") and self.attempt is not None:
            self.attempt.answers[event.input.id.removeprefix("answer-")] = event.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in an answer box checks the answers."""
        event.stop()
        self.call_later(self.check_answers)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Remember which choice is highlighted."""
        list_id = event.option_list.id or ""
        if list_id.startswith("choices-") and event.option.id and self.attempt is not None:
            self.attempt.answers[list_id.removeprefix("choices-")] = event.option.id.removeprefix("choice-")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a choice checks it."""
        event.stop()
        self.on_option_list_option_highlighted(event)
        self.call_later(self.check_answers)

    def action_pick(self, number: int) -> None:
        """Highlight choice ``number`` of the first choice list (Enter then checks it)."""
        choices = self.query(".answer-choices")
        if choices:
            option_list = choices.first(OptionList)
            if 1 <= number <= option_list.option_count:
                option_list.highlighted = number - 1
                option = option_list.get_option_at_index(number - 1)
                name = (option_list.id or "").removeprefix("choices-")
                self.attempt.answers[name] = (option.id or "").removeprefix("choice-")
                option_list.focus()

    async def action_check_exercise(self) -> None:
        """Check the learner's file (a code exercise) or the picked choice; outside the answer boxes
        Enter goes back into them (Enter in a box checks)."""
        exercise = self.exercise
        if exercise is None or self.playground is not None:
            return
        if exercise.is_code:
            self.start_code_check()
            return
        if self.query("#exercise-answers Input") and not self.typing:
            self.answering = True
            self.place_focus()
            return
        await self.check_answers()

    async def check_answers(self) -> None:
        """Judge the answers with the domain, record the check with its seconds, and show it."""
        from studytrack.domain.exercises.model import check_answers
        from studytrack.store.exercise_attempts import record_exercise_attempt

        attempt, exercise, app = self.attempt, self.exercise, self.app
        if attempt is None or exercise.is_code:
            return
        answers = {spec.name: attempt.answers.get(spec.name, "") for spec in exercise.answers}
        if attempt.checked == answers and attempt.result is not None:
            self.message = self.t("already_checked")
            await self.redraw()
            return
        now = app.session.now()
        result = check_answers(attempt.instance, answers, self.lang)
        with app.reporting_errors():
            record_exercise_attempt(app.db(), exercise.id, result.seed, result.raw_answers(), result.outcome, now,
                                    difficulty=result.difficulty, seconds=self.seconds_since(attempt, now))
        attempt.result, attempt.checked, attempt.since = result, answers, now
        self.message = ""
        self.answering = result.outcome in ("invalid", "not_attempted")
        await self.redraw()

    @staticmethod
    def seconds_since(attempt: Attempt, now: datetime) -> float:
        """The seconds this check took: since the problem appeared or was last checked."""
        return max(0.0, (now - attempt.since).total_seconds())

    def code_file(self) -> Path | None:
        """The learner's file of the shown code exercise, when it exists (else a message says why)."""
        exercise = self.exercise
        if self.workspace is None:
            from studytrack.domain.exercises.workspace import default_workspace

            self.message = self.t("no_workspace", folder=shown_path(default_workspace()))
            return None
        path = self.workspace / exercise.code.file
        if not path.is_file():
            self.message = self.t("no_file", path=shown_path(path))
            return None
        return path

    def action_check_file(self) -> None:
        """``c``: check the learner's file of a code exercise."""
        if self.exercise is not None and self.exercise.is_code and self.playground is None:
            self.start_code_check()

    def start_code_check(self) -> None:
        """Start checking the learner's file in a thread worker (it can take seconds)."""
        if self.checking:
            return
        path = self.code_file()
        if path is None:
            self.call_later(self.redraw)
            return
        self.checking = True
        self.message = ""
        self.answering = False
        self.call_later(self.redraw)
        self.run_code_check(self.exercise, self.attempt, path, self.lang, self.app.session.now())

    @work(thread=True, exclusive=True, group="exercise-code-check")
    def run_code_check(self, exercise, attempt: Attempt, path: Path, lang: str, started: datetime) -> None:
        """Run the learner's file in the sandbox (off the UI thread), then record and show the result."""
        from studytrack.domain.exercises.model import check_code
        from studytrack.errors import StudytrackError
        from studytrack.sandbox.runner import SandboxUnavailable

        try:
            result = check_code(exercise, path, attempt.instance.seed, lang, wall_seconds=self.wall_seconds)
        except (SandboxUnavailable, OSError) as error:
            self.app.call_from_thread(self.finish_code_check, attempt, None, started,
                                      self.t("sandbox_unavailable", reason=error))
            return
        except StudytrackError as error:
            self.app.call_from_thread(self.finish_code_check, attempt, None, started, str(error))
            return
        self.app.call_from_thread(self.finish_code_check, attempt, result, started, "")

    async def finish_code_check(self, attempt: Attempt, result, started: datetime, message: str) -> None:
        """Record a finished code check (on the UI thread) and show it."""
        from studytrack.store.exercise_attempts import record_exercise_attempt

        app = self.app
        self.checking = False
        self.message = message
        if result is not None:
            with app.reporting_errors():
                record_exercise_attempt(app.db(), result.exercise, result.seed, result.raw_answers(), result.outcome,
                                        started, difficulty=result.difficulty,
                                        seconds=self.seconds_since(attempt, started))
            attempt.result, attempt.since = result, started
        if self.is_attached:
            await self.redraw()

    # ── help along the way ──────────────────────────────────────────────────────────────

    async def action_next_hint(self) -> None:
        """Show one more step of the hint ladder (the gentlest first)."""
        attempt = self.attempt
        if attempt is None:
            return
        if self.playground is not None:
            self.playground = None
        if attempt.hints < len(self.exercise.hints):
            attempt.hints += 1
            self.message = ""
        else:
            self.message = self.t("last_hint")
        self.answering = False
        await self.redraw()
        self.call_after_refresh(self.scroll_to_last, "#exercise-hints")

    def scroll_to_last(self, selector: str) -> None:
        """Bring the end of ``selector`` into view (what the last key press added)."""
        found = self.query(selector)
        if found:
            found.last().scroll_visible(animate=False)

    async def action_show_solution(self) -> None:
        """Open the worked solution, but only after a real attempt (else say so, gently)."""
        from studytrack.store.exercise_attempts import has_tried

        attempt, exercise, app = self.attempt, self.exercise, self.app
        if attempt is None:
            return
        instance = attempt.instance
        tried = False
        with app.reporting_errors():
            if exercise.is_code:
                tried = has_tried(app.db(), exercise.id)
            else:
                tried = has_tried(app.db(), exercise.id, instance.seed, instance.difficulty)
        if tried:
            attempt.solution = True
            self.message = ""
        else:
            self.message = self.t("try_code_first" if exercise.is_code else "try_first")
        self.answering = False
        await self.redraw()
        if tried:
            self.call_after_refresh(self.scroll_to_last, "#exercise-solution")

    async def action_new_numbers(self) -> None:
        """A new problem of the same exercise from a fresh seed."""
        from studytrack.domain.exercises.model import fresh_seed

        attempt = self.attempt
        if attempt is None:
            return
        instance = attempt.instance
        self.renew(self.generate(self.exercise, fresh_seed(), instance.difficulty))
        key = "new_cases" if self.exercise.is_code else "new_numbers"
        self.message = self.t(key, seed=self.attempt.instance.seed)
        await self.redraw()

    def renew(self, instance) -> None:
        """Start over on ``instance``: no answers, no check, no hints, no solution."""
        self.attempts[self.exercise.id] = Attempt(instance, self.app.session.now())
        self.answering = True
        self.playground = None

    async def action_cycle_difficulty(self) -> None:
        """Move to the next difficulty the exercise offers (easy → normal → hard), with new numbers."""
        exercise, attempt = self.exercise, self.attempt
        if attempt is None:
            return
        levels = exercise.difficulties
        if len(levels) < 2:
            self.message = self.t("one_difficulty")
        else:
            current = attempt.instance.difficulty
            following = levels[(levels.index(current) + 1) % len(levels)] if current in levels else levels[0]
            self.difficulty = following
            self.renew(self.generate(exercise, attempt.instance.seed, following))
            self.message = self.t("difficulty_now", difficulty=self.t(f"difficulty_{following}"))
        await self.redraw()

    async def action_next_exercise(self) -> None:
        """Show the topic's next exercise (its own problem and progress are kept)."""
        await self.move(1)

    async def action_previous_exercise(self) -> None:
        """Show the topic's previous exercise."""
        await self.move(-1)

    async def move(self, step: int) -> None:
        """Show the exercise ``step`` places on (wrapping around)."""
        if len(self.exercises) < 2:
            return
        self.index = (self.index + step) % len(self.exercises)
        self.playground = None
        self.message = ""
        attempt = self.attempt
        self.answering = attempt.result is None or attempt.result.outcome in ("invalid", "not_attempted")
        await self.redraw()

    # ── the learning-rate playground ────────────────────────────────────────────────────

    async def action_toggle_playground(self) -> None:
        """Open the playground on this exercise's loss (or close it)."""
        if not self.has_playground():
            self.message = self.t("no_playground")
            await self.redraw()
            return
        if self.playground is not None:
            self.playground = None
        else:
            from studytrack.domain.exercises.plots import playground_for

            attempt = self.attempt
            self.playground = playground_for(self.exercise.check, attempt.instance.params)
            if attempt.lr is None:
                attempt.lr = self.playground.lr
        self.message = ""
        self.answering = False
        await self.redraw()

    def action_rate_up(self) -> None:
        """A larger learning rate (about ×1.25); the run and its plots redraw at once."""
        self.change_rate(1)

    def action_rate_down(self) -> None:
        """A smaller learning rate (about ÷1.25)."""
        self.change_rate(-1)

    def change_rate(self, direction: int) -> None:
        """Step the playground's rate along the ladder and show the new run."""
        from studytrack.domain.exercises.plots import next_rate

        if self.playground is None:
            return
        attempt = self.attempt
        attempt.lr = next_rate(attempt.lr, direction)
        self.show_playground_run()

    # ── code exercises ──────────────────────────────────────────────────────────────────

    async def action_write_workspace(self) -> None:
        """Write the code exercises' starter files (never over the learner's own) and remember where."""
        from studytrack.domain.exercises.model import load_exercises
        from studytrack.domain.exercises.workspace import default_workspace, write_workspace
        from studytrack.store.exercise_attempts import remember_workspace

        app = self.app
        if self.exercise is None or not self.exercise.is_code:
            self.message = self.t("not_code")
            await self.redraw()
            return
        with app.reporting_errors():
            folder = (self.workspace or default_workspace()).expanduser().resolve()
            course = app.course()
            report = write_workspace(load_exercises(course.root, course.topic_ids, self.lang), folder, self.lang)
            remember_workspace(app.db(), folder, app.session.now())
            self.workspace = folder
            lines = []
            if report.written:
                lines.append(self.t("wrote", names=", ".join(p.name for p in report.written),
                                    folder=shown_path(folder)))
            if report.kept:
                lines.append(self.t("kept", names=", ".join(p.name for p in report.kept)))
            self.message = "\n".join(lines)
        await self.redraw()

    # ── flags and leaving ───────────────────────────────────────────────────────────────

    def action_flag_exercise(self) -> None:
        """Flag the exercise's topic (category and note in the flag dialog)."""
        if self.exercise is not None:
            self.flag_topic(self.exercise.topic, self.topic_title(self.exercise.topic))

    def action_flag_exercise_typing(self) -> None:
        """``ctrl+f``: flag while an answer box has the keys."""
        self.action_flag_exercise()

    async def action_leave(self) -> None:
        """Esc: out of the answer box first, then out of the playground, then back."""
        if self.typing:
            self.answering = False
            self.query_one("#exercise-body").focus()
            self.refresh_keys_hint()
        elif self.playground is not None:
            self.playground = None
            await self.redraw()
        else:
            self.dismiss()

    def refresh_keys_hint(self) -> None:
        """Say again what the keys do (the focus moved)."""
        hints = self.query("#exercise-keys")
        if hints:
            hints.first(Static).update(self.keys_hint())
        self.refresh_bindings()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """An answer box or choice list taking the focus (Tab, a click) means answering again; keep
        the key line and the footer in step with where the keys go."""
        if isinstance(event.widget, Input | OptionList) and event.widget is self.focused:
            self.answering = True
        self.refresh_keys_hint()
