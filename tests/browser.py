"""Shared set-up of the real headless Chromium the browser tests drive (Debian's package)."""
from __future__ import annotations

import os
import re

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
MARKS = [pytest.mark.browser,
         pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing")]
NOT_LOOPBACK = re.compile(r"^(?!http://127\.0\.0\.1).*")


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


def loopback_context(browser, base_url: str):
    """A browser context that can reach nothing but 127.0.0.1."""
    context = browser.new_context(base_url=base_url)
    context.route(NOT_LOOPBACK, lambda route: route.abort())
    return context
