"""Exercises in the app: checking answers and files, recorded attempts, hints, the solution after a
try, new numbers, plots of the learner's runs and the learning-rate playground."""

import asyncio
import shutil
from datetime import timedelta

import pytest
from rich.cells import cell_len
from snapshot_steps import frames_drawn
from textual import events
from textual.color import Color
from textual.widgets import Footer, Input, OptionList, Static

from studytrack import engine
from studytrack.clock import fixed_clock
from studytrack.domain.exercises import checks, plots
from studytrack.domain.exercises.model import find_exercise, generate, hint, load_exercises, solution_text
from studytrack.store.database import open_database
from studytrack.store.exercise_attempts import exercise_attempts
from studytrack.store.flags import list_flags
from studytrack.ui.app import make_app
from studytrack.ui.screens.exercise import ExerciseScreen
from studytrack.ui.widgets.answer_box import AnswerBox
from studytrack.ui.widgets.check_feedback import TEXT as STUCK
from studytrack.ui.widgets.exercise_plot import ExercisePlot
from studytrack.ui.widgets.hint_ladder import HintLadder
from studytrack.ui.widgets.keys_line import KeysLine


@pytest.fixture
def exercises(session):
    """The bundled course's exercises."""
    course = session.course()
    return load_exercises(course.root, course.topic_ids)


async def open_exercise(app, pilot, settle, topic: str, exercise_id: str | None = None, seed: int = 7):
    """Open the exercises of ``topic`` over Home (at ``exercise_id``, with ``seed``) once the data is read."""
    await settle(app, pilot)
    app.push_screen(ExerciseScreen(topic, exercise_id=exercise_id, seed=seed))
    await settle(app, pilot)
    return app.screen


def shown(screen) -> str:
    """Every text the screen shows (its statics, labels and the plots' legends)."""
    return "\n".join(str(widget.render()) for widget in screen.query(Static))


def feedback(screen) -> str:
    """The feedback of the latest check."""
    return str(screen.query_one("#exercise-feedback", Static).render())


def attempts(session):
    """The stored exercise checks, oldest first."""
    return exercise_attempts(open_database(session.db_path))


async def plotted(pilot) -> None:
    """Wait for the plots of what the last key changed (their figures are made in a worker)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_answer(pilot, text: str) -> None:
    """Type ``text`` into the focused answer box and press Enter (then wait for its plots)."""
    await pilot.press(*text, "enter")
    await plotted(pilot)


async def test_e_in_a_lesson_section_opens_its_exercises_and_checks_are_recorded(session, settle):
    """From the learning-rate section, e opens its exercises; a check is stored with its seconds."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_lesson("gradient-descent", "gd.learning-rate")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        assert [exercise.id for exercise in screen.exercises] == ["pick-learning-rate", "diagnose-loss-curve"]
        assert isinstance(screen.focused, Input)
        seed = screen.attempt.instance.seed
        session.clock = fixed_clock(session.now() + timedelta(seconds=42))
        await type_answer(pilot, "0.01")
        assert screen.attempt.result is not None
    [attempt] = attempts(session)
    assert (attempt.exercise_id, attempt.seed, attempt.difficulty, attempt.answers) == (
        "pick-learning-rate", seed, "normal", {"lr": "0.01"}
    )
    assert attempt.outcome in ("correct", "incorrect") and attempt.seconds == 42.0


