"""Steps shared by the snapshot tests: wait for the app's workers, then act on the app."""


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
