"""What the exercise screen plots, as plain data: a run's loss per step, a descent's path on its loss
curve or on level curves, and the learning-rate playground's runs.

Every number comes from the engine; nothing here imports textual, so the plots are testable without
a screen. A ``Figure`` is a title and some ``Series`` of points, each with a role (what it shows:
the loss, the path, a start …) that the widget turns into a colour and a marker. Titles, legend
labels and notes are ``Message``s: the widget words them in the learner's language when it draws.
The text drawn inside a plot (``Figure.marks``) is ASCII, so wide characters never
shift its columns.
"""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from studytrack import engine
from studytrack.domain.exercises.checks import diagnose_loss_history, num, sig
from studytrack.domain.messages import Joined, Message, Wording
from studytrack.i18n import Catalog

ROLES = ("loss", "curve", "path", "start", "end", "level_up", "level_down", "point")
"""What a series can show: a loss per step, a loss curve, the points a descent visited, where it
started and ended, level curves above and below the critical point's value, and the point itself."""

LOSS_CLIP = 1e12
"""Losses above this (or inf, nan) are not drawn: a diverging run's plot stops where it blew up."""

CURVE_SAMPLES = 161
"""Points drawn along a loss curve."""

LEVEL_ANGLES = 720
"""Directions sampled around a centre to draw one level curve."""

RATE_LADDER = (1.0, 1.25, 1.6, 2.0, 2.5, 3.2, 4.0, 5.0, 6.3, 8.0)
"""The rates ``+`` and ``-`` step through, times a power of ten: about ×1.25 a step, 10 to a decade."""

MIN_RATE, MAX_RATE = 1e-5, 1e3
"""The playground's rates stay in this range."""

PLAYGROUND_TOL = 1e-6
"""A playground run counts as converged once its gradient norm is at most this."""

PLAYGROUND_STEPS = 30
"""Steps of a playground run, unless its exercise says otherwise."""

DEFAULT_CURVE = (1.0, -6.0, 10.0)
"""The playground's loss when an exercise has none of its own: L(w) = (w − 3)² + 1."""

DEFAULT_START = -2.0
"""Where descent on ``DEFAULT_CURVE`` starts."""

ZIGZAG_SHOWN = 12
"""Steps of a zigzagging path that are drawn: later ones crowd the minimum, and at 80×24 the swings
across the valley would merge into one smudge."""

TEXT = Catalog("domain.exercises.plots")


def _say(key: str, **fields: object) -> Message:
    """The plot text ``key`` of this module's catalog, with ``fields``, to be worded when shown."""
    return Message(TEXT, key, fields)


@dataclass(frozen=True)
class Series:
    """Points to draw in one style: their role (see ``ROLES``), and whether they are joined by a line."""

    role: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    label: Wording | str = ""
    """The legend text (empty: not in the legend); a plain string is a lesson figure's, already in
    the learner's language."""
    joined: bool = True
    """True for a line through the points, False for separate points."""
    marked: bool = False
    """True to draw each point's marker on the line as well (the steps of a path, so a zigzag shows)."""


@dataclass(frozen=True)
class Figure:
    """One plot: a title, the series drawn in order, the axes' ranges and short ASCII marks."""

    title: Wording | str
    series: tuple[Series, ...]
    xlim: tuple[float, float] | None = None
    ylim: tuple[float, float] | None = None
    ylog: bool = False
    """True when the loss axis is logarithmic (losses spanning several powers of ten)."""
    marks: tuple[tuple[float, float, str], ...] = ()
    """``(x, y, text)``: ASCII labels drawn inside the plot (the numbers of the starts)."""
    yticks: tuple[tuple[float, str], ...] = ()
    """``(value, label)`` of the loss axis, when the plot's own would be too wide (log scale)."""
    note: Wording | str = ""
    """One line under the plot (empty: none)."""

    def series_for(self, role: str) -> Series | None:
        """The first series of ``role``, if there is one."""
        return next((series for series in self.series if series.role == role), None)


# ─── loss per step ────────────────────────────────────────────────────────────


