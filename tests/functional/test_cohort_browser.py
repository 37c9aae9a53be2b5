"""The cohort report in a real browser: headless Chromium loads the HTML page, every section and
chart is there, the page makes no request, a ``<script>`` in a note runs nothing, and screenshots
are taken at 1280×800 and 390×844.

Requests are watched through the DevTools protocol (``Network.requestWillBeSent`` for every
request the page starts, whatever its scheme), over ``--remote-debugging-pipe``: no port, no
websocket library. A control page with one image proves the watcher does see a request.
Screenshots go to ``$STUDYTRACK_SCREENSHOTS`` when set, else to the test's temporary folder.
"""

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
from pathlib import Path

import pytest
from share_learners import HOSTILE_NOTE, class_of_learners, run

CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome", "chrome")
                 if (found := shutil.which(name))), None)
"""The browser binary, or None."""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium "
                                                "fonts-noto-cjk); the browser test needs a real browser"),
]

SECTIONS = ("summary", "lessons", "flags", "quiz", "exercises", "mastery")
"""Every section of the report page, by id."""

CHARTS = ("chart-lessons", "chart-flags-intuition", "chart-flags-notation", "chart-flags-math", "chart-quiz",
          "chart-exercises", "chart-mastery")
"""Every chart the test class's report draws, by id."""

SIZES = {"desktop": (1280, 800, False), "phone": (390, 844, True)}
"""Screenshot sizes: width, height, mobile."""

TIMEOUT = 30.0
"""Seconds to wait for the browser's answer to one command."""


