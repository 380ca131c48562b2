"""Small sparse-vector helpers over plain dicts (term → weight)."""
from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import repeat
from operator import itemgetter, truediv

Vector = dict[str, float]
_WEIGHT = itemgetter(1)


def norm(vector: Mapping[str, float]) -> float:
    """Euclidean length."""
    return math.hypot(*vector.values())


def normalised(vector: Vector) -> Vector:
    """``vector`` scaled to unit length (an empty vector stays empty)."""
    length = norm(vector)
    if not length:
        return {}
    return dict(zip(vector, map(truediv, vector.values(), repeat(length))))


def dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    """Inner product over the shared terms (found by a C-level key-set intersection)."""
    return sum([small[t] * large[t] for t in small.keys() & large.keys()])


def cosine(unit: Mapping[str, float], other: Mapping[str, float], other_norm: float) -> float:
    """Cosine of a unit vector with a vector whose length is already known."""
    if not other_norm or not unit:
        return 0.0
    return sum([unit[t] * other[t] for t in unit.keys() & other.keys()]) / other_norm


def cap(vector: Vector, k: int) -> Vector:
    """Keep the ``k`` heaviest terms (ties: the earlier inserted, so it is deterministic)."""
    if len(vector) <= k:
        return vector
    return dict(heaviest(vector, k))


def top_terms(vector: Mapping[str, float], k: int) -> list[str]:
    """The ``k`` heaviest terms, heaviest first."""
    return [t for t, _ in heaviest(vector, k)]


def heaviest(vector: Mapping[str, float], k: int) -> list[tuple[str, float]]:
    """The ``k`` heaviest (term, weight) pairs, heaviest first; ties keep insertion order
    (a stable sort), which a saved and restored vector keeps too."""
    return sorted(vector.items(), key=_WEIGHT, reverse=True)[:k]


def heaviest_after_growth(vector: Mapping[str, float], k: int,
                          before: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """``heaviest(vector, k)`` after weights were added to ``vector`` (none lowered, none
    removed), given ``before``, its ``k`` heaviest until then: only terms at least as heavy
    as the k-th of then can be among them now, so only those are sorted (in the vector's
    order, so ties fall as in :func:`heaviest`)."""
    if len(before) < k:
        return heaviest(vector, k)
    floor = before[-1][1]
    return sorted([item for item in vector.items() if item[1] >= floor],
                  key=_WEIGHT, reverse=True)[:k]
