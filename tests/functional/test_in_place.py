"""A line changed in place is laid out again only when its height changes, and not even drawn
again when given the text it shows (``studytrack.ui.widgets.in_place``)."""

from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from studytrack.ui.widgets.in_place import same_text, update_in_place


class Lines(App):
    """A line between two others, at 20 columns."""

    def compose(self) -> ComposeResult:
        yield Static("above")
        yield Static("one line", id="line")
        yield Static("below", id="below")


def test_the_same_text_is_the_same_string_or_the_same_styled_text():
    assert same_text("a", "a") and not same_text("a", "b")
    assert same_text(Content.styled("a", "bold"), Content.styled("a", "bold"))
    assert not same_text(Content.styled("a", "bold"), Content("a"))  # Content's == would say yes
    assert Content.styled("a", "bold") == Content("a")
    assert same_text(Text("a", style="red"), Text("a", style="red"))
    assert not same_text(Text("a", style="red"), Text("a"))
    assert not same_text("a", Content("a")) and not same_text(Content("a"), "a")


async def test_a_new_text_of_the_same_height_is_drawn_without_a_layout():
    app = Lines()
    async with app.run_test(size=(20, 10)) as pilot:
        line, below = app.query_one("#line", Static), app.query_one("#below", Static)
        await pilot.pause()  # the first frame laid out
        layouts = []
        original = app.screen._refresh_layout

        def counted(*args, **kwargs):
            layouts.append(1)
            return original(*args, **kwargs)

        app.screen._refresh_layout = counted
        update_in_place(line, "another line")
        await pilot.pause()
        assert str(line.render()) == "another line" and layouts == []
        assert "another line" in "".join(s.text for s in line.render_lines(line.region.reset_offset)[0])
        update_in_place(line, "a text that needs two lines")  # wraps at 20 columns: laid out again
        await pilot.pause()
        assert layouts and line.region.height == 2 and below.region.y == line.region.y + 2
        layouts.clear()
        update_in_place(line, Content("short"))  # back to one line: laid out again
        await pilot.pause()
        assert layouts and line.region.height == 1 and below.region.y == line.region.y + 1


async def test_the_text_shown_asks_for_nothing():
    app = Lines()
    async with app.run_test(size=(20, 10)) as pilot:
        line = app.query_one("#line", Static)
        await pilot.pause()
        asked = []
        line.refresh = lambda *args, **kwargs: asked.append(kwargs)  # type: ignore[method-assign]
        update_in_place(line, "one line")
        assert asked == []
        update_in_place(line, "other")
        assert asked == [{"layout": False}]
