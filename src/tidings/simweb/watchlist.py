"""The watchlist of the simulated web's cast, so that the demo and the trend tests tag its actors."""
from __future__ import annotations

from .cast import GROUPS


def cast_watchlist() -> dict:
    """A watchlist document (``Watchlist.from_dict`` form) naming each simulated armed group."""
    actors = []
    for group in GROUPS:
        aliases = sorted({name for lang, name in group.names.items() if lang != "en"}
                         | {f"forces loyal to {group.leader}", f"fighters loyal to {group.leader}", group.leader})
        actors.append({"id": group.key, "name": group.names["en"], "kind": "armed group",
                       "aliases": aliases, "acronyms": sorted(set(group.acronyms.values()))})
    return {"actors": actors}
