"""tidings: a self-hosted, automatic aggregator of global media."""

__version__ = "0.1.0"
