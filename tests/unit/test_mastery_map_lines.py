"""The mastery map draws its lines itself, a column at a time, instead of one Rich table per
lesson (measured and drawn again at every layout: most of opening Stats at 1M logs). The lines
are the ones the tables drew, cell for cell and style for style, wherever the table had room for
its columns (40 cells and wider); narrower, every line still fits."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from studytrack.domain.progress.mastery import TopicMastery
from studytrack.ui.widgets.mastery_map import BAR, EMPTY, FULL, TEXT, MapStyles, map_lines, percent

STYLES = MapStyles(Style(color="yellow", bold=True), Style(color="green"), Style(color="grey37"),
                   Style(color="red", bold=True), Style(color="grey50"))

WORDS = ["Loss", "경사 하강법", "학습률과 수렴", "Mean squared error of a linear model", "x", "손실 함수의 기울기",
         "Gradient descent, one step at a time", "평균제곱오차(MSE)"]

topics = st.builds(
    lambda items, cards, flags, mastery, exercises, solved: TopicMastery(
        "t", items, min(cards, items), None, flags, mastery, exercises, min(solved, exercises)),
    st.integers(0, 120), st.integers(0, 120), st.sampled_from([0, 0, 1, 2, 12]),
    st.one_of(st.none(), st.floats(0, 1), st.sampled_from([0.0, 1.0, 0.5])),
    st.sampled_from([0, 0, 1, 3]), st.integers(0, 3))
groups = st.lists(st.tuples(st.sampled_from(WORDS), st.lists(st.tuples(st.sampled_from(WORDS), topics),
                                                                min_size=1, max_size=4)), min_size=1, max_size=3)


def table_lines(groups, lang, width):
    """The map as it was drawn before: a title and a ``Table.grid`` per lesson (the oracle)."""
    parts = []
    for lesson, rows in groups:
        parts.append(Text(lesson, style=STYLES.lesson, no_wrap=True, overflow="ellipsis"))
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(width=BAR, no_wrap=True)
        table.add_column(width=4, justify="right", no_wrap=True)
        table.add_column(width=10, no_wrap=True)
        for title, topic in rows:
            bar = Text(no_wrap=True)
            if topic.mastery is None:
                bar.append(TEXT("no_items", lang), style=STYLES.muted)
            else:
                filled = round(BAR * min(max(topic.mastery, 0.0), 1.0))
                bar.append(FULL * filled, style=STYLES.bar)
                bar.append(EMPTY * (BAR - filled), style=STYLES.empty)
            note = Text(no_wrap=True)
            if topic.items:
                note.append(TEXT("answered", lang, answered=topic.cards, items=topic.items), style=STYLES.muted)
            if topic.open_flags:
                note.append(" " + TEXT("flags", lang, count=topic.open_flags), style=STYLES.flag)
            table.add_row(Text("  " + title), bar, Text(percent(topic.mastery)), note)
            if topic.exercises:
                solved = TEXT("exercises", lang, solved=topic.exercises_solved, count=topic.exercises)
                table.add_row(Text("    " + solved, style=STYLES.muted), "", "", "")
        parts.append(table)
    return drawn(Group(*parts), width)


def drawn(renderable, width):
    """Each line as ``(character, style)`` cells, the line padded to ``width`` with plain spaces
    (as Textual pads a line shorter than the widget)."""
    console = Console(width=width, color_system="truecolor", legacy_windows=False)
    lines = console.render_lines(renderable, console.options.update_width(width), pad=False)
    cells = []
    for line in lines:
        row = [(char, segment.style or Style.null()) for segment in line for char in segment.text]
        cells.append(row + [(" ", Style.null())] * (width - len(row)))
    return cells


def new_lines(groups, lang, width):
    return drawn(Text("\n").join(map_lines(groups, lang, width, STYLES)), width)


@settings(max_examples=150, deadline=None)
@given(groups, st.sampled_from(["en", "ko"]), st.integers(40, 160))
def test_the_lines_are_the_ones_the_tables_drew(groups, lang, width):
    assert new_lines(groups, lang, width) == table_lines(groups, lang, width)


@settings(max_examples=150, deadline=None)
@given(groups, st.sampled_from(["en", "ko"]), st.integers(1, 160))
def test_every_line_fits_and_bars_and_percentages_stay_whole_while_they_fit(groups, lang, width):
    """Narrower than the table needed, the title gives way first (down to its ellipsis), then the
    note is cut at the edge: a bar and its percentage stay whole as long as they fit at all."""
    lines = iter(map_lines(groups, lang, width, STYLES))
    room = 1 + 1 + BAR + 1 + 4  # an ellipsis for the title, the bar and the percentage
    for _, rows in groups:
        assert next(lines).cell_len <= width
        for _, topic in rows:
            line = next(lines)
            assert line.cell_len <= width
            if width >= room and topic.mastery is not None:
                filled = round(BAR * topic.mastery)
                assert f"{FULL * filled}{EMPTY * (BAR - filled)} {percent(topic.mastery):>4}" in line.plain
            if topic.exercises:
                assert next(lines).cell_len <= width
    assert next(lines, None) is None


def test_the_oracle_can_tell_a_different_drawing():
    """A column one cell wider is a different drawing: the comparison above can fail."""
    topic = TopicMastery("t", 3, 1, None, 0, 0.5)
    wider = [line + Text(" ") for line in map_lines([("Loss", [("Error", topic)])], "en", 79, STYLES)]
    assert drawn(Text("\n").join(wider), 80) != table_lines([("Loss", [("Error", topic)])], "en", 80)