class DevTools:
    """A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``: the browser
    reads commands on its fd 3 and writes replies and events on its fd 4, each a JSON text ending
    in a NUL byte."""

    def __init__(self, binary: str, profile: Path):
        self._log = profile / "browser.log"
        """The browser's own messages (a file: a pipe nobody reads could fill up and stall it)."""
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", f"--user-data-dir={profile}",
                 "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update", "--hide-scrollbars",
                 "--force-device-scale-factor=1", "about:blank"]
        # bash (not dash: it takes fd numbers above 9) puts the pipe's ends at fds 3 and 4, where the
        # browser expects them.
        script = f'exec "$0" "$@" 3<&{to_browser_read} 4>&{from_browser_write}'
        with self._log.open("wb") as log:
            self.process = subprocess.Popen(["bash", "-c", script, binary, *flags],
                                            pass_fds=(to_browser_read, from_browser_write),
                                            stdout=subprocess.DEVNULL, stderr=log)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        """Every event received so far, in order."""
        self.session: str | None = None

    def call(self, method: str, params: dict | None = None, *, in_page: bool = True) -> dict:
        """Send one command (to the attached page unless ``in_page`` is False) and return its result."""
        self._next_id += 1
        message: dict = {"id": self._next_id, "method": method, "params": params or {}}
        if in_page and self.session is not None:
            message["sessionId"] = self.session
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            self.process.wait(5)
            raise AssertionError(self.log()) from None
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                assert "error" not in reply, (method, reply["error"])
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str) -> dict:
        """The next event named ``method`` (earlier events are kept in ``events``)."""
        while True:
            event = self._read()
            self.events.append(event)
            if event.get("method") == method:
                return event

    def _read(self) -> dict:
        """One message from the browser."""
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], TIMEOUT)
            assert ready, "the browser did not answer in time"
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                self.process.wait(5)
                raise AssertionError(f"the browser closed the DevTools pipe: {self.log()}")
            self._buffer += chunk
        text, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(text)

    def log(self) -> str:
        """The end of the browser's own messages (for a failure's report)."""
        return self._log.read_text(errors="replace")[-3000:]

    def open_page(self) -> None:
        """Open a new page and attach to it, with network, page and console events on."""
        target = self.call("Target.createTarget", {"url": "about:blank"}, in_page=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 in_page=False)["sessionId"]
        for domain in ("Network", "Page", "Runtime"):
            self.call(f"{domain}.enable")

    def load(self, url: str, width: int, height: int, mobile: bool) -> None:
        """Load ``url`` at a viewport of ``width``×``height`` and wait for its load event."""
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page."""
        return self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})["result"]["value"]

    def screenshot(self, path: Path) -> None:
        """Save the viewport as a PNG."""
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))

    def requests(self) -> list[str]:
        """The URL of every request started so far."""
        return [event["params"]["request"]["url"] for event in self.events
                if event.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        """Close the browser."""
        with contextlib.suppress(AssertionError):  # it may be gone already
            self.call("Browser.close", in_page=False)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """The test class's report as HTML, in English and in Korean."""
    folder = tmp_path_factory.mktemp("cohort")
    class_of_learners(folder / "shares")
    pages = {}
    for lang in ("en", "ko"):
        pages[lang] = folder / f"report-{lang}.html"
        run(folder / "instructor.db", "cohort", "report", str(folder / "shares"), "--html", str(pages[lang]), lang=lang)
    return pages


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for the module, on a fresh profile."""
    devtools = DevTools(CHROMIUM, tmp_path_factory.mktemp("profile"))
    devtools.open_page()
    yield devtools
    devtools.close()


def screenshot_folder(tmp_path: Path) -> Path:
    """Where screenshots go: ``$STUDYTRACK_SCREENSHOTS`` or the test's own folder."""
    folder = Path(os.environ.get("STUDYTRACK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_request_watcher_sees_a_request(browser, tmp_path):
    """The control: a page with one image does show up as a request, so an empty list means something."""
    page = tmp_path / "control.html"
    page.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/probe.png">', encoding="utf-8")
    browser.events.clear()
    browser.load(page.as_uri(), 1280, 800, False)
    assert "http://127.0.0.1:9/probe.png" in browser.requests()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_section_and_chart_is_there_and_nothing_is_requested(browser, reports, lang, tmp_path):
    page = reports[lang]
    browser.events.clear()
    browser.load(page.as_uri(), *SIZES["desktop"])
    assert browser.requests() == [page.as_uri()]
    found = browser.evaluate(f"""JSON.stringify({{
        sections: {json.dumps(SECTIONS)}.filter(id => document.getElementById(id)),
        charts: {json.dumps(CHARTS)}.filter(id => {{
            const svg = document.getElementById(id);
            return svg && svg.querySelector('title') && svg.querySelector('.axis-label')
                && svg.querySelector('.chart-title') && svg.querySelectorAll('rect, line.median').length > 0;
        }}),
        svgs: document.querySelectorAll('svg.chart').length,
        lang: document.documentElement.lang,
    }})""")
    result = json.loads(found)
    assert result["sections"] == list(SECTIONS)
    assert result["charts"] == list(CHARTS)
    assert result["svgs"] == len(CHARTS)
    assert result["lang"] == lang


def test_a_script_in_a_note_is_shown_not_run(browser, reports):
    browser.events.clear()
    browser.load(reports["en"].as_uri(), *SIZES["desktop"])
    state = json.loads(browser.evaluate("""JSON.stringify({
        pwned: typeof window.__pwned,
        scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img').length,
        text: document.body.textContent,
    })"""))
    assert state["pwned"] == "undefined"
    assert state["scripts"] == 0 and state["images"] == 0
    assert HOSTILE_NOTE in state["text"]
    assert not [event for event in browser.events if event.get("method") in
                ("Runtime.consoleAPICalled", "Runtime.exceptionThrown")]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots_and_the_phone_layout_fits(browser, reports, lang, size, tmp_path):
    width, height, mobile = SIZES[size]
    browser.events.clear()
    browser.load(reports[lang].as_uri(), width, height, mobile)
    assert browser.evaluate("document.documentElement.scrollWidth") <= width
    shot = screenshot_folder(tmp_path) / f"cohort-report-{lang}-{width}x{height}.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert browser.requests() == [reports[lang].as_uri()]
