"""Readable at 80×24 in both languages: every lesson character on screen, no Markdown marks shown."""

import re
from collections import Counter
from datetime import date

import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len
from textual.containers import VerticalScroll

from studytrack.domain.progress.standing import calendar_weeks
from studytrack.session import Session
from studytrack.ui.app import make_app
from studytrack.ui.widgets.calendar import LABEL_WIDTH, ROWS, ConsistencyCalendar
from studytrack.ui.widgets.exercise_plot import whole_ticks
from studytrack.ui.widgets.lesson_text import cjk_emphasis, inline_marks


def source_text(markdown: str) -> str:
    """What a reader should see of ``markdown``: its words, code and alt texts, no marks."""
    seen: list[str] = []
    for token in MarkdownIt("gfm-like").parse(cjk_emphasis(markdown)):
        if token.type in ("fence", "code_block"):
            seen.append(token.content)
        for child in token.children or []:
            if child.type in ("text", "code_inline", "image"):
                seen.append(child.content)
    return "".join(seen)


def screen_rows(app, region) -> list[str]:
    """The text of the screen's rows inside ``region``, cut at its edges in terminal cells."""
    rows = []
    for strip in app.screen._compositor.render_strips()[region.y:region.bottom]:
        cells: list[str] = []
        for segment in strip:
            for char in segment.text:
                cells.append(char)
                if cell_len(char) == 2:
                    cells.append("")
        rows.append("".join(cells[region.x:region.right]))
    return rows


async def section_on_screen(app, pilot) -> str:
    """Everything the section pane shows, scrolled page by page from top to bottom."""
    scroll = app.screen.query_one("#section", VerticalScroll)
    rows: dict[int, str] = {}
    y = 0
    while True:
        scroll.scroll_to(y=y, animate=False)
        await pilot.pause()
        for row, text in enumerate(screen_rows(app, scroll.content_region)):
            rows[int(scroll.scroll_y) + row] = text
        if y >= scroll.max_scroll_y:
            return "\n".join(rows[key] for key in sorted(rows))
        y += scroll.content_region.height


def missing(source: str, shown: str) -> Counter[str]:
    """The characters of ``source`` (spaces aside) that ``shown`` has fewer of."""
    return Counter(source.replace(" ", "").replace("\n", "")) - Counter(shown)


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_every_lesson_section_is_shown_whole_at_80_columns(db_path, course_dir, lang, settle):
    """Every character of every section (long formulas, tables, code, headings) is on screen at
    80×24 somewhere, and no `**`, `__` or backtick is shown."""
    session = Session(db_path=db_path, content_dir=course_dir, lang=lang)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for lesson in app.course().lessons:
            app.open_lesson(lesson.id)
            await pilot.pause()
            for index, section in enumerate(lesson.sections):
                await app.screen.show_section(index)
                await pilot.pause()
                shown = await section_on_screen(app, pilot)
                source = section.title.get(lang) + source_text(section.body.get(lang))
                assert not missing(source, shown), (lesson.id, section.topic_id, missing(source, shown))
                for mark in ("**", "__", "`"):
                    assert mark not in shown, (lesson.id, section.topic_id, mark)
            app.pop_screen()
            await pilot.pause()


def test_bold_before_a_korean_particle_is_bold():
    """`**평균제곱오차(MSE)**는` parses as bold: no marks left in the text the reader sees."""
    markdown = "• **평균제곱오차(MSE)**는 오차를 제곱해요. 이건 **(x)**이에요."
    tokens = MarkdownIt("gfm-like").parse(cjk_emphasis(markdown))
    kinds = [child.type for child in tokens[1].children]
    assert kinds.count("strong_open") == 2
    assert "**" not in source_text(markdown)


def test_no_marks_in_any_quiz_or_exercise_text(course_dir):
    """Quiz prompts, choices and explanations show no `**` or backtick; `___` is a blank to fill."""
    session = Session(db_path=course_dir / "unused.db", content_dir=course_dir, lang="en")
    for item in session.course().quiz_items:
        texts = [item.prompt, item.explanation, *item.choices]
        for text in texts:
            for lang in ("en", "ko"):
                plain = inline_marks(text.get(lang)).plain
                assert "**" not in plain and "`" not in plain, (item.id, plain)
                assert "__" not in plain.replace("___", ""), (item.id, plain)


def bottom_row(app) -> str:
    """The text of the screen's last row (the footer)."""
    return "".join(segment.text for segment in app.screen._compositor.render_strips()[-1])


