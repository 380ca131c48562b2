"""The simulated web: deterministic news sites, feeds, aggregators and faults on loopback.

Used by ``tidings demo`` and by the network tests and benchmarks::

    from tidings.simweb import SimWeb

    with SimWeb(seed=1, sites=8, scenario="default") as sim:
        sim.feed_urls(), sim.articles(), sim.fault_urls()
"""
from .events import EVENT_TYPES, TREND_SHAPE, Event, Topic
from .facade import DEFAULT_START, SimWeb
from .faults import FAULT_TEXT
from .truth import SimArticle, SimRequest, SimSite

SimEvent = Event

__all__ = ["DEFAULT_START", "EVENT_TYPES", "FAULT_TEXT", "TREND_SHAPE", "Event", "SimArticle",
           "SimEvent", "SimRequest", "SimSite", "SimWeb", "Topic"]