async def test_enter_in_the_answer_box_checks_there(session, settle, binding_lookups):
    """Enter in an exercise's answer box submits it at the box, as its binding would: the key
    goes no further than the app's priority keys (no handler above the box, no binding of the
    app's looked up), and the answer is checked and recorded."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        screen = app.screen
        box = screen.focused
        assert isinstance(box, AnswerBox)
        looked_up = binding_lookups
        await type_answer(pilot, "0.01")
        assert [lookup for lookup in looked_up if lookup[0] == "enter"] == [("enter", True)]
        assert screen.attempt.result is not None
    assert [attempt.answers for attempt in attempts(session)] == [{"lr": "0.01"}]


async def test_a_right_answer_is_correct(session, settle, exercises):
    """The engine's own answer, typed in, is judged correct and shown with its value."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error", seed=3)
        expected = screen.attempt.instance.expected["loss"]
        await type_answer(pilot, repr(expected))
        assert "Correct" in feedback(screen) and checks.num(expected) in feedback(screen)
        assert screen.query_one("#exercise-feedback").has_class("outcome-correct")
    assert [a.outcome for a in attempts(session)] == ["correct"]


def seed_where_the_answer_is_not_in_the_prompt(exercise, mistake: str) -> int:
    """A seed whose expected loss text appears nowhere in the prompt and which has ``mistake``."""
    for seed in range(100):
        instance = generate(exercise, seed)
        expected = checks.num(instance.expected["loss"])
        if expected not in instance.prompt("en") and mistake in checks.CHECKS["mse"].mistakes(instance.params):
            return seed
    raise AssertionError("no such seed")


async def test_a_wrong_answer_names_the_mistake_and_never_shows_the_expected_value(session, settle, exercises):
    """Summing instead of averaging is named; the right loss is nowhere on the screen."""
    exercise = find_exercise(exercises, "mse-by-hand")
    seed = seed_where_the_answer_is_not_in_the_prompt(exercise, "sum")
    instance = generate(exercise, seed)
    summed = checks.CHECKS["mse"].mistakes(instance.params)["sum"]["loss"]
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error", seed=seed)
        await type_answer(pilot, repr(summed))
        assert "✗" in feedback(screen)
        assert checks.mistake_message("sum").text("en") in feedback(screen)
        assert checks.num(instance.expected["loss"]) not in shown(screen)
        assert isinstance(screen.focused, Input)  # the box keeps the focus for another try
    assert [a.outcome for a in attempts(session)] == ["incorrect"]


async def test_an_invalid_answer_says_why_and_keeps_the_box(session, settle):
    """A decimal comma cannot be checked: use a point. The box keeps the focus for the fix."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error")
        await type_answer(pilot, "1,5")
        assert "use a point" in feedback(screen).lower() and "1.5" in feedback(screen)
        assert screen.query_one("#exercise-feedback").has_class("outcome-invalid")
        assert isinstance(screen.focused, Input)
    assert [(a.answers, a.outcome) for a in attempts(session)] == [({"loss": "1,5"}, "invalid")]


async def test_a_diverging_learning_rate_is_diverged_and_its_run_is_plotted(session, settle):
    """A rate far above 2/λmax diverges: said so, recorded so, and the run's plot stops where it blew up."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        params = screen.attempt.instance.params
        too_large = 4 * engine.max_stable_learning_rate(engine.mse_hessian(params["x"]))
        await type_answer(pilot, repr(too_large))
        assert "Diverged" in feedback(screen) and "diverges" in feedback(screen)
        loss = screen.query_one("#plot-0", ExercisePlot).figure.series_for("loss")
        assert loss.ys[0] == pytest.approx(checks.rate_run(params, too_large).losses[0])
        assert all(value <= plots.LOSS_CLIP for value in loss.ys)
    assert [a.outcome for a in attempts(session)] == ["diverged"]


async def test_h_shows_the_hints_one_more_each_time(session, settle, exercises):
    """Esc leaves the answer box; h then shows hint 1, then hints 1 and 2, in order."""
    exercise = find_exercise(exercises, "mse-by-hand")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error")
        await pilot.press("escape", "h")
        await pilot.pause()
        text = str(screen.query_one("#exercise-hints", Static).render())
        assert hint(exercise, 1).en in text and hint(exercise, 2).en not in text
        await pilot.press("h")
        await pilot.pause()
        text = str(screen.query_one("#exercise-hints", Static).render())
        assert text.index(hint(exercise, 1).en) < text.index(hint(exercise, 2).en)
        assert "Hint 2 of 3" in text
        await pilot.press("h", "h")
        await pilot.pause()
        assert "last hint" in str(screen.query_one("#exercise-message", Static).render())
        assert isinstance(app.screen, ExerciseScreen)  # h never falls through to Home


