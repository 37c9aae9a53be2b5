"""The exercise screen's plot data: loss per step, paths, level curves and the rate playground."""

import math

import numpy as np
import pytest

from studytrack import engine
from studytrack.domain.content.text import LocalText
from studytrack.domain.exercises import plots
from studytrack.domain.exercises.checks import CHECKS, diagnose_loss_history, rate_run
from studytrack.domain.exercises.model import generate, load_exercises
from studytrack.paths import bundled_content_dir
from studytrack.ui.widgets.exercise_plot import in_words


@pytest.fixture(scope="module")
def exercises():
    """The bundled course's exercises, by id."""
    from studytrack.domain.content.course import load_course

    course = load_course(bundled_content_dir())
    return {exercise.id: exercise for exercise in load_exercises(course.root, course.topic_ids)}


def test_plottable_losses_stop_where_a_run_blows_up():
    """Losses after the first inf, nan or huge value are not drawn."""
    steps, values = plots.plottable_losses([4.0, 2.0, 1e13, 3.0])
    assert steps == (0, 1) and values == (4.0, 2.0)
    assert plots.plottable_losses([1.0, float("nan")]) == ((0,), (1.0,))
    assert plots.plottable_losses(None) == ((), ())


def test_a_diverged_run_plots_on_a_log_axis_up_to_where_it_left_the_chart():
    """A run that overflowed: finite losses only, a log axis with short ticks, and a note."""
    objective = engine.polynomial_objective([1.0, 0.0, 0.0])
    run = engine.descend(objective.gradient, 1.0, 50.0, 200, loss=objective.value)
    assert run.status == "diverged"
    figure = plots.loss_figure(run.losses)
    loss = figure.series_for("loss")
    assert len(loss.xs) < len(run.losses)
    assert all(math.isfinite(v) and v <= plots.LOSS_CLIP for v in loss.ys)
    assert figure.ylog and figure.yticks and all(len(label) <= 5 for _, label in figure.yticks)
    assert "off the chart" in figure.note.text("en")
    assert "그래프 밖" in figure.note.text("ko"), "the note is worded when shown"
    assert figure.series_for("end").ys == (loss.ys[-1],)


def test_a_gentle_run_plots_on_a_linear_axis():
    """Losses within a factor of 100 keep a linear axis, from step 0 to the last step."""
    figure = plots.loss_figure([3.0, 2.0, 1.5, 1.25], title=LocalText("Title", "제목"))
    assert not figure.ylog and not figure.note and figure.title.text("ko") == "제목"
    assert figure.series_for("loss").xs == (0, 1, 2, 3) and figure.xlim == (0.0, 3.0)


def test_the_rate_ladder_steps_by_about_a_quarter_and_stays_in_range():
    """+ and − walk 1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8 times a power of ten."""
    assert plots.next_rate(0.01, 1) == 0.0125
    assert plots.next_rate(0.0125, 1) == 0.016
    assert plots.next_rate(0.01, -1) == 0.008
    assert plots.next_rate(8.0, 1) == 10.0
    assert plots.snap_rate(0.3) == 0.32
    rate = 0.01
    for _ in range(10):
        rate = plots.next_rate(rate, 1)
    assert rate == pytest.approx(0.1)
    assert plots.next_rate(plots.MAX_RATE, 1) == plots.MAX_RATE
    assert plots.next_rate(plots.MIN_RATE, -1) == plots.MIN_RATE


def test_summaries_name_converged_slow_oscillating_and_diverged_runs():
    """The status comes from the engine; the curve's shape from diagnose_loss_history."""
    playground = plots.playground_for("implement-gradient-descent", {})
    assert playground.coeffs == plots.DEFAULT_CURVE
    good = plots.summarize_run(playground.run(0.25))
    assert good.status == "converged" and "converged" in good.message().text("en")
    slow = plots.summarize_run(playground.run(0.001))
    assert slow.status == "max_steps" and slow.shape == "too-slow" and "too slow" in slow.message().text("en")
    growing = plots.summarize_run(playground.run(1.6))
    assert growing.status == "diverged" and growing.growing and "grows" in growing.message().text("en")
    assert "발산" in growing.message().text("ko")
    objective = engine.polynomial_objective([1.0, 0.0, 0.0])
    overflow = plots.summarize_run(engine.descend(objective.gradient, 1.0, 50.0, 200, loss=objective.value))
    assert overflow.status == "diverged" and not overflow.growing and "overflowed" in overflow.message().text("en")


