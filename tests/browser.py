"""A headless Chromium driven over the DevTools protocol, for tests that look at a page.

Talks to the browser through ``--remote-debugging-pipe`` (JSON messages ended by NUL on file
descriptors 3 and 4), so no driver, no web socket library and no network port are needed: only a
``chromium`` (or ``chromium-browser``, ``google-chrome``) executable. It records what a page
does while it loads and is looked at: console messages and uncaught exceptions, and every
network request.

    with Browser.launch() as browser:
        page = browser.open(Path("report.html"), width=390, height=844)
        page.evaluate("document.title")
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXECUTABLES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The path of an installed Chromium or Chrome, or ``None``."""
    for name in EXECUTABLES:
        if path := shutil.which(name):
            return path
    return None


class BrowserError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


@dataclass
class Page:
    """One tab, after its page has loaded, with what happened while it did."""

    browser: Browser
    session: str
    url: str
    width: int
    height: int
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable values only)."""
        answer = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                   session=self.session)
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression!r} threw: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        """A PNG of the first screen (or of the whole page)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 12000), "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.browser.send("Page.captureScreenshot", params, session=self.session)["data"]
        path.write_bytes(base64.b64decode(data))
        return path


class Browser:
    """A headless Chromium process and the pipe to it."""

    def __init__(self, process: subprocess.Popen[bytes], to_browser: int, from_browser: int, profile: str) -> None:
        self.process = process
        self._out = to_browser
        self._in = from_browser
        self._profile = profile
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    @classmethod
    def launch(cls, executable: str | None = None, timeout: float = 30) -> Browser:
        executable = executable or find_chromium()
        if executable is None:
            raise BrowserError("no Chromium or Chrome executable found")
        profile = tempfile.mkdtemp(prefix="sourcecheck-chromium-")
        commands_r, commands_w = os.pipe()  # we write, the browser reads on fd 3
        events_r, events_w = os.pipe()  # the browser writes on fd 4, we read

        def child_fds() -> None:
            a = fcntl.fcntl(commands_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(events_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [
            executable, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            f"--user-data-dir={profile}", "about:blank",
        ]
        process = subprocess.Popen(  # noqa: S603 - a fixed command line
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=child_fds,  # noqa: PLW1509 - fds must be 3 and 4
        )
        os.close(commands_r)
        os.close(events_w)
        browser = cls(process, commands_w, events_r, profile)
        browser.send("Browser.getVersion", timeout=timeout)
        return browser

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._out, self._in):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    # -- the protocol -----------------------------------------------------------------------------

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 30) -> dict[str, Any]:
        """Send one command and wait for its answer (events that arrive meanwhile are kept)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            for reply in self._read(deadline):
                if reply.get("id") == self._next_id:
                    if "error" in reply:
                        raise BrowserError(f"{method}: {reply['error']}")
                    return reply.get("result", {})
                self._events.append(reply)

    def _read(self, deadline: float) -> list[dict[str, Any]]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise BrowserError("the browser did not answer in time")
        ready, _, _ = select.select([self._in], [], [], remaining)
        if not ready:
            raise BrowserError("the browser did not answer in time")
        chunk = os.read(self._in, 1 << 20)
        if not chunk:
            raise BrowserError("the browser closed the pipe")
        self._buffer += chunk
        *messages, self._buffer = self._buffer.split(b"\0")
        return [json.loads(m) for m in messages if m]

    def wait_for(self, method: str, session: str, timeout: float = 30) -> dict[str, Any]:
        """Wait for an event of ``method`` in ``session``."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self._events.pop(i)
            self._events.extend(self._read(deadline))

    # -- pages --------------------------------------------------------------------------------------

    def open(self, path: Path, width: int, height: int, settle: float = 0.3) -> Page:
        """Load the file at ``path`` in a new tab ``width`` × ``height`` CSS pixels wide."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        self.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
        }, session=session)
        self._events.clear()
        url = path.resolve().as_uri()
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        time.sleep(settle)  # late console messages or requests, if the page made any
        self.send("Runtime.evaluate", {"expression": "1"}, session=session)  # drain the pipe
        page = Page(self, session, url, width, height)
        for event in self._events:
            if event.get("sessionId") != session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                page.console_errors.append(" ".join(str(a.get("value", a.get("description", "")))
                                                    for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                page.console_errors.append(str(params.get("exceptionDetails", {}).get("text")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                page.console_errors.append(str(params["entry"].get("text")))
            elif method == "Network.requestWillBeSent":
                request_url = params.get("request", {}).get("url", "")
                if request_url != url:
                    page.requests.append(request_url)
        self._events.clear()
        return page