async def test_s_opens_the_solution_only_after_an_attempt(session, settle):
    """Before a check, s says to try first; after one (even wrong), it shows the worked solution."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error")
        instance = screen.attempt.instance
        await pilot.press("escape", "s")
        await pilot.pause()
        assert "Try it first" in str(screen.query_one("#exercise-message", Static).render())
        assert not screen.query("#exercise-solution")
        await pilot.press("enter")  # back into the answer box
        await pilot.pause()
        assert isinstance(screen.focused, Input)
        await type_answer(pilot, "1")
        await pilot.press("escape", "s")  # out of the box, where s is a letter
        await pilot.pause()
        solution = str(screen.query_one("#exercise-solution", Static).render())
        assert f"seed {instance.seed}" in solution
        assert solution_text(instance, "en").strip().splitlines()[-1] in solution


async def test_r_gives_new_numbers(session, settle, monkeypatch):
    """r draws a fresh seed: new numbers, no answer, no feedback."""
    monkeypatch.setattr("studytrack.domain.exercises.model.fresh_seed", lambda: 424242)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error", seed=1)
        before = str(screen.query_one("#exercise-prompt", Static).render())
        await type_answer(pilot, "2")
        await pilot.press("escape", "r")
        await pilot.pause()
        assert screen.attempt.instance.seed == 424242 and screen.attempt.result is None
        after = str(screen.query_one("#exercise-prompt", Static).render())
        assert after != before and after == generate(screen.exercise, 424242).prompt("en").strip()
        assert "seed 424242" in screen.sub_title
        assert screen.query_one("#answer-loss", Input).value == ""


async def test_d_cycles_the_difficulty(session, settle):
    """d moves normal → hard → easy, each with new numbers of that variant."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error")
        assert screen.attempt.instance.difficulty == "normal"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert screen.attempt.instance.difficulty == "hard" and "hard" in screen.sub_title
        await pilot.press("escape", "d")
        await pilot.pause()
        assert screen.attempt.instance.difficulty == "easy"
        await type_answer(pilot, "3")
    assert [a.difficulty for a in attempts(session)] == ["easy"]


async def test_brackets_move_between_a_topics_exercises_keeping_each_ones_work(session, settle):
    """] and [ switch exercises; what was checked on one is still there on coming back."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate")
        await type_answer(pilot, "0.01")
        await pilot.press("escape", "right_square_bracket")
        await pilot.pause()
        assert screen.exercise.id == "diagnose-loss-curve"
        history = screen.query_one("#plot-0", ExercisePlot).figure.series_for("loss")
        assert history.ys == tuple(screen.attempt.instance.public_params()["losses"])
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.exercise.id == "pick-learning-rate" and screen.query_one("#exercise-feedback").display


async def test_a_choice_is_picked_with_its_number(session, settle):
    """Keys 1…n pick a choice; Enter checks the picked word (stored language-free)."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "opt.saddle")
        expected = screen.attempt.instance.expected["kind"]
        number = ("minimum", "maximum", "saddle").index(expected) + 1
        assert isinstance(screen.focused, OptionList)
        await pilot.press(str(number), "enter")
        await plotted(pilot)
        assert "Correct" in feedback(screen)
        levels = screen.query_one("#plot-0", ExercisePlot).figure
        assert levels.series_for("point").xs == (0.0,)
    assert [(a.answers, a.outcome) for a in attempts(session)] == [({"kind": expected}, "correct")]