def plottable_losses(losses: ArrayLike | None) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """``(steps, losses)`` to draw: the losses up to the first one that is inf, nan or above ``LOSS_CLIP``."""
    steps: list[int] = []
    values: list[float] = []
    for step, value in enumerate(np.asarray(losses if losses is not None else [], dtype=float).ravel()):
        if not math.isfinite(value) or abs(value) > LOSS_CLIP:
            break
        steps.append(step)
        values.append(float(value))
    return tuple(steps), tuple(values)


def loss_figure(losses: ArrayLike | None, title: Wording | None = None) -> Figure:
    """The loss per step of a run; a logarithmic axis when positive losses span more than 100×, and a
    note when the run left the chart (it diverged)."""
    steps, values = plottable_losses(losses)
    total = len(np.asarray(losses if losses is not None else [], dtype=float).ravel())
    ylog = bool(values) and min(values) > 0 and max(values) > 100 * min(values)
    notes: list[Wording | str] = []
    if ylog:
        notes.append(_say("log_scale"))
    if len(values) < total:
        notes.append(_say("off_chart", step=len(values)))
    series = [Series("loss", steps, values, _say("loss_label"))]
    if values:
        series.append(Series("end", steps[-1:], values[-1:], _say("end_label"), joined=False))
    return Figure(title or _say("loss_title"), tuple(series), xlim=_step_range(steps), ylog=ylog,
                  yticks=log_ticks(values) if ylog else (), note=Joined(tuple(notes), " · ") if notes else "")


def log_ticks(values: Sequence[float], most: int = 5) -> tuple[tuple[float, str], ...]:
    """At most ``most`` powers of ten spanning the positive ``values``, labelled short (``1e6``, ``0.01``)."""
    positive = [v for v in values if v > 0]
    if not positive:
        return ()
    low, high = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
    step = max(1, math.ceil((high - low) / (most - 1)))
    return tuple((10.0**k, f"1e{k}" if abs(k) >= 4 else f"{10.0**k:g}") for k in range(low, high + 1, step))


def _step_range(steps: Sequence[int]) -> tuple[float, float] | None:
    """The x range of a loss plot: from step 0 to the last step (at least 1 wide)."""
    return (0.0, float(max(1, steps[-1]))) if steps else None


# ─── a path on a curve in one variable ────────────────────────────────────────


def polynomial_path_figure(coeffs: Sequence[float], run: engine.DescentRun | None,
                           starts: Sequence[float] = (), name: str = "f(x)") -> Figure:
    """The curve ``name`` over the region that matters (its critical points, the starts, where the run
    began; centred on the minimum when there is only one), the points the run visited on it, and the
    numbered ``starts``."""
    objective = engine.polynomial_objective(coeffs)
    path = _finite_path(run)
    critical = [float(x) for x in engine.polynomial_critical_points(coeffs)]
    anchors = [*critical, *starts, *path[:1]]
    low, high = (min(anchors), max(anchors)) if anchors else (-1.0, 1.0)
    if len(critical) == 1:
        reach = max(abs(a - critical[0]) for a in anchors)
        low, high = critical[0] - reach, critical[0] + reach
    pad = max(0.5, 0.15 * (high - low))
    low, high = low - pad, high + pad
    xs = np.linspace(low, high, CURVE_SAMPLES)
    ys = [float(objective.value(x)) for x in xs]
    # the height that matters: from the lowest point to the highest anchor, not the steep walls beyond
    bottom = min(ys)
    top = max(float(objective.value(a)) for a in anchors) if anchors else max(ys)
    top = top + 0.25 * (top - bottom or 1.0)
    margin = 0.05 * (top - bottom)
    series = [Series("curve", tuple(float(x) for x in xs), tuple(ys), name)]
    marks: list[tuple[float, float, str]] = []
    if starts:
        values = tuple(float(objective.value(s)) for s in starts)
        series.append(Series("start", tuple(float(s) for s in starts), values,
                             _say("starts_label", count=len(starts)), joined=False))
        marks = [(float(s), v, str(number)) for number, (s, v) in enumerate(zip(starts, values, strict=True), 1)]
    shown, note = shown_path([(x,) for x in path])
    inside = [x for (x,) in shown if low <= x <= high]
    if inside:
        series.append(Series("path", tuple(inside), tuple(float(objective.value(x)) for x in inside),
                             _say("path_label"), marked=True))
        end = path[-1]
        if low <= end <= high:
            series.append(Series("end", (end,), (float(objective.value(end)),), _say("end_label"),
                                 joined=False))
    if len(critical) == 1:  # the one minimum, drawn last so that no step's marker hides it
        series.append(Series("point", (critical[0],), (float(objective.value(critical[0])),),
                             _say("minimum_label"), joined=False))
    return Figure(_say("curve_title", name=name), tuple(series), xlim=(float(low), float(high)),
                  ylim=(bottom - margin, top + margin), marks=tuple(marks), note=note)


