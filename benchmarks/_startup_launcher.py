"""Start one app headless, note when its first frame is drawn, and exit once its data is shown.

Run by ``benchmarks/startup.py`` in a fresh interpreter each time:

    python benchmarks/_startup_launcher.py studytrack DB_PATH   # the real command line → Home
    python benchmarks/_startup_launcher.py bare                 # a Textual app with one Static
    python benchmarks/_startup_launcher.py bare-numpy           # the same, plus ``import numpy``

It prints ``FIRST_FRAME <unix time>`` when the first screen's first refresh is done (Textual's
Ready event: "the DOM is ready and the first frame has been displayed"), and exits after every
worker has finished and the screen has been refreshed once more (printing ``LOADED <unix time>``),
so the process's peak memory covers the whole start (database and course loaded, Home filled in).
"""

import asyncio
import sys
import time


def hooked(app):
    """``app`` with a hook: print the first frame's time, exit when its workers are done."""

    class FirstFrame(type(app)):
        """The app's own class with the benchmark's hooks added."""
        def on_ready(self) -> None:
            """The first frame is on screen: note the time, then wait for the data."""
            print("FIRST_FRAME", repr(time.time()), flush=True)
            self.run_worker(self._exit_when_loaded(), group="benchmark")

        async def _exit_when_loaded(self) -> None:
            """Exit once every worker the app started has finished."""
            await asyncio.sleep(0.05)  # workers started after the first frame are running by now
            while others := [w for w in self.workers if w.group != "benchmark" and not w.is_finished]:
                await self.workers.wait_for_complete(others)
            self.call_after_refresh(self._loaded)

        def _loaded(self) -> None:
            """Note when the data is shown, and exit."""
            print("LOADED", repr(time.time()), flush=True)
            self.exit()

    app.__class__ = FirstFrame
    return app


def run_studytrack(db_path: str) -> None:
    """``studytrack --db DB_PATH`` as the console script runs it, headless and hooked."""
    import studytrack.ui.app
    from studytrack.cli import cli

    studytrack.ui.app.run_app = lambda session: hooked(studytrack.ui.app.make_app(session)).run(headless=True)
    cli.main(["--db", db_path, "--lang", "en"], standalone_mode=False)


def run_bare(with_numpy: bool) -> None:
    """The smallest Textual app: one Static."""
    if with_numpy:
        import numpy  # noqa: F401
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        """One Static, nothing else."""
        def compose(self):
            """The one Static."""
            yield Static("Hello")

    hooked(Bare()).run(headless=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "studytrack":
        run_studytrack(sys.argv[2])
    else:
        run_bare(with_numpy=mode == "bare-numpy")