async def test_the_number_keys_are_offered_where_there_are_choices_to_pick(session, settle):
    """1…9 pick a choice on an exercise that shows a choice list and are not offered elsewhere
    (outside the answer box, where they would do nothing): told by the exercise, whichever widget
    has the focus, and not in the playground."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "opt.saddle")
        assert screen.query(".answer-choices") and screen.check_action("pick", (1,))
        screen.set_focus(screen.view)
        await pilot.pause()
        assert screen.check_action("pick", (1,))
        app.pop_screen()
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        await type_answer(pilot, "0.01")
        await pilot.press("escape")
        assert not screen.typing and not screen.query(".answer-choices")
        assert not screen.check_action("pick", (1,))
        await pilot.press("l")  # the playground: nothing to pick there either
        await pilot.pause()
        assert screen.playground is not None and not screen.check_action("pick", (1,))


async def test_the_level_curves_wait_until_the_answer_is_revealed(session, settle):
    """A wrong kind gets no plot (rings or a cross would give it away); the solution brings it, and
    Esc then goes back."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "opt.saddle")
        expected = screen.attempt.instance.expected["kind"]
        wrong = next(k for k in ("minimum", "maximum", "saddle") if k != expected)
        await pilot.press(str(("minimum", "maximum", "saddle").index(wrong) + 1), "enter")
        await plotted(pilot)  # none comes later either
        assert "✗" in feedback(screen) and not screen.query(ExercisePlot)
        await pilot.press("s")
        await plotted(pilot)
        assert screen.query_one("#plot-0", ExercisePlot).figure.series_for("point") is not None
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_the_playground_shows_each_rate_at_once_and_its_plots_after(session, settle):
    """l opens the playground on the exercise's data; + runs a larger rate: the rate and the status
    at once, the plot's data once its worker is done; a large rate diverges, and its plot stays finite."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        await pilot.press("escape", "l")
        await settle(app, pilot)
        assert screen.playground is not None and screen.attempt.lr == 0.01
        loss_plot = screen.query_one("#playground-loss", ExercisePlot)
        before = loss_plot.figure.series_for("loss").ys
        params = screen.attempt.instance.params
        assert before == pytest.approx(tuple(checks.rate_run(params, 0.01).losses[: len(before)]))
        await pilot.press("plus")
        await pilot.pause()
        assert screen.attempt.lr == plots.next_rate(0.01, 1)
        assert "α = 0.0125" in str(screen.query_one("#playground-rate", Static).render())
        await settle(app, pilot)
        after = screen.query_one("#playground-loss", ExercisePlot).figure.series_for("loss").ys
        assert after != before
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert screen.attempt.lr == 0.008
        screen.attempt.lr = 4.0
        await pilot.press("plus")
        await settle(app, pilot)
        status = screen.query_one("#playground-status", Static)
        assert "diverged" in str(status.render()) and status.has_class("status-diverged")
        figure = screen.query_one("#playground-loss", ExercisePlot).figure
        assert figure.ylog and all(value <= plots.LOSS_CLIP for value in figure.series_for("loss").ys)
        path = screen.query_one("#playground-path", ExercisePlot).figure.series_for("path")
        assert all(abs(v) < 1e6 for v in path.xs + path.ys)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.playground is None and isinstance(app.screen, ExerciseScreen)
    assert attempts(session) == []  # playing is not checking


async def test_the_playground_belongs_to_gradient_descent_topics(session, settle):
    """l does nothing on an MSE exercise; it opens on a loss-curve exercise without giving its rate away."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error")
        await pilot.press("escape", "l")
        await pilot.pause()
        assert screen.playground is None
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "diagnose-loss-curve")
        await pilot.press("l")
        await pilot.pause()
        assert screen.playground.kind == "curve"
        assert screen.attempt.lr != screen.attempt.instance.params["lr"]


