"""docs/screenshot.png: the start page as the public sees it, 1280 pixels wide, full length.

Only on request, as it writes into the source tree: ``FORUM_SCREENSHOT=1 pytest tests/browser/test_screenshot.py``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


@pytest.mark.skipif(
    os.environ.get("FORUM_SCREENSHOT") != "1", reason="set FORUM_SCREENSHOT=1 to update docs/screenshot.png"
)
def test_start_page_screenshot(page: Any, demo_data: None) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    page.evaluate("() => document.fonts.ready")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True, animations="disabled")
    assert SCREENSHOT.stat().st_size > 10_000
