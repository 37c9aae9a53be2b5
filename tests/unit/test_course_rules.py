"""The editorial rules of ``content validate``: each fails at path:line in the broken fixture,
and the bundled course keeps every one of them."""

from itertools import pairwise
from pathlib import Path

import pytest

from studytrack.domain.content.course import load_course
from studytrack.domain.content.figures import (
    figure_data,
    figure_references,
    plot_figure,
    read_figures,
)
from studytrack.domain.content.validate import (
    READING_PANE_CELLS,
    check_quiz_keys,
    check_ui_glossary,
    key_is_longest,
    lesson_lines,
    terminal_cells,
    validate_content,
)
from studytrack.domain.exercises.plots import ROLES
from studytrack.paths import bundled_content_dir

BROKEN = Path(__file__).parents[1] / "fixtures" / "courses" / "broken-rules"


def line_number(path: Path, needle: str) -> int:
    """The 1-based line of ``path`` holding ``needle``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


@pytest.fixture(scope="module")
def broken_messages() -> list[str]:
    return [str(problem) for problem in validate_content(BROKEN)]


# (file in the fixture, a text on the failing line, what the message says)
RULES = [
    ("lessons/first.ko.md", "손실함수는 띄어", "glossary: '손실함수' → write '손실 함수'"),
    ("lessons/first.en.md", "the next lesson shows", "a reference to another lesson must name it"),
    ("lessons/first.ko.md", "lesson:nowhere", "cross-reference to unknown lesson 'nowhere'"),
    ("quizzes/items.toml", 'id = "pick-1"', "requires 'second#gd.idea', which comes after"),
    ("exercises/01-mse-by-hand.toml", "requires =", "requires 'second#gd.idea', which comes after"),
    ("quizzes/items.toml", 'id = "pick-2"', "the key is the longest choice (en)"),
    ("quizzes/items.toml", 'id = "pick-2"', "the key is the longest choice (ko)"),
    ("quizzes/items.toml", 'id = "pick-1"', "position 1 holds the key in 8 of 8"),
    ("lessons/first.en.md", "{#loss.error}", "section 'loss.error' has 703 words, more than 600"),
    ("lessons/first.ko.md", "{#loss.error}", "has 1602 Hangul syllables, more than 1500"),
    ("lessons/first.en.md", "far too wide", "takes 76 terminal cells, more than the 44"),
    ("lessons/first.ko.md", "가나다라", "takes 46 terminal cells, more than the 44"),
    ("lessons/first.en.md", "figure:missing", "unknown figure 'missing'"),
]


@pytest.mark.parametrize(("name", "needle", "message"), RULES)
def test_each_rule_fails_at_its_path_and_line(broken_messages, name, needle, message):
    path = BROKEN / name
    where = f"{path}:{line_number(path, needle)}: "
    assert any(m.startswith(where) and message in m for m in broken_messages), (where, message)


def test_an_allowed_phrase_is_not_a_glossary_problem(broken_messages):
    """The fixture's line has the variant twice: once inside its allowed phrase, once not."""
    assert sum("glossary:" in m for m in broken_messages) == 1


def test_the_bundled_course_keeps_every_rule():
    assert [str(p) for p in validate_content(bundled_content_dir())] == []


@pytest.mark.parametrize(("text", "cells"), [("abc", 3), ("가나", 4), ("y = ŷ", 5), ("ＡＢ", 4)])
def test_terminal_cells_count_wide_characters_twice(text, cells):
    assert terminal_cells(text) == cells


def test_no_fenced_line_of_the_course_is_wider_than_the_reading_pane():
    course = load_course(bundled_content_dir())
    widest = max(terminal_cells(line.text) for line in lesson_lines(course) if line.fenced)
    assert widest <= READING_PANE_CELLS


def test_the_quiz_bank_gives_nothing_away_by_length_or_position():
    """At most 35% of choice items have the key as their unique longest choice (in each
    language), and no position holds more than 40% of the keys."""
    items = [i for i in load_course(bundled_content_dir()).quiz_items if i.type == "choice"]
    assert len(items) >= 40
    for lang in ("en", "ko"):
        assert sum(key_is_longest(i, lang) for i in items) <= 0.35 * len(items), lang
    for position in range(1, 5):
        assert sum(i.answer == position for i in items) <= 0.40 * len(items), position
    assert check_quiz_keys(items) == []


def test_every_figure_of_the_course_draws_from_the_engine():
    figures, problems = read_figures(bundled_content_dir())
    assert problems == []
    assert {"descent-path", "learning-rates", "loss-oscillates", "two-starts",
            "saddle-contour"} <= set(figures)
    for figure in figures.values():
        data = figure_data(figure)
        assert data.series and all(len(s.xs) == len(s.ys) > 1 for s in data.series), figure.name
        assert figure.title.en and figure.title.ko


def test_the_figures_show_what_their_captions_say():
    figures, _ = read_figures(bundled_content_dir())
    rates = figure_data(figures["learning-rates"]).series
    assert rates[-1].ys[-1] > rates[-1].ys[0]                  # α = 0.55 diverges
    assert all(b < a for a, b in pairwise(rates[2].ys))  # 0.45: falls
    ends = [s.xs[-1] for s in figure_data(figures["two-starts"]).series[1:]]
    assert ends[0] == pytest.approx(-1.473, abs=1e-3) and ends[1] == pytest.approx(1.347, abs=1e-3)
    wobble = figure_data(figures["loss-oscillates"]).series[0].ys[4:]
    assert any(b > a for a, b in pairwise(wobble))


def test_every_figure_is_referenced_in_both_languages_of_one_lesson():
    course = load_course(bundled_content_dir())
    for lang in ("en", "ko"):
        names = [name for lesson in course.lessons
                 for _, name, _ in figure_references(lesson.markdown(lang))]
        assert sorted(names) == sorted(read_figures(bundled_content_dir())[0]), lang


def test_the_ui_text_follows_the_glossary():
    """The app's Korean UI text uses the course's terms, with no exception left."""
    locale = Path(__file__).parents[2] / "studytrack" / "locales" / "ko.toml"
    assert [str(p) for p in check_ui_glossary(bundled_content_dir(), locale)] == []
    text = locale.read_text(encoding="utf-8")
    assert "강의: {lessons}" not in text and "어렵다고 한 강의" not in text  # the app's lessons are 레슨


def test_every_figure_becomes_a_plot_the_app_can_draw_in_both_languages():
    """A lesson figure is the same plot type the exercise plots use; runs side by side differ."""
    figures, _ = read_figures(bundled_content_dir())
    for figure in figures.values():
        for lang in ("en", "ko"):
            plot = plot_figure(figure, lang)
            assert plot.title == figure.title.get(lang)
            assert all(s.role in ROLES and s.label for s in plot.series), figure.name
    roles = [s.role for s in plot_figure(figures["learning-rates"], "en").series]
    assert len(set(roles)) == len(roles) == 4
