"""Figures a lesson refers to by name (``![caption](figure:name)``), drawn from engine runs.

``content/figures.toml`` names each figure and says what to run; ``figure_data`` runs it
with the engine and returns plain series of points in both languages, and ``plot_figure``
turns them into the ``studytrack.domain.exercises.plots.Figure`` that the exercise plots
already use, so the Lesson screen can draw a lesson's figure with the same widget. Nothing
here imports a UI library; a test draws every figure without a screen.
"""

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studytrack import engine
from studytrack.domain.content.text import (
    LocalText,
    Problem,
    line_of,
    read_course_file,
    toml_error_line,
)
from studytrack.domain.exercises import plots

FIGURE_LINK = re.compile(r"!\[(?P<caption>[^\]]*)\]\(figure:(?P<name>[a-z0-9-]+)\)")
"""A figure in lesson text: ``![caption](figure:name)``."""

FIGURE_KINDS = ("descent-on-curve", "loss-per-step", "contour")
"""What a figure can show (content/README.md, "Figures")."""

CONTOUR_GRID = 61
"""Grid points per axis when a contour figure looks for its level lines."""

_engine: Any = engine
"""The engine, seen as untyped while its annotations are completed; values go through float()."""


@dataclass(frozen=True)
class Series:
    """One line or set of points of a figure."""

    label: LocalText
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    style: str
    """``line`` for a curve, ``points`` for the points a run visits or a level set."""


@dataclass(frozen=True)
class FigureData:
    """What a figure shows: a title, axis names and its series, ready to plot."""

    name: str
    title: LocalText
    x_label: str
    y_label: str
    series: tuple[Series, ...]


@dataclass(frozen=True)
class Figure:
    """One ``[[figure]]`` of figures.toml: its name, kind, title and the run it draws."""

    name: str
    kind: str
    title: LocalText
    spec: dict[str, Any]
    path: Path
    line: int


def read_figures(root: Path) -> tuple[dict[str, Figure], list[Problem]]:
    """The figures of ``root/figures.toml`` by name, and the problems found (a missing file is
    no problem: a course without figures is fine)."""
    problems: list[Problem] = []
    figures: dict[str, Figure] = {}
    path = Path(root) / "figures.toml"
    if not path.is_file():
        return figures, problems
    text = read_course_file(path, problems)
    if text is None:
        return figures, problems
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(path, toml_error_line(error), f"bad TOML: {error}"))
        return figures, problems
    entries = data.get("figure", [])
    for entry in entries if isinstance(entries, list) else []:
        figure = _read_figure(entry, path, text, problems)
        if figure is not None and figure.name in figures:
            problems.append(Problem(path, figure.line, f"duplicate figure '{figure.name}'"))
        elif figure is not None:
            figures[figure.name] = figure
    return figures, problems


def _read_figure(entry: object, path: Path, text: str, problems: list[Problem]) -> Figure | None:
    """One ``[[figure]]`` table, checked by computing its data once."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        problems.append(Problem(path, 1, "a [[figure]] needs a 'name'"))
        return None
    name: str = entry["name"]
    line = line_of(text, f'name = "{name}"')
    kind = entry.get("kind")
    raw_title = entry.get("title")
    title: dict[str, object] = raw_title if isinstance(raw_title, dict) else {}
    if kind not in FIGURE_KINDS:
        problems.append(Problem(path, line, f"figure '{name}': kind must be one of "
                                f"{', '.join(FIGURE_KINDS)}"))
        return None
    if not all(isinstance(title.get(lang), str) and title.get(lang) for lang in ("en", "ko")):
        problems.append(Problem(path, line, f"figure '{name}': title.en and title.ko are needed"))
    spec = {key: value for key, value in entry.items() if key not in ("name", "kind", "title")}
    figure = Figure(name, str(kind), LocalText(str(title.get("en", "")), str(title.get("ko", ""))),
                    spec, path, line)
    try:
        figure_data(figure)
    except (KeyError, TypeError, ValueError) as error:
        problems.append(Problem(path, line, f"figure '{name}' cannot be drawn: {error}"))
        return None
    return figure


def figure_data(figure: Figure) -> FigureData:
    """Run the engine for ``figure`` and return its series. Raises ``KeyError``, ``TypeError``
    or ``ValueError`` when the figure's settings are incomplete or out of range."""
    if figure.kind == "descent-on-curve":
        return _descent_on_curve(figure)
    if figure.kind == "loss-per-step":
        return _loss_per_step(figure)
    return _contour(figure)


def _label(value: object) -> LocalText:
    """A ``{ en = ..., ko = ... }`` label (an empty one when missing)."""
    table = value if isinstance(value, dict) else {}
    return LocalText(str(table.get("en", "")), str(table.get("ko", "")))


