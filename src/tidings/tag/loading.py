"""Reading the data files that ship with tidings: YAML through libyaml when PyYAML has it."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

# libyaml's parser feeds the same safe constructor as the pure-Python one, some ten times
# faster; PyYAML built without libyaml lacks it.
SAFE_LOADER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, with the C parser when PyYAML was built with libyaml."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while building large indexes.

    Each collection scans every container alive, so building a hundred thousand of them
    triggers collections whose cost grows with what was already built; the indexes hold no
    reference cycles. The collector is switched back on only if it was on before.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