async def test_f_flags_the_exercises_topic(session, settle):
    """f (or ctrl+f while typing) flags the topic with the flag dialog."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercise(app, pilot, settle, "opt.saddle")
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "FlagDialog"
        await pilot.press("tab", *"why eigenvalues?", "enter")
        await pilot.pause()
        await open_exercise(app, pilot, settle, "loss.error")
        assert isinstance(app.screen.focused, Input)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert type(app.screen).__name__ == "FlagDialog"
        await pilot.press("tab", "enter")
        await pilot.pause()
    flags = list_flags(open_database(session.db_path))
    assert [(f.topic_id, f.note) for f in flags] == [("opt.saddle", "why eigenvalues?"), ("loss.error", "")]


async def test_the_language_switch_keeps_the_work_and_speaks_korean(session, settle):
    """ctrl+l redraws in Korean: the answer stays, the same check is worded in Korean (not recorded again)."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error")
        wrong = repr(screen.attempt.instance.expected["loss"] + 100)
        await type_answer(pilot, wrong)
        assert "not right yet" in feedback(screen)
        await pilot.press("escape", "h", "ctrl+l")
        await settle(app, pilot)
        assert "아직 아니에요" in feedback(screen) and "막혔나요" not in feedback(screen)
        assert "힌트 1/3" in str(screen.query_one("#exercise-hints", Static).render())
        assert "보통" in screen.sub_title and "시드" in screen.sub_title
        assert screen.query_one("#answer-loss", Input).value == wrong
    assert len(attempts(session)) == 1


async def test_help_lists_every_key_of_the_exercise_screen(session, settle):
    """? on the exercise screen lists each of its keys with its label."""
    from rich.console import Console
    from textual.binding import Binding

    from studytrack.ui.keys import KEYS, action_name

    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercise(app, pilot, settle, "gd.learning-rate")
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpDialog"
        console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
        console.print(app.screen.query_one("#help-screen").content)
        text = console.export_text()
        for binding in Binding.make_bindings(ExerciseScreen.BINDINGS):
            assert app.get_key_display(Binding(binding.key, binding.action)) in text, binding.key
            assert KEYS(action_name(binding), "en") in text, binding.action


# ── code exercises ──────────────────────────────────────────────────────────────────────


@pytest.fixture
def short_checks(monkeypatch):
    """Code checks get a short wall-clock limit."""
    monkeypatch.setattr(ExerciseScreen, "wall_seconds", 8.0)


async def check_file(app, pilot, screen, settle) -> str:
    """Press Enter on a code exercise, wait for the sandbox, and return the feedback."""
    await pilot.press("enter")
    await pilot.pause()
    await settle(app, pilot)
    await settle(app, pilot)
    assert not screen.checking
    return feedback(screen)


