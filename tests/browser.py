"""Headless Chromium for the tests: the system's ``chromium`` driven by ``chromedriver``
through Selenium (Debian's ``chromium`` and ``chromium-driver``; ``make test`` installs
them when missing). Nothing is downloaded: the driver is given by path, so Selenium
Manager never runs.

    with browser() as page:
        page.get(url)
        page.save_screenshot(path)
        assert not console_errors(page)
        assert requests_made(page) == [...]

Reused by every test that looks at a page (``kano serve``, the HTML report, charts).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# Flags that work on a CI box: no sandbox (root), no GPU, no network of its own
# (updates, sync, QUIC), a fresh profile every time.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)
BINARIES = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)
INSTALL = "apt-get install chromium chromium-driver (make test does it as root)"


def _which(names: tuple[str, ...]) -> str | None:
    return next((found for name in names if (found := shutil.which(name))), None)


def chromium_paths() -> tuple[str, str]:
    """(chromium, chromedriver); a test fails (not skips) when they are missing."""
    binary, driver = _which(BINARIES), _which(DRIVERS)
    if not binary or not driver:
        pytest.fail(f"The browser tests need Chromium and its driver: {INSTALL}.")
    return binary, driver


@contextmanager
def browser(width: int = 1280, height: int = 800) -> Iterator[Any]:
    """A headless Chromium page (a Selenium WebDriver) that logs the console and the
    network, in a fresh profile removed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = chromium_paths()
    profile = tempfile.mkdtemp(prefix="kano-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_messages(driver: Any) -> list[dict[str, Any]]:
    """Console messages since the last call (level, message)."""
    return list(driver.get_log("browser"))


def console_errors(driver: Any) -> list[str]:
    return [
        entry["message"] for entry in console_messages(driver) if entry.get("level") == "SEVERE"
    ]


def requests_made(driver: Any) -> list[str]:
    """The URL of every request the page made since the last call (from the DevTools
    network log): documents, scripts, images, fonts, fetches, websockets."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message.get("method") == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def wait_for(condition: Callable[[], Any], timeout: float = 60, what: str = "") -> Any:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout``
    seconds (a deadline for a slow CI box, not a pause: it returns as soon as it holds)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout:.0f}s waiting for {what or condition}.")
        time.sleep(0.1)


def file_url(path: Path) -> str:
    return path.resolve().as_uri()
