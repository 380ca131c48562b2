"""The sources stage: OPML lists, feed discovery and the shipped starter list."""
