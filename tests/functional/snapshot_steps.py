"""Steps shared by the snapshot tests and the plot tests: wait for the app's workers (and the plots
they build), then act on the app; and what every frame a screen draws shows (``frames_drawn``)."""


async def loaded(pilot) -> None:
    """Wait for the workers (database, course, plan, code checks) and the redraw after them."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def then(*steps):
    """A ``run_before`` that waits for the data, then runs ``steps`` (callables of the app)."""

    async def run(pilot) -> None:
        """Wait for the data, then take the steps."""
        await loaded(pilot)
        for step in steps:
            step(pilot.app)
            await loaded(pilot)

    return run


async def plots_built(pilot, ready=lambda: True) -> None:
    """Wait until ``ready()`` and no plot is being built (a plot's figures, then its text, are made
    in workers, each started after a frame)."""
    from studytrack.ui.widgets.exercise_plot import FigureCanvas

    for _ in range(100):
        await loaded(pilot)
        if ready() and not any(canvas.building for canvas in pilot.app.query(FigureCanvas)):
            return
    raise AssertionError("the plots were never built")


def frames_drawn(monkeypatch, screen, measure) -> list:
    """What ``measure()`` returns after every frame ``screen`` draws from now on (a hook on
    Textual's ``Screen._compositor_refresh``, which sends a frame to the terminal)."""
    frames: list = []
    draw = type(screen)._compositor_refresh

    def drawn(self) -> None:
        draw(self)
        if self is screen:
            frames.append(measure())

    monkeypatch.setattr(type(screen), "_compositor_refresh", drawn)
    return frames
