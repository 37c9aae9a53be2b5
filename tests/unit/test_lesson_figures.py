"""Splitting a lesson section at its figures: the text before, then figures and texts in order."""

from studytrack.domain.content import figures
from studytrack.ui.widgets.lesson_figure import FIGURE_LINK, FigureLink, split_at_figures


def test_the_widget_reads_figure_links_as_the_course_does():
    assert FIGURE_LINK.pattern == figures.FIGURE_LINK.pattern


def test_a_section_is_split_at_its_figures_in_order():
    text = ("Intro line.\n\n![First plot](figure:descent-path)\n\nBetween, with a [link](lesson:x#y).\n\n"
            "![Second](figure:learning-rates)\n![Third](figure:loss-oscillates)\n\nAfter.")
    first, rest = split_at_figures(text)
    assert first.strip() == "Intro line."
    assert rest[0] == FigureLink("descent-path", "First plot")
    assert isinstance(rest[1], str) and "[link](lesson:x#y)" in rest[1]
    assert rest[2:4] == [FigureLink("learning-rates", "Second"), FigureLink("loss-oscillates", "Third")]
    assert isinstance(rest[4], str) and rest[4].strip() == "After."
    assert len(rest) == 5  # the blank line between the two figures is left out


def test_text_without_figures_stays_whole_and_a_leading_figure_leaves_no_text():
    assert split_at_figures("Just text, ![an image](pic.png).") == ("Just text, ![an image](pic.png).", [])
    first, rest = split_at_figures("![Top](figure:two-starts)\nBelow.")
    assert first == "" and rest[0] == FigureLink("two-starts", "Top") and rest[1].strip() == "Below."
