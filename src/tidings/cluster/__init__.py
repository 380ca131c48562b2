"""Story clustering: group articles about one event, streaming, without look-ahead.

    >>> from tidings.cluster import StoryClusterer, ClusterDoc
    >>> clusterer = StoryClusterer()
    >>> story = clusterer.add(ClusterDoc(id=1, title="...", text="...", lang="en"))

``cluster_records`` / ``cluster_file`` are what ``tidings cluster`` runs.
"""
from tidings.cluster.clusterer import DEFAULT, ClusterDoc, ClusterParams, StoryClusterer
from tidings.cluster.records import cluster_file, cluster_records, parse_date
from tidings.cluster.state import Story, StoryState

__all__ = ["DEFAULT", "ClusterDoc", "ClusterParams", "Story", "StoryClusterer", "StoryState",
           "cluster_file", "cluster_records", "parse_date"]