SCREENS = [
    ("lesson", {"lesson_id": "loss-function"}),
    ("quiz", {"topics": ["loss.error"]}),
    ("flags", {}),
    ("review", {}),
    ("stats", {}),
    ("share", {}),
]


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_footers_fit_80_columns_with_help_first(db_path, course_dir, lang, settle):
    """On every screen, in both languages, the footer fits 80 columns and starts with the help's
    key: `?`, or F1 while a text field takes `?` as typing."""
    help_label = {"en": "Help", "ko": "도움말"}[lang]
    app = make_app(Session(db_path=db_path, content_dir=course_dir, lang=lang))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        rows = [bottom_row(app)]
        for name, arguments in SCREENS:
            app.open_screen(name, **arguments)
            await settle(app, pilot)
            rows.append(bottom_row(app))
            app.action_home()
            await pilot.pause()
        app.open_exercises("loss.error")
        await settle(app, pilot)
        rows.append(bottom_row(app))
        await pilot.press("escape")
        rows.append(bottom_row(app))
    for row in rows:
        assert row.startswith((f"? {help_label}", f"f1 {help_label}")), row
        assert cell_len(row.rstrip()) < 80, row


@pytest.mark.parametrize("today", ["2026-12-02", "2026-11-03", "2027-01-01"])
def test_calendar_month_labels_end_at_the_grid_and_never_wrap(today):
    """`12월` in the first week of December, at the last column: it ends at the grid's edge, on
    the month row, in both languages."""
    weeks = calendar_weeks(date.fromisoformat(today))
    for lang, december in (("ko", "12월"), ("en", "Dec")):
        calendar = ConsistencyCalendar()
        calendar.weeks, calendar.levels, calendar.lang = weeks, {}, lang
        row = calendar._month_row()
        assert cell_len(row) <= LABEL_WIDTH + len(weeks) * 2 - 1, row
        if today == "2026-12-02":
            assert row.rstrip().endswith(december), row


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_the_calendar_s_size_is_known_without_drawing_it_and_is_what_it_draws(db_path, course_dir, lang, settle,
                                                                                     monkeypatch):
    """Home's calendar tells its width and height without drawing itself, and draws its rows once
    at start-up (not three times): the widest row and the number of rows, in both languages."""
    session = Session(db_path=db_path, content_dir=course_dir, lang=lang)
    drawn = []
    rows = ConsistencyCalendar.rows
    monkeypatch.setattr(ConsistencyCalendar, "rows", lambda calendar: drawn.append(calendar) or rows(calendar))
    app = make_app(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        calendar = app.screen.query_one(ConsistencyCalendar)
        assert drawn == [calendar]
        lines = ["".join(segment.text for segment in row) for row in calendar.rows()]
        assert calendar.size.width == max(cell_len(line) for line in lines) == LABEL_WIDTH + len(calendar.weeks) * 2 - 1
        assert calendar.size.height == len(lines) == ROWS


def test_step_axes_get_whole_number_ticks():
    """A plot's step axis is ticked at whole numbers, a whole step apart."""
    assert whole_ticks(0, 20) == [0.0, 4.0, 8.0, 12.0, 16.0, 20.0]
    assert whole_ticks(0, 3) == [0.0, 1.0, 2.0, 3.0]


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_the_learning_rate_playground_shows_plain_numbers_at_80_columns(db_path, course_dir, lang, settle):
    """The playground at 80×24: α as a plain number, no `-0.0` tick, no `e+` exponent."""
    app = make_app(Session(db_path=db_path, content_dir=course_dir, lang=lang))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_exercises("gd.learning-rate")
        await settle(app, pilot)
        for _ in range(50):  # the exercises are read in a worker; under load it takes a while
            if app.screen.exercise is not None:
                break
            await pilot.pause(0.1)
        await pilot.press("escape", "l")
        await settle(app, pilot)
        assert app.screen.playground is not None
        for _ in range(12):
            await pilot.press("plus")
        await settle(app, pilot)
        body = app.screen.query_one("#exercise-body")
        text = ""
        for y in range(0, int(body.max_scroll_y) + 24, 20):
            body.scroll_to(y=y, animate=False)
            await settle(app, pilot)  # a plot scrolled into view is built then, in a worker
            text += "\n".join(screen_rows(app, app.screen.region))
        assert "α = " in text
        # a "-0.0" tick, not a number that merely starts so ("-0.05" is a fine tick)
        assert not re.search(r"-0\.0+(?![0-9])", text) and "e+" not in text
