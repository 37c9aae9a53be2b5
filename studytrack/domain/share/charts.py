"""Charts of the cohort report as inline SVG: horizontal bars (stacked or single) and a spread chart
(median, quartiles, range). Each has a title, axis labels and a text alternative; every label is
escaped, so a hostile id or note can't become markup."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 640
"""The drawing width in SVG units (the chart scales to its box)."""

LABEL_WIDTH = 200
"""Room on the left for the row labels."""

ROW_HEIGHT = 26
"""The height of one bar's row."""

TOP = 34
"""Room above the bars for the title."""

BOTTOM = 44
"""Room below the bars for the axis and its label."""

LABEL_CHARACTERS = 28
"""The longest row label shown in full; longer ones are cut (the full text is its tooltip)."""


@dataclass(frozen=True)
class Bar:
    """One row: its label and the lengths of its segments (one per series)."""

    label: str
    values: tuple[float, ...]
    note: str = ""
    """Text at the bar's end (``n = 12``)."""


def _short(label: str) -> str:
    """``label`` cut to ``LABEL_CHARACTERS`` with an ellipsis."""
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def _frame(chart_id: str, title: str, description: str, rows: int, body: list[str]) -> str:
    """The ``<svg>`` around ``body``: role, title and description for screen readers."""
    height = TOP + rows * ROW_HEIGHT + BOTTOM
    return (
        f'<div class="chart-box"><svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>'
        f'<text class="chart-title" x="0" y="18">{escape(title)}</text>'
        + "".join(body) + "</svg></div>"
    )


def _axis(rows: int, ticks: Sequence[tuple[float, str]], axis_label: str) -> list[str]:
    """The x axis under ``rows`` bars: a line, tick labels at fractions of the plot width, its label."""
    plot = WIDTH - LABEL_WIDTH - 60
    y = TOP + rows * ROW_HEIGHT + 4
    parts = [f'<line class="axis" x1="{LABEL_WIDTH}" y1="{y}" x2="{LABEL_WIDTH + plot}" y2="{y}"/>']
    for fraction, text in ticks:
        x = LABEL_WIDTH + fraction * plot
        parts.append(f'<line class="tick" x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{y}"/>')
        parts.append(f'<text class="tick-label" x="{x:.1f}" y="{y + 14}" text-anchor="middle">{escape(text)}</text>')
    parts.append(f'<text class="axis-label" x="{LABEL_WIDTH + plot / 2:.1f}" y="{y + 34}" '
                 f'text-anchor="middle">{escape(axis_label)}</text>')
    return parts


def _row_label(index: int, label: str) -> str:
    """The label of row ``index``, cut to fit, the full text as its tooltip."""
    y = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2 + 4
    return (f'<text class="row-label" x="{LABEL_WIDTH - 8}" y="{y:.1f}" text-anchor="end">'
            f'<title>{escape(label)}</title>{escape(_short(label))}</text>')


def bar_chart(chart_id: str, title: str, axis_label: str, bars: Sequence[Bar], series: Sequence[str],
              scale: float, ticks: Sequence[tuple[float, str]]) -> str:
    """Horizontal bars, each split into one segment per ``series`` (stacked, class ``s0``, ``s1``…);
    ``scale`` is the value that fills the plot width, ``ticks`` (fraction, text) mark the axis."""
    plot = WIDTH - LABEL_WIDTH - 60
    body: list[str] = []
    for index, bar in enumerate(bars):
        body.append(_row_label(index, bar.label))
        x = float(LABEL_WIDTH)
        y = TOP + index * ROW_HEIGHT + 4
        for number, value in enumerate(bar.values):
            width = plot * value / scale if scale else 0.0
            if width > 0:
                name = series[number] if number < len(series) else ""
                body.append(f'<rect class="bar s{number}" x="{x:.1f}" y="{y}" width="{width:.1f}" '
                            f'height="{ROW_HEIGHT - 8}"><title>{escape(bar.label)}: {escape(name)} '
                            f'{value:g}</title></rect>')
                x += width
        if bar.note:
            body.append(f'<text class="bar-note" x="{x + 4:.1f}" y="{y + ROW_HEIGHT / 2 + 1:.1f}">'
                        f'{escape(bar.note)}</text>')
    body += _axis(len(bars), ticks, axis_label)
    description = "; ".join(
        f"{bar.label}: " + ", ".join(f"{name} {value:g}" for name, value in zip(series, bar.values, strict=False))
        for bar in bars
    )
    return _frame(chart_id, title, description, len(bars), body)


@dataclass(frozen=True)
class Spread:
    """One row of a spread chart: values from 0 to 1."""

    label: str
    low: float
    q1: float
    median: float
    q3: float
    high: float
    note: str = ""


def spread_chart(chart_id: str, title: str, axis_label: str, rows: Sequence[Spread]) -> str:
    """Per row a line from the lowest to the highest value, a box over the middle half (quartiles)
    and a mark at the median, on a 0–100 % axis."""
    plot = WIDTH - LABEL_WIDTH - 60
    body: list[str] = []
    for index, row in enumerate(rows):
        body.append(_row_label(index, row.label))
        middle = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2

        def x(value: float) -> float:
            return LABEL_WIDTH + plot * min(max(value, 0.0), 1.0)

        body.append(f'<line class="range" x1="{x(row.low):.1f}" y1="{middle:.1f}" x2="{x(row.high):.1f}" '
                    f'y2="{middle:.1f}"/>')
        body.append(f'<rect class="box" x="{x(row.q1):.1f}" y="{middle - 7:.1f}" '
                    f'width="{max(x(row.q3) - x(row.q1), 1.0):.1f}" height="14"/>')
        body.append(f'<line class="median" x1="{x(row.median):.1f}" y1="{middle - 9:.1f}" x2="{x(row.median):.1f}" '
                    f'y2="{middle + 9:.1f}"><title>{escape(row.label)}: {row.median:.0%}</title></line>')
        if row.note:
            body.append(f'<text class="bar-note" x="{x(1.0) + 4:.1f}" y="{middle + 4:.1f}">{escape(row.note)}</text>')
    ticks = [(fraction / 4, f"{fraction * 25}%") for fraction in range(5)]
    body += _axis(len(rows), ticks, axis_label)
    description = "; ".join(f"{row.label}: median {row.median:.0%}, middle half {row.q1:.0%}–{row.q3:.0%}, "
                            f"range {row.low:.0%}–{row.high:.0%}" for row in rows)
    return _frame(chart_id, title, description, len(rows), body)


def count_ticks(largest: float) -> tuple[float, list[tuple[float, str]]]:
    """A round scale (four steps of 1, 2 or 5 × 10ⁿ) at or above ``largest``, and its five ticks."""
    steps, index, magnitude = (1, 2, 5), 0, 1
    while steps[index] * magnitude * 4 < largest:
        index += 1
        if index == len(steps):
            index, magnitude = 0, magnitude * 10
    step = steps[index] * magnitude
    return float(step * 4), [(tick / 4, str(step * tick)) for tick in range(5)]
