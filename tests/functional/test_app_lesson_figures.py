"""Lesson figures and links: a section shows its text at once and draws its figures afterwards,
in a worker, from engine runs; a ``lesson:`` link opens that lesson at that section."""

from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock

from studytrack.domain.content.figures import read_figures
from studytrack.paths import bundled_content_dir
from studytrack.ui.app import make_app
from studytrack.ui.widgets.exercise_plot import ExercisePlot, FigureCanvas
from studytrack.ui.widgets.lesson_figure import FigureLink, LessonFigure, SectionFigures


async def open_lesson(app, pilot, settle, lesson_id: str, topic_id: str | None = None):
    """Open a lesson over Home once the data is read, and wait for its figures."""
    await settle(app, pilot)
    app.open_lesson(lesson_id, topic_id)
    await settle(app, pilot)


def block_linking_to(screen, href: str) -> MarkdownBlock:
    """The Markdown block on screen whose text holds a link to ``href`` (what a click reaches)."""
    for block in screen.query(MarkdownBlock):
        if f"link({href!r})" in str([span.style for span in block._content.spans]):
            return block
    raise AssertionError(f"no block links to {href}")


async def test_a_section_with_a_figure_shows_its_text_then_draws_the_figure(session, settle):
    """gd.idea ends with ``![…](figure:descent-path)``: the text has no figure link left, the
    caption is under the plot, and the plot is the engine's run with its title."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "gradient-descent", "gd.idea")
        screen = app.screen
        assert "figure:" not in screen.query_one("#section-text", Markdown).source
        places = list(screen.query(LessonFigure))
        assert [place.link.name for place in places] == ["descent-path"]
        assert "points gradient descent visits" in places[0].link.caption
        plot = places[0].query_one(ExercisePlot)
        expected = read_figures(bundled_content_dir())[0]["descent-path"].title.en
        assert plot.figure is not None and plot.figure.title == expected == plot.border_title
        assert plot.region.height >= 12  # about 12 rows of plot, the legend under it
        await pilot.press("n")
        await settle(app, pilot)
        assert not list(screen.query(LessonFigure))  # the next section has no figure


async def test_a_section_with_two_figures_in_korean(session, settle):
    """The learning-rate section draws its two figures in order, titled in Korean."""
    session.lang = "ko"
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "gradient-descent", "gd.learning-rate")
        places = list(app.screen.query(LessonFigure))
        assert [place.link.name for place in places] == ["learning-rates", "loss-oscillates"]
        titles = [place.query_one(ExercisePlot).figure.title for place in places]
        assert titles[0].startswith("L(w) = 2·w²에서")


async def test_a_lesson_link_opens_that_lesson_at_that_section(session, settle):
    """The training loop links to ``lesson:closed-form-hard#opt.normal-equations``."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "gradient-descent", "gd.training-loop")
        reading = app.screen
        await block_linking_to(reading, "lesson:closed-form-hard#opt.normal-equations").action_link(
            "lesson:closed-form-hard#opt.normal-equations")
        await settle(app, pilot)
        assert app.screen is not reading
        assert app.screen.lesson_id == "closed-form-hard"
        assert app.screen.current_section.topic_id == "opt.normal-equations"
        await pilot.press("escape")
        assert app.screen is reading


async def test_a_link_to_a_section_of_the_same_lesson_moves_there(session, settle):
    """A link into the lesson being read shows that section in place."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "gradient-descent", "gd.idea")
        reading = app.screen
        text = reading.query_one("#section-text", Markdown)
        text.post_message(Markdown.LinkClicked(text, "lesson:gradient-descent#gd.mse-gradient"))
        await settle(app, pilot)
        assert app.screen is reading and reading.current_section.topic_id == "gd.mse-gradient"


async def test_every_figure_of_the_course_draws_in_both_languages(session, settle):
    """Each name in content/figures.toml becomes a plot on the Lesson screen, titled in the
    language, with every series drawn from the engine's numbers."""
    course_figures = read_figures(bundled_content_dir())[0]
    for lang in ("en", "ko"):
        session.lang = lang
        app = make_app(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_lesson(app, pilot, settle, "gradient-descent", "gd.idea")
            shelf = app.screen.query_one("#section-figures", SectionFigures)
            shelf.show([FigureLink(name, f"caption of {name}") for name in course_figures])
            await pilot.pause()
            shelf.draw_figures(bundled_content_dir(), lang)
            await settle(app, pilot)
            canvases = app.screen.query(FigureCanvas)
            for canvas in canvases:
                canvas.render()  # those below the fold too: each builds its plot in a worker
            await settle(app, pilot)
            for place in app.screen.query(LessonFigure):
                plot = place.query_one(ExercisePlot)
                figure = course_figures[place.link.name]
                assert plot.figure.title == figure.title.get(lang), (lang, place.link.name)
                assert all(series.xs and len(series.xs) == len(series.ys) for series in plot.figure.series)
                assert str(plot.query_one(FigureCanvas).render()).strip(), place.link.name
            assert len(app.screen.query(ExercisePlot)) == len(course_figures)


async def test_a_figure_the_course_lacks_says_so_under_its_caption(session, settle):
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot, settle, "gradient-descent", "gd.idea")
        shelf = app.screen.query_one("#section-figures", SectionFigures)
        shelf.show([FigureLink("no-such-figure", "A lost plot")])
        await pilot.pause()
        shelf.draw_figures(bundled_content_dir(), "en")
        await settle(app, pilot)
        place = app.screen.query_one(LessonFigure)
        assert not place.query(ExercisePlot)
        caption = str(place.query_one(".figure-caption").render())
        assert "A lost plot" in caption and "no such figure: no-such-figure" in caption
