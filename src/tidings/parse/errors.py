"""The one error the parse stage raises."""
from __future__ import annotations


class FeedError(ValueError):
    """A document from which no feed could be recovered; ``str()`` is a one-line reason."""

    def __init__(self, message: str) -> None:
        line = " ".join(str(message).split())
        super().__init__(line[:300])
