"""The cohort report as one self-contained HTML page: styles inline, charts as inline SVG, no
script, no request for anything (a Content-Security-Policy says so to the browser too), readable
on a phone and printable, in English or Korean.

Every text that comes from a share file (ids, notes) or the course is escaped with
``html.escape``: a note holding ``<script>`` shows as those characters and never runs.

Presentation: renders the page in the instructor's language (``Labels`` carries it, and
``mistake_label`` takes it); the figures it shows come from ``cohort``, which takes no language.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from studytrack.domain.share.charts import Bar, Spread, bar_chart, count_ticks, spread_chart
from studytrack.domain.share.format import FLAG_CATEGORIES, FORMAT_VERSION, RATINGS
from studytrack.i18n import Catalog

if TYPE_CHECKING:
    from studytrack.domain.content.course import Course
    from studytrack.domain.share.cohort import CohortReport

TEXT = Catalog("domain.share.html")

MOST_FLAGGED = 8
"""How many topics each flag category's chart shows."""

HARDEST_SHOWN = 12
"""How many quiz items the hardest-items chart and table show."""

PROMPT_CHARACTERS = 90
"""The longest quiz prompt shown in the table (the item id is always there)."""

STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d5d9e0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 960px; padding: 16px; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK KR", "Noto Sans KR",
  "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; }
h1 { font-size: 1.6rem; margin: 0.2em 0; } h2 { font-size: 1.3rem; margin-top: 1.6em;
  border-bottom: 2px solid var(--line); } h3 { font-size: 1.05rem; margin-bottom: 0.2em; }
