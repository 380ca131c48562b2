"""Turn an article's title and text into the bags of features the clusterer compares.

Everything here is cheap and language-light: lower-cased word stems for the topic of an
article, capitalised words as a stand-in for named entities (who and where), and numbers
(magnitudes, counts, money, years) that tell one event of a kind from another.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tidings.cluster.stopwords import STOPWORDS

_TOKEN = re.compile(
    r"([^\W\d_]+(?:['’](?!s\b)[^\W\d_]+)*)(?:['’]s\b)?"
    r"|(\d+(?:[.,]\d+)*)(?:(?=[ -]*(?i:(thousand|million|mn|billion|bn|trillion|percent|per|%))))?"
    r"|([.!?:;\"“”«»()\[\]|\n])")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_SCALES = {"thousand": "k", "million": "m", "mn": "m", "billion": "bn", "bn": "bn",
           "trillion": "tn", "percent": "%", "per": "%", "%": "%"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr",
           "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_DATE_WORDS = _WEEKDAYS | {m for m in _MONTHS if len(m) > 3}
_CONNECTORS = {"de", "da", "del", "di", "van", "von", "der", "la", "le", "al", "bin", "du"}


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
        if len(_STEMS) < 200_000:
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


def tokens(text: str) -> list[tuple[str, str, str]]:
    """``(kind, token, lower-cased token)`` triples: ``w`` a word (possessive stripped),
    ``n`` a number (with a scale suffix: ``160m`` for ``160 million``), ``p`` a sentence
    or clause boundary."""
    out: list[tuple[str, str, str]] = []
    append = out.append
    thousands, scales = _THOUSANDS.fullmatch, _SCALES
    for word, number, scale, _ in _TOKEN.findall(text):
        if word:
            append(("w", word, word.lower()))
        elif number:
            value = number.replace(",", "") if thousands(number) else number.replace(",", ".")
            if scale:
                value += scales[scale.lower()]
            append(("n", value, value))
        else:
            append(("p", "", ""))
    return out


def word_stems(toks: list[tuple[str, str, str]], lang: str) -> list[str]:
    """Lower-cased content-word stems, stopwords removed (stemming for English only)."""
    stops = STOPWORDS.get(lang[:2], STOPWORDS["en"])
    if not lang.startswith("en"):
        return [low for kind, _, low in toks if kind == "w" and len(low) > 1
                and low not in stops]
    terms = _EN_TERMS
    lows = [low for kind, _, low in toks if kind == "w"]
    for word in [w for w in lows if w not in terms]:
        if len(terms) < 200_000:
            terms[word] = "" if len(word) <= 1 or word in stops else stem(word)
        else:
            return [stem(w) for w in lows if len(w) > 1 and w not in stops]
    return [term for term in map(terms.__getitem__, lows) if term]


# English word → its stem, or "" for a stopword or a one-letter word (a cache).
_EN_TERMS: dict[str, str] = {}


def _is_headline_case(toks: list[tuple[str, str, str]]) -> bool:
    words = [t for k, t, _ in toks if k == "w" and len(t) > 3]
    if len(words) < 3:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital >= 0.6 * len(words)


def capitalised_runs(toks: list[tuple[str, str, str]], lang: str, lower_seen: set[str],
                     common: Callable[[str], bool] | None = None,
                     headline: bool = False) -> list[list[str]]:
    """Runs of capitalised words, a cheap named-entity proxy.

    A capitalised word whose case says nothing — the first of a sentence, or any word of a
    headline-case title — counts only when the article never writes it in lower case, it
    is not a stopword and ``common`` (usually: "mostly seen in lower case so far") is false.
    """
    stops = STOPWORDS.get(lang[:2], STOPWORDS["en"])
    runs: list[list[str]] = []
    run: list[str] = []
    first = True
    for kind, token, low in toks:
        if kind == "p":
            if run:
                _close_run(run, runs)
                run = []
            first = True
            continue
        if (kind == "w" and token[0].isupper() and low not in stops
                and (not (headline or first)
                     or (low not in lower_seen and not (common and common(low))))):
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
            if word not in _WEEKDAYS and word not in _MONTHS and len(word) > 1:
                bag["e:" + word] += 1
        if len(words) > 1:
            bag["e:" + " ".join(words)] += 1
    return bag


def number_tokens(toks: list[tuple[str, str, str]]) -> Counter:
    """Numbers (``n:160m`` for ``$ 160 million``; 0–2 skipped), weekdays and months
    (``d:sunday``): the specifics that tell one event of a kind from another."""
    bag = Counter(["n:" + token for kind, token, _ in toks
                   if kind == "n" and not (token.isdigit() and int(token) < 3)])
    bag.update(["d:" + low for _, _, low in toks if low in _DATE_WORDS])
    return bag


def doc_bags(title: str, text: str, lang: str,
             common: Callable[[str], bool] | None = None) -> DocBags:
    """All feature bags of one article.

    ``common(word)`` tells whether a lower-cased word is an ordinary word rather than a
    name; it only decides for capitalised words in positions where case says nothing.
    """
    lang = (lang or "en").lower()
    title_toks, text_toks = tokens(title), tokens(text)
    lower_seen = {t for toks in (title_toks, text_toks) for k, t, _ in toks
                  if k == "w" and t[0].islower()}
    entities = entity_tokens(capitalised_runs(text_toks, lang, lower_seen, common))
    title_entities = entity_tokens(capitalised_runs(
        title_toks, lang, lower_seen, common, _is_headline_case(title_toks)))
    entities.update(title_entities)
    numbers = number_tokens(title_toks)
    numbers.update(number_tokens(text_toks))
    return DocBags(
        title=Counter(word_stems(title_toks, lang)),
        body=Counter(word_stems(text_toks, lang)),
        entities=entities,
        numbers=numbers,
        title_entities=set(title_entities),
        words={"e:" + low for toks in (title_toks, text_toks)
               for k, _, low in toks if k == "w"},
    )