def test_an_oscillating_run_is_labelled_from_its_losses():
    """On a double well, a rate past 1/(4a·r²) throws descent back and forth: the losses alternate."""
    coeffs = [1.0, 0.0, -2.0, 0.0, 2.0]  # (x² − 1)² + 1
    objective = engine.polynomial_objective(coeffs)
    run = engine.descend(objective.gradient, 1.3, 0.3, 30, loss=objective.value, tol=plots.PLAYGROUND_TOL)
    assert diagnose_loss_history(run.losses) == "oscillating"
    summary = plots.summarize_run(run)
    assert summary.status == "max_steps" and "oscillating" in summary.message().text("en")


def test_the_learning_rate_playground_uses_the_exercises_own_data(exercises):
    """pick-learning-rate opens on its points, start and steps, at 0.01; a run changes with the rate."""
    instance = generate(exercises["pick-learning-rate"], 3)
    params = instance.params
    playground = plots.playground_for("learning-rate", params)
    assert playground.kind == "line" and playground.lr == 0.01
    assert playground.x == tuple(float(v) for v in params["x"]) and playground.steps == params["steps"]
    run = playground.run(0.01)
    assert np.allclose(run.losses, rate_run(params, 0.01).losses[: len(run.losses)])
    slow, fast = (playground.figures(playground.run(lr), lr)[0] for lr in (0.01, 0.02))
    assert slow.series_for("loss").ys != fast.series_for("loss").ys


def test_a_loss_curve_playground_opens_at_a_rate_that_converges(exercises):
    """Its own rate would give the answer away: it opens at half of 1/L''(minimum), snapped to the ladder."""
    instance = generate(exercises["diagnose-loss-curve"], 5)
    playground = plots.playground_for("loss-curve", instance.params)
    assert playground.kind == "curve" and playground.start == (float(instance.params["x0"]),)
    summary = plots.summarize_run(playground.run(playground.lr))
    assert summary.status in ("converged", "max_steps") and summary.shape in ("converging", None)
    loss, path = playground.figures(playground.run(playground.lr), playground.lr)
    assert loss.series_for("loss").xs[0] == 0
    assert path.series_for("curve") is not None and path.series_for("path") is not None


def test_a_path_on_a_curve_shows_the_starts_and_stays_in_its_window(exercises):
    """global-minimum-start: the quartic, numbered starts (ASCII marks), the descent's points."""
    instance = generate(exercises["global-minimum-start"], 7)
    params = instance.params
    objective = engine.polynomial_objective(params["coeffs"])
    run = engine.descend(objective.gradient, params["starts"][0], params["lr"], params["steps"],
                         loss=objective.value)
    figure = plots.polynomial_path_figure(params["coeffs"], run, starts=params["starts"])
    low, high = figure.xlim
    assert all(low <= s <= high for s in params["starts"])
    assert [text for _, _, text in figure.marks] == [str(n) for n in range(1, len(params["starts"]) + 1)]
    path = figure.series_for("path")
    assert path.xs[0] == pytest.approx(params["starts"][0]) and all(low <= x <= high for x in path.xs)
    assert path.ys[0] == pytest.approx(objective.value(params["starts"][0]))
    assert all(text.isascii() for _, _, text in figure.marks)


def test_result_figures_follow_the_check(exercises):
    """A rate check plots the learner's run and its path; a critical point its level curves; others none."""
    rate = generate(exercises["pick-learning-rate"], 3)
    run = rate_run(rate.params, 0.02)
    loss, path = plots.result_figures("learning-rate", rate.params, run, {"lr": 0.02})
    assert loss.series_for("loss").ys == pytest.approx(tuple(run.losses))
    assert "0.02" in loss.title.text("en") and path.series_for("path").xs[0] == rate.params["w0"]
    critical = generate(exercises["classify-critical-point"], 2)
    assert plots.result_figures("critical-point", critical.params, None, {"kind": "saddle"}) == ()
    (levels,) = plots.result_figures("critical-point", critical.params, None, {"kind": "saddle"}, revealed=True)
    assert levels.series_for("point").xs == (0.0,)
    assert plots.result_figures("mse", generate(exercises["mse-by-hand"], 1).params, None, {}) == ()


