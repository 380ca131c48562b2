"""Shared fixtures: one running simulated web for the read-only tests."""
from __future__ import annotations

import httpx
import pytest

from tidings.simweb import SimWeb


@pytest.fixture(scope="session")
def sim():
    with SimWeb(seed=1, sites=8, days=14) as web:
        yield web


@pytest.fixture(scope="session")
def client():
    with httpx.Client(timeout=httpx.Timeout(5.0), follow_redirects=False) as c:
        yield c


@pytest.fixture(scope="session")
def faults(sim):
    return sim.fault_urls()
