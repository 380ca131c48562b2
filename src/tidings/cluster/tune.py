"""Fit the clusterer's linear scoring on labelled articles, and score clusterings.

Used by ``bench/clustering.py``; nothing here runs in the pipeline. Weights are fitted by
logistic regression on (article, open story) pairs collected while streaming the labelled
articles with the gold assignment (teacher forcing), then the join threshold is chosen by
clustering the same articles for real.
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from tidings.cluster.clusterer import ClusterParams, StoryClusterer, language_of
from tidings.cluster.features import FEATURES, DocVectors, features
from tidings.cluster.records import cluster_records, stream_order, to_doc


Prepared = list[tuple[str, DocVectors, str]]


def prepare(records: Sequence[dict], params: ClusterParams) -> Prepared:
    """``(id, vectors, language)`` of ``records`` in stream order.

    The vectors depend only on the articles seen before (not on any assignment), so one
    preparation serves every threshold and weight tried on the same records.
    """
    clusterer = StoryClusterer(params)
    return [(str(doc.id), clusterer._vectors(doc), language_of(doc.lang))
            for doc in stream_order(map(to_doc, records))]


def cluster_prepared(prepared: Prepared, params: ClusterParams) -> dict[str, int]:
    """What :func:`cluster_records` returns, from prepared vectors."""
    clusterer = StoryClusterer(params)
    out = {}
    for position, (doc_id, vectors, lang) in enumerate(prepared, 1):
        clusterer.state.docs = position
        out[doc_id] = clusterer.place(vectors, lang)
    return out


def pair_features(prepared: Prepared, labels: dict[str, str], params: ClusterParams,
                  min_text: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Features and 0/1 targets of (article, candidate story) pairs, gold-assigned.

    Candidates with text similarity under ``min_text`` are left out unless they are the
    article's own story: they are easy to reject and would drown the hard pairs.
    """
    clusterer = StoryClusterer(params)
    story_of: dict[str, int] = {}
    rows, targets = [], []
    for position, (doc_id, vectors, lang) in enumerate(prepared, 1):
        clusterer.state.docs = position
        clusterer._advance_clock(vectors.date)
        own = clusterer.state.stories.get(story_of.get(labels[doc_id], -1))
        candidates = {s.id: s for s in clusterer.candidates(vectors, lang)}
        if own is not None:
            candidates[own.id] = own
        for story in candidates.values():
            row = features(vectors, story)
            if story is own or row[0] >= min_text:
                rows.append(row)
                targets.append(1.0 if story is own else 0.0)
        if own is None:
            own = clusterer.state.new_story(lang)
            story_of[labels[doc_id]] = own.id
        clusterer._absorb(own, vectors)
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES)), np.array(targets)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0,
                 iterations: int = 50) -> tuple[tuple[float, ...], float]:
    """L2-regularised logistic regression by Newton's method; returns (weights, bias)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ beta, -30, 30)))
        gradient = design.T @ (p - y) + penalty * beta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return tuple(round(float(b), 4) for b in beta[:-1]), round(float(beta[-1]), 4)


def scores(labels: dict[str, str], predicted: dict[str, object]) -> dict[str, float]:
    """Pairwise and BCubed precision, recall and F1 (same definitions as score.py),
    over the predicted ids that have a label."""
    ids = [i for i in predicted if i in labels]
    cells = Counter((labels[i], str(predicted[i])) for i in ids)
    gold_sizes = Counter(labels[i] for i in ids)
    pred_sizes = Counter(str(predicted[i]) for i in ids)
    n = len(ids)

    def pairs(k: int) -> int:
        return k * (k - 1) // 2

    tp = sum(pairs(c) for c in cells.values())
    pp = sum(pairs(c) for c in pred_sizes.values())
    gp = sum(pairs(c) for c in gold_sizes.values())
    out = {"P": tp / pp if pp else 0.0, "R": tp / gp if gp else 0.0}
    out["B_P"] = sum(c * c / pred_sizes[p] for (g, p), c in cells.items()) / n
    out["B_R"] = sum(c * c / gold_sizes[g] for (g, p), c in cells.items()) / n
    for f, (p, r) in {"F1": ("P", "R"), "B_F1": ("B_P", "B_R")}.items():
        out[f] = 2 * out[p] * out[r] / (out[p] + out[r]) if out[p] + out[r] else 0.0
    out["clusters"] = len(pred_sizes)
    return out


def objective(result: dict[str, float]) -> float:
    """What threshold tuning maximises: the mean of pairwise and BCubed F1."""
    return (result["F1"] + result["B_F1"]) / 2


def tune_threshold(prepared: Prepared, labels: dict[str, str], params: ClusterParams,
                   grid: Sequence[float]) -> tuple[float, dict[str, float]]:
    """The threshold that clusters ``records`` best, and its scores.

    Tries every value of the (evenly spaced) ``grid``, then the two midpoints around the
    best one.
    """
    tried: dict[float, dict[str, float]] = {}

    def attempt(threshold: float) -> None:
        if threshold not in tried:
            predicted = cluster_prepared(prepared, replace(params, threshold=threshold))
            tried[threshold] = scores(labels, predicted)

    for threshold in grid:
        attempt(threshold)
    step = (grid[1] - grid[0]) / 2 if len(grid) > 1 else 0.0
    best = max(tried, key=lambda t: (objective(tried[t]), -abs(t)))
    if step:
        attempt(round(best - step, 6))
        attempt(round(best + step, 6))
        best = max(tried, key=lambda t: (objective(tried[t]), -abs(t)))
    return best, tried[best]


def fit(records: Sequence[dict], labels: dict[str, str], params: ClusterParams,
        grid: Sequence[float], l2: float = 1.0,
        active: Sequence[str] | None = None) -> ClusterParams:
    """Fit weights by logistic regression, then tune the threshold, on ``records``.

    ``active`` names the features to use (default: all); the others get weight 0.
    """
    prepared = prepare(records, params)
    x, y = pair_features(prepared, labels, params)
    columns = [i for i, name in enumerate(FEATURES) if active is None or name in active]
    fitted_weights, bias = fit_logistic(x[:, columns], y, l2)
    weights = [0.0] * len(FEATURES)
    for column, weight in zip(columns, fitted_weights):
        weights[column] = weight
    weights = tuple(weights)
    fitted = replace(params, weights=weights, bias=bias)
    threshold, _ = tune_threshold(prepared, labels, fitted, grid)
    return replace(fitted, threshold=threshold)


def topic(label: str) -> str:
    """The ECB+ topic of a story label: ``"12ecbplus"`` → ``"12"``."""
    digits = "".join(ch for ch in label if ch.isdigit())
    return digits or label


def topic_folds(labels: dict[str, str], k: int, seed: int | None = None) -> list[set[str]]:
    """Split the ids into ``k`` folds by topic; ``seed`` shuffles which topic goes where."""
    topics = sorted({topic(g) for g in labels.values()}, key=lambda t: (len(t), t))
    if seed is not None:
        random.Random(seed).shuffle(topics)
    fold_of = {t: i % k for i, t in enumerate(topics)}
    folds: list[set[str]] = [set() for _ in range(k)]
    for doc_id, label in labels.items():
        folds[fold_of[topic(label)]].add(doc_id)
    return folds


def shuffled(records: Sequence[dict], seed: int | None) -> list[dict]:
    """``records`` in a seeded random order (input order when ``seed`` is None).

    Undated articles are streamed in input order, so this varies their arrival order.
    """
    out = list(records)
    if seed is not None:
        random.Random(seed).shuffle(out)
    return out


def baseline_params(params: ClusterParams) -> ClusterParams:
    """The plain streaming TF-IDF centroid clusterer: text cosine against a threshold."""
    weights = tuple(1.0 if name == "text" else 0.0 for name in FEATURES)
    return replace(params, weights=weights, bias=0.0)


def fit_baseline(records: Sequence[dict], labels: dict[str, str], params: ClusterParams,
                 grid: Sequence[float]) -> ClusterParams:
    """Tune only the cosine threshold of :func:`baseline_params`."""
    plain = baseline_params(params)
    threshold, _ = tune_threshold(prepare(records, plain), labels, plain, grid)
    return replace(plain, threshold=threshold)


def cross_validate(records: Sequence[dict], labels: dict[str, str],
                   fitter: Callable[[list[dict]], ClusterParams], k: int = 5,
                   seed: int | None = None) -> list[tuple[ClusterParams, dict[str, float]]]:
    """Fit with ``fitter`` on k-1 topic folds, score the held-out fold, for each fold.

    ``seed`` shuffles both the topic-to-fold assignment and the arrival order of the
    articles (which matters for undated ones). Returns one (params, scores) per fold.
    """
    records = shuffled(records, seed)
    out = []
    for fold in topic_folds(labels, k, seed):
        train = [r for r in records if str(r["id"]) not in fold]
        test = [r for r in records if str(r["id"]) in fold]
        fitted = fitter(train)
        test_labels = {str(r["id"]): labels[str(r["id"])] for r in test}
        out.append((fitted, scores(test_labels, cluster_records(test, fitted))))
    return out