def zigzags(points: Sequence[Sequence[float]]) -> bool:
    """Whether a path overshoots at nearly every step: most of its first steps turn back against the
    step before (the swings of a rate close to the divergence bound)."""
    steps = np.diff(np.asarray(points[: ZIGZAG_SHOWN + 1], dtype=float), axis=0)
    if len(steps) < 3:
        return False
    turns = np.einsum("ij,ij->i", steps[1:], steps[:-1]) < 0
    return bool(turns.mean() >= 2 / 3)


def shown_path(points: Sequence[tuple[float, ...]]) -> tuple[Sequence[tuple[float, ...]], Message | str]:
    """The points of a path to draw and a note on them: a zigzagging path only its first
    ``ZIGZAG_SHOWN`` steps (so every swing across the minimum can be told apart), else all of it."""
    if len(points) > ZIGZAG_SHOWN + 1 and zigzags(points):
        return points[: ZIGZAG_SHOWN + 1], _say("zigzag_note", count=ZIGZAG_SHOWN)
    return points, ""


def _finite_path(run: engine.DescentRun | None) -> list[float]:
    """The points of a one-parameter run, up to the first that is not finite."""
    if run is None:
        return []
    path = []
    for value in np.asarray(run.params, dtype=float).ravel():
        if not math.isfinite(value) or abs(value) > LOSS_CLIP:
            break
        path.append(float(value))
    return path


# ─── level curves in two variables ────────────────────────────────────────────


def quadratic_levels(value: Callable[[engine.Params], float], center: Sequence[float], heights: Sequence[float],
                     reach: float = math.inf) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """The level curves value(p) = value(center) + h of a quadratic around ``center``, one per height.

    Along a direction u, a quadratic rises as r²·q(u) with q(u) = value(center + u) − value(center)
    (both from the engine's ``value``), so its level h lies at r = √(h / q(u)) wherever h and q(u)
    have the same sign. Each level comes as its pieces, each ``(xs, ys)`` in order along the curve:
    one closed ring around a minimum or maximum, the branches of a hyperbola around a saddle (cut
    where they go farther than ``reach`` from the centre).
    """
    angles = np.linspace(0.0, 2 * math.pi, LEVEL_ANGLES, endpoint=False)
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    origin = np.asarray(center, dtype=float)
    base = float(value(origin))
    rise = np.array([float(value(origin + u)) - base for u in directions])
    levels = []
    for height in heights:
        with np.errstate(divide="ignore", invalid="ignore"):
            radius = np.sqrt(height / rise)
        keep = np.isfinite(radius) & (rise * height > 0) & (radius <= reach)
        points = origin + directions * np.where(keep, radius, 0.0)[:, None]
        levels.append([(points[run, 0], points[run, 1]) for run in _runs(keep)])
    return levels


def _runs(keep: np.ndarray) -> list[np.ndarray]:
    """The index runs where ``keep`` holds, around a circle: a full circle comes back to its start."""
    if keep.all():
        return [np.append(np.arange(keep.size), 0)]
    if not keep.any():
        return []
    first_gap = int(np.argmin(keep))
    order = np.roll(np.arange(keep.size), -first_gap)  # start in a gap, so no run wraps around
    runs, current = [], []
    for index in order:
        if keep[index]:
            current.append(index)
        elif current:
            runs.append(np.array(current))
            current = []
    if current:
        runs.append(np.array(current))
    return [run for run in runs if run.size > 1]


def _level_series(role: str, label: Message, levels: list[list[tuple[np.ndarray, np.ndarray]]]) -> list[Series]:
    """One joined series per piece of level curve, the legend label on the first only."""
    series: list[Series] = []
    for pieces in levels:
        for xs, ys in pieces:
            series.append(Series(role, tuple(float(v) for v in xs), tuple(float(v) for v in ys),
                                 "" if series else label))
    return series


