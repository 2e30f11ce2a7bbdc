"""In a real browser: `kano serve` draws the TUI and takes keys; the HTML report is
self-contained (no request leaves the file), draws its charts and logs no error."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import browser, console_errors, file_url, requests_made, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accepting(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def screenshot(page) -> Image:  # type: ignore[name-defined]  # noqa: F821
    from PIL import Image

    return Image.open(io.BytesIO(page.get_screenshot_as_png())).convert("RGB")


def highlighted_tab_x(image) -> int | None:
    """Where the highlighted tab of the TUI's top bar starts: the widest run of light
    pixels along the page's top pixel row, above the glyphs (the bar is dark, the
    highlighted tab light; no glyph reaches a cell's first pixel row)."""
    best, start, run_start = 0, None, None
    for x in range(image.width + 1):
        light = x < image.width and sum(image.getpixel((x, 1))) > 450
        if light and run_start is None:
            run_start = x
        elif not light and run_start is not None:
            if x - run_start > best:
                best, start = x - run_start, run_start
            run_start = None
    return start if best >= 40 else None


def drawn_pixels(image) -> int:
    """Pixels that are not the page's background: the app's text and bars."""
    import numpy as np

    pixels = np.asarray(image)
    return int((pixels != pixels[-2, -2]).any(axis=2).sum())


def test_kano_serve_draws_the_app_in_a_browser_and_takes_keys(sample_copy, tmp_path):
    project = sample_copy("smartphone")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kano_tui.cli.main", "serve", str(project), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": ""},
    )
    try:
        wait_for(lambda: accepting(port) or server.poll() is not None, 60, "kano serve")
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        with browser(1000, 600) as page:
            page.get(f"http://127.0.0.1:{port}/")
            wait_for(
                lambda: "-first-byte" in page.execute_script("return document.body.className"),
                90,
                "the app's first bytes",
            )
            # The Features screen, once the analysis has filled it: the 1 tab highlighted.
            first = wait_for(
                lambda: (
                    shot
                    if highlighted_tab_x(shot := screenshot(page)) and drawn_pixels(shot) > 20_000
                    else None
                ),
                90,
                "the app to draw",
            )
            first.save(tmp_path / "features.png")
            before = highlighted_tab_x(first)
            from selenium.webdriver.common.action_chains import ActionChains

            page.find_element("css selector", ".textual-terminal").click()
            ActionChains(page).send_keys("3").perform()  # the Analysis screen
            after_shot = wait_for(
                lambda: (
                    shot if (highlighted_tab_x(shot := screenshot(page)) or 0) > before else None
                ),
                60,
                "the Analysis tab to light up",
            )
            after_shot.save(tmp_path / "analysis.png")
            assert drawn_pixels(after_shot) > 20_000
            assert any(url.startswith(f"ws://127.0.0.1:{port}/ws") for url in requests_made(page))
    finally:
        server.terminate()
        printed, _ = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}" in printed  # the address to open is printed


def test_serve_refuses_what_is_not_a_project(kano, tmp_path):
    missing = kano("serve", tmp_path / "nowhere")
    assert missing.returncode == 1 and "is not a kano project" in missing.stderr
    assert missing.stderr.count("\n") == 1


def test_another_host_is_served_only_with_a_warning():
    from kano_tui.cli.serve import is_loopback, open_command

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    assert open_command(Path("/tmp/my project"), []).endswith("open '/tmp/my project'")


def test_a_taken_port_is_one_sentence(sample_copy):
    project = sample_copy("smartphone")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "kano_tui.cli.main", "serve", str(project), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"Cannot serve on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_html_report_in_a_browser_is_self_contained_and_draws(sample_copy, kano, tmp_path):
    project = sample_copy("smartphone")
    report = tmp_path / "report.html"
    result = kano("export", project, "--exporter", "html", "-o", report)
    assert result.returncode == 0, result.stderr
    with browser(1200, 900) as page:
        page.get(file_url(report))
        wait_for(
            lambda: page.execute_script("return document.readyState") == "complete",
            30,
            "the report to load",
        )
        charts = page.execute_script("""
            return Array.from(document.querySelectorAll('figure svg')).map(svg => {
                const box = svg.getBoundingClientRect();
                return {width: box.width, height: box.height,
                        marks: svg.querySelectorAll('path, use, circle').length,
                        text: svg.textContent};
            });""")
        page.save_screenshot(str(tmp_path / "report.png"))
        requested = requests_made(page)
        errors = console_errors(page)
    assert len(charts) >= 2, charts  # the Kano plot and the continuous plot
    for chart in charts:
        assert chart["width"] > 200 and chart["height"] > 150 and chart["marks"] > 10
    assert any("Calls" in chart["text"] for chart in charts)
    page_url = file_url(report)
    outside = [
        url
        for url in requested
        if url != page_url and not url.startswith("data:") and not url.startswith("chrome://")
    ]
    assert outside == [], outside
    assert errors == [], errors
