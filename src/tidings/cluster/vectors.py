"""Small sparse-vector helpers over plain dicts (term → weight)."""
from __future__ import annotations

import heapq
import math
from collections.abc import Mapping

Vector = dict[str, float]


def norm(vector: Mapping[str, float]) -> float:
    """Euclidean length."""
    return math.sqrt(sum(w * w for w in vector.values()))


def normalised(vector: Vector) -> Vector:
    """``vector`` scaled to unit length (an empty vector stays empty)."""
    length = norm(vector)
    if not length:
        return {}
    return {t: w / length for t, w in vector.items()}


def dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    """Inner product; iterate the smaller mapping."""
    if len(small) > len(large):
        small, large = large, small
    get = large.get
    return sum([w * get(t, 0.0) for t, w in small.items()])


def cosine(unit: Mapping[str, float], other: Mapping[str, float], other_norm: float) -> float:
    """Cosine of a unit vector with a vector whose length is already known."""
    if not other_norm or not unit:
        return 0.0
    return dot(unit, other) / other_norm


def cap(vector: Vector, k: int) -> Vector:
    """Keep the ``k`` heaviest terms (ties broken by term, so the result is deterministic)."""
    if len(vector) <= k:
        return vector
    top = heapq.nsmallest(k, vector.items(), key=lambda item: (-item[1], item[0]))
    return dict(top)


def top_terms(vector: Mapping[str, float], k: int) -> list[str]:
    """The ``k`` heaviest terms, heaviest first."""
    return [t for t, _ in heapq.nsmallest(k, vector.items(), key=lambda i: (-i[1], i[0]))]


def heaviest(vector: Mapping[str, float], k: int) -> list[tuple[str, float]]:
    """The ``k`` heaviest (term, weight) pairs, heaviest first, ties by term."""
    return heapq.nsmallest(k, vector.items(), key=lambda i: (-i[1], i[0]))