p.lead, .muted { color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: 8px; padding: 0; list-style: none; }
.facts li { border: 1px solid var(--line); border-radius: 8px; padding: 6px 10px; }
.facts b { font-size: 1.2rem; display: block; }
svg.chart { width: 100%; max-width: 760px; height: auto; display: block; margin: 8px 0; }
svg .chart-title { font-weight: 600; font-size: 13px; fill: var(--ink); }
svg text { font-size: 12px; fill: var(--ink); font-family: inherit; }
svg .axis, svg .range { stroke: #555; stroke-width: 1.5; } svg .tick { stroke: #e4e7ec; }
svg .axis-label { fill: var(--muted); } svg .bar-note { fill: var(--muted); }
svg .s0 { fill: #4e79a7; } svg .s1 { fill: #59a14f; } svg .s2 { fill: #e15759; }
.flags svg .s0 { fill: #f28e2b; } .flags svg .s1 { fill: #9aa5b1; }
svg .box { fill: #a0cbe8; stroke: #4e79a7; } svg .median { stroke: #1d2330; stroke-width: 3; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; padding: 0; margin: 0; list-style: none; font-size: 0.9rem; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; border-radius: 2px; }
.c0 { background: #4e79a7; } .c1 { background: #59a14f; } .c2 { background: #e15759; }
.f0 { background: #f28e2b; } .f1 { background: #9aa5b1; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.scroll { overflow-x: auto; }
ul.notes { margin: 0.2em 0 0.8em; } ul.notes li { overflow-wrap: anywhere; white-space: pre-wrap; }
code { font-size: 0.85em; overflow-wrap: anywhere; }
.chart-box { overflow-x: auto; }
@media (max-width: 600px) { body { padding: 10px; font-size: 15px; } th, td { padding: 4px; }
  svg.chart { min-width: 520px; } svg text { font-size: 14px; } svg .chart-title { font-size: 16px; } }
@media print { body { max-width: none; } section { break-inside: avoid-page; } a { color: inherit; } }
"""
"""The page's whole style sheet."""


class Labels:
    """Titles for the ids of a report, from the instructor's copy of the course (the id itself
    when the course lacks it, e.g. a share from another edition)."""

    def __init__(self, course: Course | None, lang: str, exercise_titles: dict[str, str] | None = None):
        self.lang = lang
        self._lessons = {lesson.id: lesson.title.get(lang) for lesson in course.lessons} if course else {}
        self._topics = {topic.id: topic.title.get(lang) for topic in course.topics} if course else {}
        self._items = {item.id: item for item in course.quiz_items} if course else {}
        self._exercises = exercise_titles or {}

    def lesson(self, lesson_id: str) -> str:
        """A lesson's title."""
        return self._lessons.get(lesson_id, lesson_id)

    def topic(self, topic_id: str) -> str:
        """A topic's title."""
        return self._topics.get(topic_id, topic_id)

    def exercise(self, exercise_id: str) -> str:
        """An exercise's title."""
        return self._exercises.get(exercise_id, exercise_id)

    def prompt(self, item_id: str) -> str:
        """A quiz item's prompt, cut to ``PROMPT_CHARACTERS`` ('' when the course lacks the item)."""
        item = self._items.get(item_id)
        if item is None:
            return ""
        prompt = " ".join(item.prompt.get(self.lang).split())
        return prompt if len(prompt) <= PROMPT_CHARACTERS else prompt[: PROMPT_CHARACTERS - 1] + "…"

    def choice(self, item_id: str, choice_id: str) -> str:
        """A choice's own text, by its stable id ('' when the course lacks it)."""
        item = self._items.get(item_id)
        if item is None:
            return ""
        for number, text in enumerate(item.choices, start=1):
            if item.choice_id(number) == choice_id:
                return str(text.get(self.lang))
        return ""


def mistake_label(key: str, lang: str) -> str:
    """A short name for a known mistake (``sum`` → "summed, not averaged"); the key itself otherwise."""
    name = f"mistake_{key}"
    return TEXT(name, lang) if name in TEXT else key


def render_report(report: CohortReport, labels: Labels) -> str:
    """The whole page for ``report``."""
    lang = labels.lang
    sections = [_summary(report, lang), _lessons(report, labels), _flags(report, labels),
                _quiz(report, labels), _exercises(report, labels), _mastery(report, labels)]
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(TEXT('title', lang, course=report.course_id))}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(sections)
        + f'\n<footer class="muted"><p>{escape(TEXT("footer", lang, version=FORMAT_VERSION))}</p></footer>\n'
        "</body>\n</html>\n"
    )


def _summary(report: CohortReport, lang: str) -> str:
    """The heading and the key facts: learners, files skipped, median study days, editions."""
    editions = ", ".join(f"{version or '-'} ({count})" for version, count in report.versions.items()) or "-"
    facts = [("learners", report.learners), ("skipped", report.skipped),
             ("study_days", f"{report.study_days_median:g}"), ("fingerprints", len(report.fingerprints))]
    items = "".join(f"<li><b>{escape(str(value))}</b>{escape(TEXT(key, lang))}</li>" for key, value in facts)
    return (
        f'<header id="summary">\n<h1>{escape(TEXT("heading", lang))}</h1>\n'
        f'<p class="lead">{escape(TEXT("course", lang, course=report.course_id, editions=editions))}</p>\n'
        f'<ul class="facts">{items}</ul>\n<p class="muted">{escape(TEXT("anonymous", lang))}</p>\n</header>'
    )


def _legend(names: list[str], prefix: str) -> str:
    """A row of colour swatches naming the series of a chart."""
    return '<ul class="legend">' + "".join(
        f'<li><span class="swatch {prefix}{index}"></span>{escape(name)}</li>' for index, name in enumerate(names)
    ) + "</ul>"


def _empty(lang: str) -> str:
    """The line a section shows while no share file has anything for it."""
    return f'<p class="muted empty">{escape(TEXT("empty", lang))}</p>'


def _lessons(report: CohortReport, labels: Labels) -> str:
    """Per lesson, how many rated it too easy, just right, too hard: a stacked bar each."""
    lang = labels.lang
    head = f'<section id="lessons">\n<h2>{escape(TEXT("lessons_heading", lang))}</h2>\n'
    if not report.lessons:
        return head + _empty(lang) + "\n</section>"
    series = [TEXT(rating, lang) for rating in RATINGS]
    bars = [Bar(labels.lesson(row["lesson"]), tuple(float(row[rating]) for rating in RATINGS),
                TEXT("n", lang, n=sum(row[rating] for rating in RATINGS))) for row in report.lessons]
    scale, ticks = count_ticks(max(sum(bar.values) for bar in bars))
    chart = bar_chart("chart-lessons", TEXT("lessons_chart", lang), TEXT("learners_axis", lang), bars, series,
                      scale, ticks)
    lead = f'<p class="lead">{escape(TEXT("lessons_lead", lang))}</p>'
    return head + f'{lead}\n{_legend(series, "c")}\n{chart}\n</section>'


def _flags(report: CohortReport, labels: Labels) -> str:
    """Per category, the most flagged topics (open and resolved flags), each with its opt-in notes."""
    lang = labels.lang
    parts = [f'<section id="flags">\n<h2>{escape(TEXT("flags_heading", lang))}</h2>',
             f'<p class="lead">{escape(TEXT("flags_lead", lang))}</p>']
    series = [TEXT("open", lang), TEXT("resolved", lang)]
    shown = False
    for category in FLAG_CATEGORIES:
        rows = report.flagged_topics.get(category, [])[:MOST_FLAGGED]
        if not rows:
            continue
        shown = True
        bars = [Bar(labels.topic(row["topic"]), (float(row["open"]), float(row["resolved"])),
                    TEXT("flag_learners", lang, n=row["learners"])) for row in rows]
        scale, ticks = count_ticks(max(sum(bar.values) for bar in bars))
        chart = bar_chart(f"chart-flags-{category}", TEXT("flags_chart", lang, category=TEXT(category, lang)),
                          TEXT("flags_axis", lang), bars, series, scale, ticks)
        parts.append(f'<div class="category" id="flags-{category}">\n<h3>{escape(TEXT(category, lang))}</h3>\n'
                     f'{_legend(series, "f")}\n<div class="flags">{chart}</div>')
        parts += [_notes(row, labels) for row in rows if row["notes"]]
        parts.append("</div>")
    if not shown:
        parts.append(_empty(lang))
    return "\n".join(parts) + "\n</section>"


def _notes(row: dict[str, Any], labels: Labels) -> str:
    """A topic's opt-in notes, escaped, under its title."""
    lang = labels.lang
    items = "".join(
        f'<li><span class="muted">{escape(TEXT("note_" + note["kind"], lang))}:</span> {escape(note["text"])}</li>'
        for note in row["notes"]
    )
    return f'<h4>{escape(labels.topic(row["topic"]))}</h4>\n<ul class="notes">{items}</ul>'


def _quiz(report: CohortReport, labels: Labels) -> str:
    """The hardest quiz items: first-try correct rate (lowest first) with n, and the wrong choice
    most picked."""
    lang = labels.lang
    head = (f'<section id="quiz">\n<h2>{escape(TEXT("quiz_heading", lang))}</h2>\n'
            f'<p class="lead">{escape(TEXT("quiz_lead", lang))}</p>\n')
    rows = report.hardest_quiz[:HARDEST_SHOWN]
    if not rows:
        return head + _empty(lang) + "\n</section>"
    bars = [Bar(row["item"], (row["rate"] * 100,), TEXT("n", lang, n=row["n"])) for row in rows]
    ticks = [(index / 4, f"{index * 25}%") for index in range(5)]
    chart = bar_chart("chart-quiz", TEXT("quiz_chart", lang), TEXT("quiz_axis", lang), bars,
                      [TEXT("first_try_correct", lang)], 100.0, ticks)
    table = [f'<div class="scroll"><table id="quiz-table"><thead><tr><th>{escape(TEXT("item", lang))}</th>'
             f'<th class="num">{escape(TEXT("rate", lang))}</th><th class="num">n</th>'
             f'<th>{escape(TEXT("wrong_choice", lang))}</th></tr></thead><tbody>']
    for row in rows:
        wrong = row["wrong_choices"][0] if row["wrong_choices"] else None
        picked = "—"
        if wrong is not None:
            text = labels.choice(row["item"], wrong["choice"])
            picked = TEXT("picked", lang, choice=wrong["choice"], text=text or wrong["choice"], count=wrong["count"])
        table.append(f'<tr><td><code>{escape(row["item"])}</code><br>{escape(labels.prompt(row["item"]))}</td>'
                     f'<td class="num">{row["rate"]:.0%}</td><td class="num">{row["n"]}</td>'
                     f"<td>{escape(picked)}</td></tr>")
    table.append("</tbody></table></div>")
    return head + chart + "\n" + "".join(table) + "\n</section>"


def _exercises(report: CohortReport, labels: Labels) -> str:
    """Exercise solve rates (lowest first) and the named mistakes by count."""
    lang = labels.lang
    head = (f'<section id="exercises">\n<h2>{escape(TEXT("exercises_heading", lang))}</h2>\n'
            f'<p class="lead">{escape(TEXT("exercises_lead", lang))}</p>\n')
    if not report.exercises:
        return head + _empty(lang) + "\n</section>"
    bars = [Bar(labels.exercise(row["exercise"]), (row["solve_rate"] * 100,), TEXT("n", lang, n=row["learners"]))
            for row in report.exercises]
    ticks = [(index / 4, f"{index * 25}%") for index in range(5)]
    chart = bar_chart("chart-exercises", TEXT("exercises_chart", lang), TEXT("solved_axis", lang), bars,
                      [TEXT("solved", lang)], 100.0, ticks)
    table = [f'<div class="scroll"><table id="mistakes-table"><thead><tr><th>{escape(TEXT("exercise", lang))}</th>'
             f'<th>{escape(TEXT("mistake", lang))}</th><th class="num">{escape(TEXT("times", lang))}</th>'
             "</tr></thead><tbody>"]
    for row in report.exercises:
        for key, count in row["mistakes"].items():
            table.append(f'<tr><td>{escape(labels.exercise(row["exercise"]))}</td>'
                         f"<td>{escape(mistake_label(key, lang))}</td><td class=\"num\">{count}</td></tr>")
    if len(table) == 1:
        table.append(f'<tr><td colspan="3" class="muted">{escape(TEXT("no_mistakes", lang))}</td></tr>')
    table.append("</tbody></table></div>")
    return head + chart + "\n" + "".join(table) + "\n</section>"


def _mastery(report: CohortReport, labels: Labels) -> str:
    """Mastery per topic across the class: median, middle half and range."""
    lang = labels.lang
    head = (f'<section id="mastery">\n<h2>{escape(TEXT("mastery_heading", lang))}</h2>\n'
            f'<p class="lead">{escape(TEXT("mastery_lead", lang))}</p>\n')
    if not report.mastery:
        return head + _empty(lang) + "\n</section>"
    rows = [Spread(labels.topic(row["topic"]), row["min"], row["q1"], row["median"], row["q3"], row["max"],
                   TEXT("n", lang, n=row["learners"])) for row in report.mastery]
    chart = spread_chart("chart-mastery", TEXT("mastery_chart", lang), TEXT("mastery_axis", lang), rows)
    return head + chart + "\n</section>"
