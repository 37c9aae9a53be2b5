"""Start one app headless, note when its first frame is drawn, and exit once its data is shown.

Run by ``benchmarks/startup.py`` in a fresh interpreter each time:

    python benchmarks/_startup_launcher.py studytrack DB_PATH   # ``studytrack`` (STUDYTRACK_DB) → Home
    python benchmarks/_startup_launcher.py bare                 # a Textual app with one Static
    python benchmarks/_startup_launcher.py bare-numpy           # the same, plus ``import numpy``

It prints ``FIRST_FRAME <unix time>`` when the first screen's first refresh is done (Textual's
Ready event: "the DOM is ready and the first frame has been displayed"), and ``USABLE <unix time>``
when the screen is usable: for Home, once its data is read, every panel is mounted and filled and
a frame with them has been drawn (from then on keys 1–3 record a check-in instead of answering
"still loading") — the first frame itself when Home was composed with its data (the usual start:
both times are then the same), else the first frame after its data came; for a bare app, its
first frame. Then it exits, so the peak memory ``startup.py`` reads covers the whole start (Home
filled in; Home's data is read in a forked child, whose peak counts when it is the larger).
"""

import asyncio
import sys
import time


def hooked(app):
    """``app`` with a hook: print the first frame's time, exit when its workers are done."""

    class FirstFrame(type(app)):
        """The app's own class with the benchmark's hooks added."""
        def run(self, *args, **kwargs):
            """The app's run, headless wherever it is called from."""
            return super().run(*args, **{**kwargs, "headless": True})

        def on_ready(self) -> None:
            """The first frame is on screen: note the time; it is also the usable frame when the
            screen was usable as it was drawn, else wait for the data."""
            now = time.time()
            print("FIRST_FRAME", repr(now), flush=True)
            if usable(self.screen):
                print("USABLE", repr(now), flush=True)
                self.run_worker(self._exit_after_workers(), group="benchmark")
            else:
                self.run_worker(self._exit_when_loaded(), group="benchmark")

        async def _exit_when_loaded(self) -> None:
            """Exit once the screen is usable and every worker the app started has finished."""
            while not usable(self.screen):
                await asyncio.sleep(0.002)
            self.call_after_refresh(self._usable)

        def _usable(self) -> None:
            """Note when the usable frame was drawn, then exit once the workers are done."""
            print("USABLE", repr(time.time()), flush=True)
            self.run_worker(self._exit_after_workers(), group="benchmark")

        async def _exit_after_workers(self) -> None:
            """Exit after the app's own workers (peak memory covers all of the start)."""
            while others := [w for w in self.workers if w.group != "benchmark" and not w.is_finished]:
                await self.workers.wait_for_complete(others)
            self.exit()

    app.__class__ = FirstFrame
    return app


def usable(screen) -> bool:
    """Whether ``screen`` is usable: Home (a screen with ``data`` and ``panels``) once its data is
    read and its panels are mounted with it; any other screen at once."""
    if not hasattr(screen, "data"):
        return True
    panels = getattr(screen, "panels", None)
    return screen.data is not None and panels is not None and panels.is_mounted and panels.data is screen.data


def run_studytrack(db_path: str) -> None:
    """``studytrack`` as the learner types it (no arguments: the app opens), its database given
    as ``STUDYTRACK_DB``, through the console script's entry point, headless and hooked.

    The entry point imports the app (and Textual) only after it has started Home's read, so the
    app's ``make_app`` is wrapped to return the hooked app as ``studytrack.ui.app`` is imported,
    not before; the app's own ``run_app`` then runs it (the lock, the early read, what it does at
    the end), headless. The wrapping is done by a finder first on ``sys.meta_path``, which Python
    asks only about modules not imported yet (a wrapper of ``builtins.__import__`` would run at
    every import statement of Textual's, ~2,900 of them, and slow the launch it measures).
    """
    import importlib.machinery
    import os

    from studytrack.cli import main

    class AppFinder:
        """Finds ``studytrack.ui.app`` as Python would (a meta path finder: one method), with
        ``make_app`` wrapped once the module has run."""

        def find_spec(self, name, path, target=None):
            """The app module's usual spec with a loader that hooks it; None for every other module."""
            if name != "studytrack.ui.app":
                return None
            sys.meta_path.remove(self)
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            load = spec.loader.exec_module

            def exec_module(module):
                load(module)
                make_app = module.make_app
                module.make_app = lambda *args, **kwargs: hooked(make_app(*args, **kwargs))

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, AppFinder())
    os.environ["STUDYTRACK_DB"] = db_path
    os.environ["STUDYTRACK_LANG"] = "en"
    sys.argv = ["studytrack"]
    main()


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