async def test_the_reference_solution_passes_and_the_starter_does_not(session, settle, short_checks, exercises):
    """w writes the starter files; the starter is not an attempt yet, the reference solution is correct;
    both checks are recorded with the file checked."""
    exercise = find_exercise(exercises, "implement-mse-gradient")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.mse-gradient", "implement-mse-gradient")
        assert "press w" in str(screen.query_one("#exercise-file", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert "press w" in str(screen.query_one("#exercise-message", Static).render())
        await pilot.press("w")
        await pilot.pause()
        path = screen.workspace / "mse_gradient.py"
        assert path.read_text() == exercise.code.starter.read_text()
        assert "~/" in str(screen.query_one("#exercise-file", Static).render())
        text = await check_file(app, pilot, screen, settle)
        assert "NotImplementedError" in text and screen.attempt.result.outcome != "correct"
        shutil.copyfile(exercise.code.solution, path)
        text = await check_file(app, pilot, screen, settle)
        assert "Correct" in text and screen.attempt.result.outcome == "correct"
        await pilot.press("w")  # never over the learner's file
        await pilot.pause()
        assert path.read_text() == exercise.code.solution.read_text()
        assert "Kept" in str(screen.query_one("#exercise-message", Static).render())
    rows = attempts(session)
    assert [(a.exercise_id, a.outcome) for a in rows] == [
        ("implement-mse-gradient", "not_attempted"), ("implement-mse-gradient", "correct")
    ]
    assert rows[-1].answers == {"mse_gradient": str(path)}


async def test_a_syntax_error_names_its_line_and_the_output_is_shown(session, settle, short_checks, tmp_path):
    """A file that does not parse: an error with its line. A file that prints: its first lines."""
    from studytrack.store.exercise_attempts import remember_workspace

    remember_workspace(open_database(session.db_path), tmp_path, session.now())
    target = tmp_path / "gradient_descent.py"
    target.write_text("def gradient_descent(grad, x0, lr, steps):\n    return x0 +\n")
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.update-rule", "implement-gradient-descent")
        text = await check_file(app, pilot, screen, settle)
        assert "syntax error at line 2" in text and screen.attempt.result.outcome == "error"
        target.write_text(
            "def gradient_descent(grad, x0, lr, steps):\n"
            "    print('starting at', x0)\n"
            "    return x0\n"
        )
        text = await check_file(app, pilot, screen, settle)
        assert screen.attempt.result.outcome == "incorrect"
        output = str(screen.query_one("#exercise-output", Static).render())
        assert "Your program printed:" in output and "| starting at" in output
        await pilot.press("s")
        await pilot.pause()
        assert "def gradient_descent" in str(screen.query_one("#exercise-solution", Static).render())


async def test_one_of_two_answers_is_not_marked_wrong_the_empty_box_is_named_and_focused(session, settle):
    """dw typed, db left empty: no ✗ and nothing recorded; the note names db, db's box has the
    focus, and what was typed in dw is kept, not selected for overwriting."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.mse-gradient", "gradient-by-hand")
        assert screen.focused.id == "answer-dw"
        await type_answer(pilot, "3")
        await settle(app, pilot)
        assert "db" in str(screen.query_one("#exercise-message", Static).render())
        assert "✗" not in shown(screen) and not screen.query(".outcome-incorrect")
        assert screen.focused.id == "answer-db"
        dw = screen.query_one("#answer-dw", Input)
        assert dw.value == "3"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert screen.focused is dw and dw.selected_text == ""
    assert attempts(session) == []


async def test_after_a_check_the_box_keeps_the_focus_for_another_try(session, settle):
    """A judged check leaves the focus in the box it was made from: another answer is typed and
    checked at once (no key to go back in), with two boxes the second keeps it, and Esc then makes
    h a key (a hint), as the key line and the "stuck?" note say; that note is one line in both
    languages, so a wrong check after a right one does not push the plots down."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        box = screen.query_one("#answer-lr", Input)
        await type_answer(pilot, "0.001")
        assert "slow" in feedback(screen) and screen.focused is box
        assert "Esc" in feedback(screen) and "Esc" in str(screen.query_one("#exercise-keys", Static).render())
        width = screen.query_one("#exercise-feedback").content_size.width  # the note is one line at 80 columns
        assert all(cell_len(STUCK("stuck_typed", lang)) <= width for lang in ("en", "ko")), width
        await pilot.press(*["backspace"] * 5)
        await type_answer(pilot, "0.05")
        assert "Correct" in feedback(screen) and screen.focused is box
        await pilot.press("escape", "h")
        await pilot.pause()
        assert not screen.typing and screen.attempt.hints == 1 and box.value == "0.05"
        app.pop_screen()
        screen = await open_exercise(app, pilot, settle, "gd.mse-gradient", "gradient-by-hand")
        screen.query_one("#answer-dw", Input).value = "3"
        await pilot.press("tab", "4", "enter")
        await plotted(pilot)
        assert screen.attempt.result is not None and screen.focused.id == "answer-db"
        app.pop_screen()
        screen = await open_exercise(app, pilot, settle, "opt.saddle")  # a list: Esc there would leave
        kinds = ("minimum", "maximum", "saddle")  # the list's order, numbered 1…3
        expected = screen.attempt.instance.expected["kind"]
        wrong = next(number for number, kind in enumerate(kinds, start=1) if kind != expected)
        await pilot.press(str(wrong), "enter")
        await plotted(pilot)
        assert "✗" in feedback(screen) and "Stuck?" in feedback(screen) and "Esc" not in feedback(screen)
        assert isinstance(screen.focused, OptionList)
    assert [a.answers for a in attempts(session)][:3] == [{"lr": "0.001"}, {"lr": "0.05"}, {"dw": "3", "db": "4"}]


async def test_an_invalid_answer_does_not_open_the_solution_like_an_empty_one(session, settle):
    """The rule: the solution opens after an answer that could be judged. `1,5` (invalid) and an
    empty answer leave it closed; a wrong number opens it."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "loss.error")
        for answer in ("", "1,5"):
            screen.query_one("#answer-loss", Input).value = answer
            await type_answer(pilot, "")
            await pilot.press("escape", "s")
            await pilot.pause()
            assert "could be judged" in str(screen.query_one("#exercise-message", Static).render())
            assert not screen.query("#exercise-solution")
            await pilot.press("enter")
            await pilot.pause()
        screen.query_one("#answer-loss", Input).value = "123"
        await type_answer(pilot, "")
        await pilot.press("escape", "s")
        await pilot.pause()
        assert screen.query("#exercise-solution")


async def test_a_check_and_a_hint_change_the_screen_in_place(session, settle):
    """Checking again and climbing the hint ladder change the lines shown, not the widgets: the
    feedback, the plots and the key line stay the same objects (nothing is composed again), and the
    footer is one line of keys (the keys a check changes are drawn with it)."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        await type_answer(pilot, "0.01")
        in_place = ("#exercise-feedback", "#plot-0", "#exercise-hints")
        widgets = [screen.query_one(selector) for selector in in_place]
        assert not screen.query(Footer) and screen.query_one(KeysLine).listed
        first = feedback(screen)
        assert screen.typing  # the box kept the focus: another try is typed at once
        screen.query_one("#answer-lr", Input).value = ""
        await type_answer(pilot, "0.3")
        assert feedback(screen) != first and "Diverged" in feedback(screen)
        await pilot.press("escape", "h")  # out of the box, where h is a letter
        await plotted(pilot)
        assert screen.attempt.hints == 1 and "Stuck?" not in feedback(screen)
        assert [screen.query_one(selector) for selector in in_place] == widgets


async def test_the_body_taking_the_focus_leaves_every_widget_styled_and_drawn_as_a_full_redraw_would(
        session, settle):
    """Esc after a check moves the focus to the body, which restyles itself alone (``ProblemView.watch_has_focus``;
    Textual restyles the 19 widgets inside it too, 3–4 ms of the key) and redraws nothing
    (``ProblemView._on_focus``; Textual redraws the whole body, ~10 ms), and the screen's own
    repaint on a focus move is off (``ExerciseScreen.focused``). That is right while no rule of
    the app's stylesheet styles the body, or a widget in it, by the body's focus: the test looks
    for such a rule, then restyles and redraws every widget after a check and Esc and after a
    return to the box, to see that nothing the body left out would change."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        body = screen.view
        names = {"*", f"#{body.id}", *(f".{name}" for name in body.classes),
                 *(cls.__name__ for cls in type(body).__mro__)}
        by_its_focus = [selector_set.css for rule in app.stylesheet.rules for selector_set in rule.selector_set
                        if any(selector.pseudo_classes & {"focus", "blur", "focus-within"}
                               and selector.css.split(":")[0] in names for selector in selector_set.selectors)]
        assert by_its_focus == []
        await type_answer(pilot, "0.01")
        await pilot.press("escape")  # the focus leaves the box for the body
        await pilot.pause()
        assert not screen.typing and restyled_alike(app, screen) and drawn_alike(screen)
        await pilot.press("enter")  # back into the box: the body loses the focus
        await pilot.pause()
        assert screen.typing and restyled_alike(app, screen) and drawn_alike(screen)


async def test_drawn_alike_sees_a_widget_drawn_from_an_old_style(session, settle):
    """The comparison above can fail: a style changed behind the widget's back (no redraw asked
    for) leaves the widget drawn as before, and redrawing it shows the difference."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        assert drawn_alike(screen)
        prompt = screen.query_one("#exercise-prompt")
        prompt.styles.inline.set_rule("color", Color(255, 0, 0))  # the rule alone: no redraw asked for
        assert not drawn_alike(screen)


def restyled_alike(app, screen) -> bool:
    """Whether restyling every widget of ``screen`` leaves each styled as it is."""
    nodes = list(screen.walk_children(with_self=True))
    before = [node.styles.css for node in nodes]
    app.stylesheet.update_nodes(nodes)
    return [node.styles.css for node in nodes] == before


def drawn_alike(screen) -> bool:
    """Whether every widget shown on ``screen`` draws, from what it keeps, the lines it draws once
    told to redraw everything (a widget left undrawn after a change would differ)."""
    shown = [widget for widget in screen.walk_children(with_self=True) if widget.display and widget.region]

    def lines() -> list[list[tuple[str, object]]]:
        return [[(segment.text, segment.style) for strip in widget.render_lines(widget.region.reset_offset)
                 for segment in strip] for widget in shown]

    kept = lines()
    for widget in shown:
        widget.refresh()
    return lines() == kept


async def test_the_frame_after_a_check_or_a_hint_lays_it_out(session, settle, monkeypatch):
    """The first frame drawn after a check shows the feedback laid out at the height its text
    needs, and the first after ``h`` the hint: not the new text in the old (empty) line's size,
    with the laid-out frame a tick later (Textual learns of a widget's new size when that widget
    is next idle, after the frame timer that the key's focus change set off)."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        line, ladder = screen.query_one("#exercise-feedback", Static), screen.query_one(HintLadder)
        assert line.region.height == 0 and ladder.region.height == 0, "nothing checked or asked yet"
        frames = frames_drawn(monkeypatch, screen, lambda: (
            line.region.height if line.display and str(line.render()) else -1,
            ladder.region.height if ladder.shown else -1))
        await type_answer(pilot, "0.01")
        assert "slow" in feedback(screen).lower() and line.region.height >= 2, feedback(screen)
        first = next(heights for heights in frames if heights[0] != -1)
        assert first[0] == line.region.height, frames
        frames.clear()
        await pilot.press("escape", "h")
        await plotted(pilot)
        assert ladder.shown == 1 and ladder.region.height >= 2
        first = next(heights for heights in frames if heights[1] != -1)
        assert first[1] == ladder.region.height, frames


async def test_a_hint_is_drawn_with_nothing_else_happening(session, settle, monkeypatch):
    """``h`` after a check draws its hint by itself: a key's action runs in the app's task, so
    the screen can fall idle while the key holds frames back, and must be prompted after (else
    the hint waited for the next key or mouse move). The key is posted and left alone: no pilot
    call, which would prompt the screen itself."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(app, pilot, settle, "gd.learning-rate", "pick-learning-rate")
        await type_answer(pilot, "0.01")
        await pilot.press("escape")
        await pilot.pause(0.2)
        ladder = screen.query_one(HintLadder)
        drawn_heights = frames_drawn(monkeypatch, screen, lambda: ladder.region.height)
        app.post_message(events.Key("h", "h"))
        await asyncio.sleep(0.5)
        assert screen.attempt.hints == 1
        assert drawn_heights and drawn_heights[-1] >= 2, drawn_heights
