"""Light and dark themes (ctrl+t)."""

from studytrack.ui.app import make_app


async def test_ctrl_t_toggles_light_and_dark(session, settle):
    """ctrl+t switches to the light theme and back to the dark one."""
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"
