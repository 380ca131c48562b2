"""Turn an article's title and text into the bags of features the clusterer compares.

Everything here is cheap and language-light: lower-cased word stems for the topic of an
article, capitalised words as a stand-in for named entities (who and where), and numbers
(magnitudes, counts, money, years) that tell one event of a kind from another.

Speed matters (every article passes here): the text is split by one group-free regular
expression, lower-cased in one call, and counted by ``Counter`` before any per-word Python
work, which then runs once per distinct word; only the named-entity pass walks the tokens.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tidings.cluster.stopwords import STOPWORDS

# A word (letters, inner apostrophes; a possessive 's is left out and its s is not a word),
# a number, or a sentence or clause boundary.
_TOKEN = re.compile(
    r"(?<![^\W\d_]['’])[^\W\d_]+(?:['’](?!s\b)[^\W\d_]+)*"
    r"|\d+(?:[.,]\d+)*"
    r"|[.!?:;\"“”«»()\[\]|\n]")
_BOUNDARIES = frozenset(".!?:;\"“”«»()[]|\n")
# The numbers again, each with the scale word after it, if any ("160 million").
_NUMBER = re.compile(
    r"(\d+(?:[.,]\d+)*)(?:(?=[ -]*(?i:(thousand|million|mn|billion|bn|trillion|percent|per|%))))?")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_SCALES = {"thousand": "k", "million": "m", "mn": "m", "billion": "bn", "bn": "bn",
           "trillion": "tn", "percent": "%", "per": "%", "%": "%"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr",
           "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_DATE_WORDS = frozenset(_WEEKDAYS | {m for m in _MONTHS if len(m) > 3})
_NOT_NAMES = frozenset(_WEEKDAYS | _MONTHS)
_CONNECTORS = frozenset({"de", "da", "del", "di", "van", "von", "der", "la", "le", "al", "bin",
                         "du"})
_CACHE_SIZE = 200_000


@dataclass(slots=True)
class DocBags:
    """The features of one article: counts of stems, entities and numbers."""

    title: Counter = field(default_factory=Counter)
    body: Counter = field(default_factory=Counter)
    entities: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    title_entities: set = field(default_factory=set)
    words: set = field(default_factory=set)


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """A light, English-leaning suffix stripper (plural, -ing, -ed); other words pass."""
    found = _STEMS.get(word)
    if found is None:
        found = _stem(word)
        if len(_STEMS) >= _CACHE_SIZE:
            _STEMS.clear()
        _STEMS[word] = found
    return found


def _stem(word: str) -> str:
    if len(word) <= 4:
        return word
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(slots=True)
class _Scan:
    """One text split into tokens: as written, lower-cased (aligned), and counted."""

    toks: list[str]
    lows: list[str]
    counts: Counter


def _scan(text: str) -> _Scan:
    toks = _TOKEN.findall(text)
    # One lower() for the whole text; tokens hold no spaces, so the split stays aligned.
    lows = " ".join(toks).lower().split(" ") if toks else []
    return _Scan(toks, lows, Counter(lows))


def _is_word(low: str) -> bool:
    return low not in _BOUNDARIES and not low[0].isdecimal()


def _number_value(number: str, scale: str) -> str:
    value = number.replace(",", "") if _THOUSANDS.fullmatch(number) else number.replace(",", ".")
    return value + _SCALES[scale.lower()] if scale else value


def tokens(text: str) -> list[tuple[str, str, str]]:
    """``(kind, token, lower-cased token)`` triples: ``w`` a word (possessive stripped),
    ``n`` a number (with a scale suffix: ``160m`` for ``160 million``), ``p`` a sentence
    or clause boundary."""
    scan = _scan(text)
    numbers = iter(_NUMBER.findall(text))
    out = []
    for tok, low in zip(scan.toks, scan.lows):
        if low in _BOUNDARIES:
            out.append(("p", "", ""))
        elif low[0].isdecimal():
            value = _number_value(*next(numbers))
            out.append(("n", value, value))
        else:
            out.append(("w", tok, low))
    return out


# English word → its stem, or "" for a stopword or a one-letter word (a cache).
_EN_TERMS: dict[str, str] = {}


def _stem_counts(counts: Counter, lang: str) -> Counter:
    """Counts of the content-word stems (stopwords removed; stemming for English only)."""
    out: Counter = Counter()
    stops = STOPWORDS.get(lang[:2], STOPWORDS["en"])
    if not lang.startswith("en"):
        for low, n in counts.items():
            if len(low) > 1 and low not in stops and _is_word(low):
                out[low] += n
        return out
    terms = _EN_TERMS
    for low, n in counts.items():
        term = terms.get(low)
        if term is None:
            if not _is_word(low):
                continue
            term = "" if len(low) <= 1 or low in stops else stem(low)
            if len(terms) >= _CACHE_SIZE:
                terms.clear()
            terms[low] = term
        if term:
            out[term] += n
    return out


def _is_headline_case(toks: list[str]) -> bool:
    words = [t for t in toks if len(t) > 3 and _is_word(t)]
    if len(words) < 3:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital >= 0.6 * len(words)


def _capitalised_runs(scan: _Scan, lang: str, seen: set[str],
                      common: Callable[[str], bool] | None, headline: bool) -> list[list[str]]:
    """Runs of capitalised words, a cheap named-entity proxy.

    A capitalised word whose case says nothing — the first of a sentence, or any word of a
    headline-case title — counts only when the article never writes it in lower case
    (``seen`` holds every token as written), it is not a stopword and ``common`` (usually:
    "mostly seen in lower case so far") is false.
    """
    stops = STOPWORDS.get(lang[:2], STOPWORDS["en"])
    runs: list[list[str]] = []
    run: list[str] = []
    first = True
    for tok, low in zip(scan.toks, scan.lows):
        if low in _BOUNDARIES:
            if run:
                _close_run(run, runs)
                run = []
            first = True
            continue
        if (tok[0].isupper() and low not in stops
                and (not (headline or first)
                     or (not (low in seen and low[0].islower())
                         and not (common and common(low))))):
            run.append(low)
        elif run:
            if low in _CONNECTORS:
                run.append(low)
            else:
                _close_run(run, runs)
                run = []
        first = False
    _close_run(run, runs)
    return runs


def _close_run(run: list[str], runs: list[list[str]]) -> None:
    while run and run[-1] in _CONNECTORS:
        run.pop()
    if run:
        runs.append(list(run))


def entity_tokens(runs: list[list[str]]) -> Counter:
    """Each capitalised word (weekday and month names aside) and each multi-word run."""
    bag: Counter = Counter()
    for run in runs:
        words = [w for w in run if w not in _CONNECTORS]
        for word in words:
            if word not in _NOT_NAMES and len(word) > 1:
                bag["e:" + word] += 1
        if len(words) > 1:
            bag["e:" + " ".join(words)] += 1
    return bag


def _number_bag(text: str, scan: _Scan) -> Counter:
    """Numbers (``n:160m`` for ``$ 160 million``; 0–2 skipped), weekdays and months
    (``d:sunday``): the specifics that tell one event of a kind from another."""
    bag: Counter = Counter()
    if any(low[0].isdecimal() for low in scan.counts):
        for number, scale in _NUMBER.findall(text):
            value = _number_value(number, scale)
            if not (value.isdigit() and int(value) < 3):
                bag["n:" + value] += 1
    if not _DATE_WORDS.isdisjoint(scan.counts):
        for low, n in scan.counts.items():
            if low in _DATE_WORDS:
                bag["d:" + low] += n
    return bag


def doc_bags(title: str, text: str, lang: str,
             common: Callable[[str], bool] | None = None) -> DocBags:
    """All feature bags of one article.

    ``common(word)`` tells whether a lower-cased word is an ordinary word rather than a
    name; it only decides for capitalised words in positions where case says nothing.
    """
    lang = (lang or "en").lower()
    head, body = _scan(title), _scan(text)
    seen = set(head.toks)
    seen.update(body.toks)
    entities = entity_tokens(_capitalised_runs(body, lang, seen, common, False))
    title_entities = entity_tokens(_capitalised_runs(
        head, lang, seen, common, _is_headline_case(head.toks)))
    entities.update(title_entities)
    numbers = _number_bag(title, head)
    numbers.update(_number_bag(text, body))
    return DocBags(
        title=_stem_counts(head.counts, lang),
        body=_stem_counts(body.counts, lang),
        entities=entities,
        numbers=numbers,
        title_entities=set(title_entities),
        words={"e:" + low for scan in (head, body) for low in scan.counts if _is_word(low)},
    )