def critical_point_figure(a: float, b: float, c: float, radius: float = 2.0) -> Figure:
    """Level curves of f(x, y) = a·x² + b·x·y + c·y² in the square |x|, |y| ≤ ``radius``, above and
    below f(0, 0) = 0 in two roles, and the point (0, 0): closed rings around a minimum or a maximum,
    crossing curves around a saddle."""
    objective = engine.two_variable_quadratic(a, b, c)
    angles = np.linspace(0.0, 2 * math.pi, LEVEL_ANGLES, endpoint=False)
    top = max(abs(float(objective.value(np.array([math.cos(t), math.sin(t)])))) for t in angles) * radius**2
    fractions = (0.08, 0.25, 0.5, 0.8)
    series = []
    for role, sign, key in (("level_up", 1.0, "above_label"), ("level_down", -1.0, "below_label")):
        levels = quadratic_levels(objective.value, (0.0, 0.0), [sign * f * top for f in fractions],
                                  reach=2 * radius)
        series += _level_series(role, _say(key), levels)
    series.append(Series("point", (0.0,), (0.0,), _say("point_label"), joined=False))
    return Figure(_say("critical_title"), tuple(series), xlim=(-radius, radius), ylim=(-radius, radius))


def line_path_figure(x: Sequence[float], y: Sequence[float], run: engine.DescentRun | None,
                     start: Sequence[float]) -> Figure:
    """The MSE of a line ŷ = w·x + b as level curves in the (w, b) plane around its minimum, with the
    points a run visited: straight down a narrow valley, zigzagging across it, or flying out of it."""
    objective = engine.mse_objective(x, y)
    best = np.array(engine.least_squares(x, y), dtype=float)
    rise = float(objective.value(np.asarray(start, dtype=float))) - float(objective.value(best))
    heights = [f * rise for f in (0.02, 0.1, 0.3, 0.6, 1.0)] if rise > 0 else [1.0]
    levels = quadratic_levels(objective.value, tuple(float(v) for v in best), heights)
    outer = [np.concatenate(coords) for coords in zip(*levels[-1], strict=True)] if levels[-1] else []
    spread = [max(float(np.max(np.abs(axis - middle))) if outer else 1.0, 1e-3) * 1.15
              for axis, middle in zip(outer or [np.zeros(1), np.zeros(1)], best, strict=True)]
    xlim = (float(best[0] - spread[0]), float(best[0] + spread[0]))
    ylim = (float(best[1] - spread[1]), float(best[1] + spread[1]))
    series = _level_series("level_up", _say("mse_label"), levels)
    series.append(Series("point", (float(best[0]),), (float(best[1]),), _say("minimum_label"), joined=False))
    note: Message | str = ""
    if run is not None:
        path, note = shown_path(clip_path(np.asarray(run.params, dtype=float).reshape(len(run.params), -1),
                                          xlim, ylim))
        if path:
            xs, ys = zip(*path, strict=True)
            series.append(Series("path", xs, ys, _say("path_label"), marked=True))
            series.append(Series("start", xs[:1], ys[:1], _say("start_label"), joined=False))
    return Figure(_say("contour_title"), tuple(series), xlim=xlim, ylim=ylim, note=note)


def clip_path(points: ArrayLike, xlim: tuple[float, float], ylim: tuple[float, float]) -> list[tuple[float, float]]:
    """The points of a 2-D path while it stays in the box; where it leaves, the point on the box's edge
    where it crossed it (a diverging run flies off the chart there, and the plot never sees 1e100)."""
    inside: list[tuple[float, float]] = []
    for point in np.asarray(points, dtype=float):
        x, y = float(point[0]), float(point[1])
        if math.isfinite(x) and math.isfinite(y) and xlim[0] <= x <= xlim[1] and ylim[0] <= y <= ylim[1]:
            inside.append((x, y))
            continue
        if inside and math.isfinite(x) and math.isfinite(y):
            inside.append(_edge_crossing(inside[-1], (x, y), xlim, ylim))
        break
    return inside


