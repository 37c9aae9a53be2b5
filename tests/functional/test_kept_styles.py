"""The app's parsed stylesheets kept between runs (``studytrack/ui/kept_css.py``): a second start
parses no stylesheet and draws Home, Stats and the light theme exactly as the first did."""

import sys

import pytest

from studytrack.ui import kept_css
from studytrack.ui.app import make_app
from studytrack.ui.kept_css import KeptStylesheet


@pytest.fixture
def kept(tmp_path, monkeypatch, parses) -> list[object]:
    """The app's parses kept in a folder of the test's own; what Textual is asked to parse."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(kept_css, "kept_folder", lambda: tmp_path / "tcss")
    return parses


def screen_cells(app) -> list[list[tuple[str, object]]]:
    """The whole screen as drawn now, as cells."""
    return [[(segment.text, segment.style) for segment in strip] for strip in app.screen._compositor.render_strips()]


async def test_a_second_start_parses_no_stylesheet_and_draws_the_same(session, settle, kept):
    parses = kept
    drawn: list[list[object]] = []
    parsed: list[int] = []
    for _ in range(2):
        before = len(parses)
        app = make_app(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.stylesheet, KeptStylesheet)
            views = [screen_cells(app)]
            await pilot.press("S")  # Stats brings a stylesheet of its own: Textual parses all again
            await settle(app, pilot)
            assert app.screen.__class__.__name__ == "StatsScreen"
            views.append(screen_cells(app))
            await pilot.press("ctrl+t")  # the light theme: every source parsed with its colours
            await settle(app, pilot)
            assert app.theme == "textual-light" and isinstance(app.stylesheet, KeptStylesheet)
            views.append(screen_cells(app))
        drawn.append(views)
        parsed.append(len(parses) - before)
    assert parsed[0] > 20, "the first start parsed its stylesheets"
    assert parsed[1] == 0, f"the second start parsed {parses[-parsed[1]:]}"
    assert drawn[1] == drawn[0]
    assert drawn[0][2] != drawn[0][1]  # the theme did change what is drawn
