"""Fixtures the browser test modules of this folder share: one headless Chromium per module
and a live uvicorn server per test. Import them into a test module to use them."""
from __future__ import annotations

import pytest

from tests.browser import launch
from tests.web.live import LiveServer

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def live(app):
    with LiveServer(app) as server:
        yield server