def _edge_crossing(start: tuple[float, float], end: tuple[float, float], xlim: tuple[float, float],
                   ylim: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from ``start`` (inside the box) to ``end`` (outside) crosses the box's edge."""
    fraction = 1.0
    for low, high, begin, finish in ((*xlim, start[0], end[0]), (*ylim, start[1], end[1])):
        change = finish - begin
        if change > 0 and finish > high:
            fraction = min(fraction, (high - begin) / change)
        elif change < 0 and finish < low:
            fraction = min(fraction, (low - begin) / change)
    return (start[0] + fraction * (end[0] - start[0]), start[1] + fraction * (end[1] - start[1]))


# ─── the learning-rate playground ─────────────────────────────────────────────


def snap_rate(lr: float) -> float:
    """The rate of ``RATE_LADDER`` nearest to ``lr`` (on a log scale), within the playground's range."""
    lr = min(max(float(lr), MIN_RATE), MAX_RATE)
    return _ladder_rate(round(10 * math.log10(lr)))


def next_rate(lr: float, direction: int) -> float:
    """The next rate up (``direction`` 1) or down (−1) the ladder from ``lr``, within the range."""
    position = round(10 * math.log10(snap_rate(lr))) + (1 if direction > 0 else -1)
    return min(max(_ladder_rate(position), MIN_RATE), MAX_RATE)


def _ladder_rate(position: int) -> float:
    """Rate number ``position`` of the ladder: ``RATE_LADDER[position % 10]`` × 10^(position // 10)."""
    decade, index = divmod(position, len(RATE_LADDER))
    return float(f"{RATE_LADDER[index] * 10.0**decade:.3g}")


@dataclass(frozen=True)
class Playground:
    """A loss to run gradient descent on at any rate: the MSE of a line through data points (two
    parameters w, b), or a polynomial in one variable."""

    kind: str
    """``line`` (x and y data, start (w, b)) or ``curve`` (polynomial coefficients, start x)."""
    start: tuple[float, ...]
    steps: int
    lr: float
    """The rate the playground opens with."""
    x: tuple[float, ...] = ()
    y: tuple[float, ...] = ()
    coeffs: tuple[float, ...] = ()

    def objective(self) -> engine.Objective:
        """The loss as an engine objective."""
        if self.kind == "line":
            return engine.mse_objective(self.x, self.y)
        return engine.polynomial_objective(self.coeffs)

    def run(self, lr: float) -> engine.DescentRun:
        """The engine's descent at rate ``lr`` (stopping when converged or diverged)."""
        objective = self.objective()
        start = np.array(self.start, dtype=float) if self.kind == "line" else float(self.start[0])
        return engine.descend(objective.gradient, start, lr, self.steps, loss=objective.value, tol=PLAYGROUND_TOL)

    def figures(self, run: engine.DescentRun, lr: float) -> tuple[Figure, Figure]:
        """The run's loss per step, and its path (on the level curves, or on the curve)."""
        losses = loss_figure(run.losses, _say("your_run_title", lr=rate_text(lr)))
        if self.kind == "line":
            return losses, line_path_figure(self.x, self.y, run, self.start)
        return losses, polynomial_path_figure(self.coeffs, run, name="L(w)")


def playground_for(check: str, params: Mapping[str, Any]) -> Playground:
    """The playground of an exercise: its own data or loss where it has one, else (w − 3)² + 1.

    A learning-rate exercise opens on its data at 0.01 (its first hint's rate); a loss-curve
    exercise opens on its loss at a rate that converges (its own rate would give the answer away);
    a line exercise opens on its data at its rate.
    """
    if check == "learning-rate":
        return Playground("line", (float(params["w0"]), float(params["b0"])), int(params["steps"]), snap_rate(0.01),
                          x=_floats(params["x"]), y=_floats(params["y"]))
    if check in ("mse", "mse-gradient", "gd-step"):
        return Playground("line", (float(params["w"]), float(params["b"])), PLAYGROUND_STEPS,
                          snap_rate(params.get("lr", 0.01)), x=_floats(params["x"]), y=_floats(params["y"]))
    if check == "loss-curve":
        coeffs = _floats(params["coeffs"])
        second_derivative = np.polyder(np.asarray(coeffs, dtype=float), 2)
        curvature = float(np.polyval(second_derivative, engine.polynomial_global_minimum(coeffs)))
        return Playground("curve", (float(params["x0"]),), PLAYGROUND_STEPS, snap_rate(0.5 / curvature),
                          coeffs=coeffs)
    return Playground("curve", (DEFAULT_START,), PLAYGROUND_STEPS, 0.1, coeffs=DEFAULT_CURVE)


def _floats(values: Sequence[float]) -> tuple[float, ...]:
    """Numbers from params as a tuple of floats."""
    return tuple(float(v) for v in values)


def rate_text(lr: float) -> str:
    """A rate as the learner reads it, a plain number to 3 significant digits: ``0.0125``,
    ``2.5``, ``1000``, ``0.00001`` (never ``1e+03``: the lessons write α that way)."""
    if lr == 0 or not np.isfinite(lr):
        return sig(lr, 3)
    return str(np.format_float_positional(lr, precision=3, unique=False, fractional=False, trim="-"))


@dataclass(frozen=True)
class RunSummary:
    """How a run went, in the terms of the lessons.

    ``status`` is the engine's (converged, max_steps, diverged), except that a run still within the
    engine's bounds whose loss grows by a factor every step is called diverged too (``growing``):
    the step budget ended it, not the numbers. ``shape`` is what the losses show
    (``diagnose_loss_history``): oscillating, too-slow, converging or None.
    """

    status: str
    shape: str | None
    steps: int
    final_loss: float | None
    growing: bool = False
    factor: float | None = None
    """How much the loss grew in the last step of a growing run."""

    def message(self) -> Joined:
        """One line: the status, what the curve shows when it adds something, and the final loss."""
        if self.status == "diverged" and self.growing:
            parts: list[Wording | str] = [_say("status_growing", factor=sig(self.factor or 0.0, 3))]
        else:
            parts = [_say(f"status_{self.status}", steps=self.steps)]
        if self.status == "max_steps" and self.shape is not None:
            parts.append(_say(f"shape_{self.shape}"))
        if self.status != "diverged" and self.final_loss is not None:
            parts.append(_say("final_loss", loss=num(self.final_loss, 6)))
        return Joined(tuple(parts), " · ")


def summarize_run(run: engine.DescentRun) -> RunSummary:
    """The status and shape of a run with losses."""
    losses = np.asarray(run.losses if run.losses is not None else [], dtype=float)
    shape = diagnose_loss_history(losses) if losses.size else None
    final = float(losses[-1]) if losses.size else None
    if run.status != "diverged" and shape == "diverging":
        factor = float(losses[-1] / losses[-2]) if losses.size > 1 and losses[-2] else None
        return RunSummary("diverged", shape, run.steps_taken, final, growing=True, factor=factor)
    return RunSummary(run.status, shape, run.steps_taken, final)


# ─── the plots of an exercise ─────────────────────────────────────────────────


def problem_figures(check: str, public: Mapping[str, Any]) -> tuple[Figure, ...]:
    """Plots that belong to the problem itself, shown before any check: a loss history to read."""
    if check == "loss-curve" and public.get("losses"):
        return (loss_figure(public["losses"], _say("history_title")),)
    return ()


def result_figures(check: str, params: Mapping[str, Any], run: engine.DescentRun | None, answers: Mapping[str, Any],
                   revealed: bool = False) -> tuple[Figure, ...]:
    """Plots of a check: the learner's run (loss per step and its path), or the level curves around
    the critical point. ``answers`` are the parsed values by answer name; ``run`` is the check's run.

    The level curves show the answer at a glance (rings or a cross), so they come only once it is
    ``revealed``: answered right, or the worked solution opened.
    """
    if check == "learning-rate" and run is not None:
        title = _say("your_run_title", lr=rate_text(answers.get("lr", 0.0) or 0.0))
        return (loss_figure(run.losses, title),
                line_path_figure(params["x"], params["y"], run, (params["w0"], params["b0"])))
    if check == "global-minimum-start" and run is not None:
        title = _say("start_run_title", position=answers.get("start", "?"))
        return (loss_figure(run.losses, title),
                polynomial_path_figure(params["coeffs"], run, starts=params["starts"]))
    if check == "critical-point" and revealed:
        return (critical_point_figure(params["a"], params["b"], params["c"]),)
    return ()