def _run_points(coeffs: list[float], x0: float, lr: float, steps: int) -> list[float]:
    """Every x a plain descent run on the polynomial visits, start included."""
    if not 0 < steps <= 1000 or lr <= 0:
        raise ValueError("a run needs 0 < steps ≤ 1000 and lr > 0")
    objective = _engine.polynomial_objective(coeffs)
    run = _engine.descend(objective.gradient, float(x0), float(lr), int(steps))
    return [float(x) for x in run.params if math.isfinite(float(x))]


def _descent_on_curve(figure: Figure) -> FigureData:
    """The polynomial over ``x_range`` and, for each start, the points descent visits on it."""
    spec = figure.spec
    coeffs = [float(c) for c in spec["coeffs"]]
    low, high = (float(v) for v in spec["x_range"])
    if not low < high:
        raise ValueError("x_range must go from low to high")
    xs = [low + (high - low) * k / 120 for k in range(121)]
    curve = Series(_label(spec.get("curve_label")), tuple(xs),
                   tuple(float(_engine.polynomial_value(coeffs, x)) for x in xs), "line")
    paths = []
    for run in spec["runs"]:
        points = _run_points(coeffs, float(run["x0"]), float(spec["lr"]), int(spec["steps"]))
        values = [float(_engine.polynomial_value(coeffs, x)) for x in points]
        paths.append(Series(_label(run.get("label")), tuple(points), tuple(values), "points"))
    return FigureData(figure.name, figure.title, str(spec.get("x_label", "w")),
                      str(spec.get("y_label", "L")), (curve, *paths))


def _loss_per_step(figure: Figure) -> FigureData:
    """The loss after each step, one series per run (each run names its own polynomial)."""
    series = []
    for run in figure.spec["runs"]:
        coeffs = [float(c) for c in run["coeffs"]]
        points = _run_points(coeffs, float(run["x0"]), float(run["lr"]), int(run["steps"]))
        losses = [float(_engine.polynomial_value(coeffs, x)) for x in points]
        series.append(Series(_label(run.get("label")), tuple(float(k) for k in range(len(losses))),
                             tuple(losses), "line"))
    return FigureData(figure.name, figure.title, "step", "L", tuple(series))


def _contour(figure: Figure) -> FigureData:
    """Level lines of a·x² + b·x·y + c·y², as the grid points where f crosses each level."""
    spec = figure.spec
    a, b, c = (float(spec[key]) for key in ("a", "b", "c"))
    half = float(spec["half_width"])
    if half <= 0:
        raise ValueError("half_width must be > 0")
    grid = [-half + 2 * half * k / (CONTOUR_GRID - 1) for k in range(CONTOUR_GRID)]

    def f(x: float, y: float) -> float:
        return a * x * x + b * x * y + c * y * y

    series = []
    for level in spec["levels"]:
        xs: list[float] = []
        ys: list[float] = []
        for i, x in enumerate(grid[:-1]):
            for j, y in enumerate(grid[:-1]):
                here = f(x, y) - level
                if here == 0 or here * (f(grid[i + 1], y) - level) < 0 or here * (
                    f(x, grid[j + 1]) - level
                ) < 0:
                    xs.append(x)
                    ys.append(y)
        series.append(Series(LocalText(f"f = {level:g}", f"f = {level:g}"), tuple(xs), tuple(ys),
                             "points"))
    return FigureData(figure.name, figure.title, "x", "y", tuple(series))


def figure_references(text: str) -> list[tuple[int, str, str]]:
    """``(line, name, caption)`` of every figure link in a lesson's text, 1-based lines."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        found += [(number, m.group("name"), m.group("caption")) for m in FIGURE_LINK.finditer(line)]
    return found


def series_role(figure: FigureData, index: int, series: Series) -> str:
    """The plot role (``plots.ROLES``) a series of ``figure`` is drawn in; runs drawn side by
    side take different roles, so that each gets its own colour."""
    runs = ("loss", "path", "curve", "point")
    if figure.x_label == "step":
        return runs[index % len(runs)]
    if figure.x_label == "x" and figure.y_label == "y":
        return "level_down" if series.label.en.removeprefix("f = ").startswith("-") else "level_up"
    if index == 0 and series.style == "line":
        return "curve"
    return ("path", "start", "end", "point")[(index - 1) % 4]


def plot_figure(figure: Figure, lang: str) -> plots.Figure:
    """``figure`` drawn from the engine, as the plot figure the app's plot widget shows, with
    its title and legend in ``lang``."""
    data = figure_data(figure)
    return plots.Figure(
        title=data.title.get(lang),
        series=tuple(
            plots.Series(role=series_role(data, index, series), xs=series.xs, ys=series.ys,
                         label=series.label.get(lang), joined=series.style == "line")
            for index, series in enumerate(data.series)
        ),
    )