@pytest.mark.parametrize(("a", "b", "c", "roles"), [
    (1, 0, 2, {"level_up"}),
    (-1, 1, -2, {"level_down"}),
    (1, 3, 1, {"level_up", "level_down"}),
])
def test_level_curves_lie_on_their_levels(a, b, c, roles):
    """Rings around a minimum or a maximum, curves of both signs around a saddle; every point of a level
    curve has the same f, from the engine."""
    figure = plots.critical_point_figure(a, b, c)
    found = {s.role for s in figure.series if s.role.startswith("level")}
    assert found == roles
    objective = engine.two_variable_quadratic(a, b, c)
    for series in figure.series:
        if series.role.startswith("level"):
            values = [objective.value(np.array([x, y])) for x, y in zip(series.xs, series.ys, strict=True)]
            assert max(values) == pytest.approx(min(values), rel=1e-9)
            assert (values[0] > 0) == (series.role == "level_up")


def test_a_diverging_path_is_cut_at_the_edge_of_the_chart():
    """A 2-D path that leaves the box ends on its edge, never at 1e100."""
    points = [(0.0, 0.0), (0.5, 0.5), (4.0, 1.0), (1e100, 1e100)]
    path = plots.clip_path(points, (-1.0, 1.0), (-1.0, 1.0))
    assert path[:2] == [(0.0, 0.0), (0.5, 0.5)]
    assert path[2] == pytest.approx((1.0, 0.5 + 0.5 / 7))
    assert len(path) == 3


def test_the_mse_level_curves_pass_through_the_start():
    """The outermost level of a line's MSE is the start's loss, so the run starts on it."""
    x, y = [0, 1, 2, 4], [1, 1, 3, 4]
    objective = engine.mse_objective(x, y)
    run = engine.descend(objective.gradient, np.array([0.0, 0.0]), 0.05, 20, loss=objective.value)
    figure = plots.line_path_figure(x, y, run, (0.0, 0.0))
    outer = [s for s in figure.series if s.role == "level_up"][-1]
    start_loss = objective.value(np.array([0.0, 0.0]))
    assert objective.value(np.array([outer.xs[0], outer.ys[0]])) == pytest.approx(start_loss)
    assert figure.series_for("start").xs == (0.0,)


def test_every_check_has_plots_that_build(exercises):
    """For every numeric exercise, the problem's and a check's figures can be made in both languages."""
    from studytrack.domain.exercises.model import check_answers

    for exercise in exercises.values():
        if exercise.is_code:
            continue
        instance = generate(exercise, 11)
        answers = {name: repr(v) if isinstance(v, float) else str(v) for name, v in instance.expected.items()}
        result = check_answers(instance, answers)
        values = {answer.name: answer.value for answer in result.answers}
        figures = (*plots.problem_figures(exercise.check, instance.public_params()),
                   *plots.result_figures(exercise.check, instance.params, result.run, values, revealed=True))
        for lang in ("en", "ko"):
            for figure in figures:
                assert in_words(figure.title, lang)
                assert all(in_words(series.label, lang) for series in figure.series if series.label)
                assert figure.note == "" or in_words(figure.note, lang)
        assert CHECKS[exercise.check]


def test_the_plot_helpers_never_import_textual():
    """The plot data is domain code: importing it loads no UI."""
    import subprocess
    import sys

    code = "import sys, studytrack.domain.exercises.plots; print('textual' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "False"


def test_a_learning_rate_is_written_as_a_plain_number():
    """α as the lessons write it: 1000 and 0.001, never 1e+03 or 1e-05."""
    assert [plots.rate_text(lr) for lr in (1000.0, 0.001, 0.00001, 0.0125, 2.5, 1250.0)] == [
        "1000", "0.001", "0.00001", "0.0125", "2.5", "1250"]
