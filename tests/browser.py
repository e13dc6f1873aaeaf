"""Headless Chromium for the report's browser test and for docs/report.png.

Debian's `chromium` (CI installs it: `apt-get install -y chromium`). Every call is offline and
leaves no profile behind: a fresh --user-data-dir each time, no background networking.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

WIDTH = 1280


def chromium() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(arguments: list[str], timeout: float = 120) -> str:
    executable = chromium()
    assert executable is not None, "chromium is not installed"
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", *arguments],
            capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(page: Path) -> str:
    """The DOM of `page` once Chromium has loaded it and run its scripts, as HTML."""
    return _run(["--dump-dom", page.resolve().as_uri()])


def screenshot(page: Path, into: Path, height: int = 1000) -> None:
    """A PNG of `page` at WIDTH pixels wide."""
    _run([f"--screenshot={into.resolve()}", f"--window-size={WIDTH},{height}",
          "--hide-scrollbars", page.resolve().as_uri()])
