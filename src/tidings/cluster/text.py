"""Turn an article's title and text into the bags of features the clusterer compares.

Everything here is cheap and language-light: lower-cased word stems for the topic of an
article, capitalised words as a stand-in for named entities (who and where), and numbers
(magnitudes, counts, money, years) that tell one event of a kind from another. The figures
of the headline and the first sentences (a toll, a count) are also kept apart: they belong
to the event, where years and weekdays are shared by every report of the period.

Every article passes here, so the work per word is kept small: the text is split by one
group-free regular expression and counted by ``Counter`` (both in C); stemming, stopwords
and lower-casing then run once per distinct word (through a cache), and only the search for
names and numbers walks the tokens, looking at the capitalised ones and digits only.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from tidings.cluster.stopwords import STOPWORDS

# A word (letters, inner apostrophes; a possessive 's is left out: no word starts just
# after a letter and an apostrophe), a number, or a sentence or clause boundary.
# ``_LETTERS`` matches what ``[^\W\d_]+`` does, faster on ASCII text (the Unicode letter
# test runs once per non-ASCII stretch, not once per letter).
_LETTER = r"[^\W\d_]"
_LETTERS = rf"{_LETTER}[a-zA-Z]*+(?:{_LETTER}+[a-zA-Z]*+)*+"
_TOKEN = re.compile(
    rf"{_LETTER}(?<!{_LETTER}['’]{_LETTER})[a-zA-Z]*+(?:{_LETTER}+[a-zA-Z]*+)*+"
    rf"(?:['’](?!s\b){_LETTERS})*"
    r"|\d+(?:[.,]\d+)*"
    r"|[.!?:;\"“”«»()\[\]|\n]")
_BOUNDARIES = frozenset(".!?:;\"“”«»()[]|\n")
# The scale word after a number, if any ("160 million").
_SCALE_AFTER = re.compile(r"[ -]*(?i:(thousand|million|mn|billion|bn|trillion|percent|per|%))")
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
_CACHE_SIZE = 50_000  # words per memo (stems; terms per language): ~130 B each


@dataclass(slots=True)
class DocBags:
    """The features of one article: counts of stems, entities and numbers; ``words`` holds
    every token of the article, lower-cased."""

    title: Counter = field(default_factory=Counter)
    body: Counter = field(default_factory=Counter)
    entities: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    title_entities: set = field(default_factory=set)
    words: set = field(default_factory=set)
    specific: Counter = field(default_factory=Counter)  # the headline's and lead's figures


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


def _is_word(token: str) -> bool:
    return token not in _BOUNDARIES and not token[0].isdecimal()


def tokens(text: str) -> list[tuple[str, str, str]]:
    """``(kind, token, lower-cased token)`` triples: ``w`` a word (possessive stripped),
    ``n`` a number (with a scale suffix: ``160m`` for ``160 million``), ``p`` a sentence
    or clause boundary."""
    toks = _TOKEN.findall(text)
    numbers = iter(_number_values(text, toks))
    out = []
    for tok in toks:
        if tok in _BOUNDARIES:
            out.append(("p", "", ""))
        elif tok[0].isdecimal():
            value = next(numbers)
            out.append(("n", value, value))
        else:
            out.append(("w", tok, tok.lower()))
    return out


def _number_values(text: str, toks: list[str], counts: Counter | None = None) -> list[str]:
    """The number tokens of ``text`` as values: ``2290`` for ``2,290``, ``5.9`` for
    ``5,9``, ``160m`` for ``160 million``. ``counts``: ``toks`` counted, if at hand."""
    if counts is None:
        numbers = [t for t in toks if t[0].isdecimal()]
    else:  # in order of first occurrence: the token order when each occurs once
        numbers = [t for t in counts if t[0].isdecimal()]
        if sum([counts[t] for t in numbers]) > len(numbers):
            numbers = [t for t in toks if t[0].isdecimal()]
    out = []
    position = 0
    for number in numbers:
        # Every digit is part of a number token, so the next occurrence is this token.
        position = text.find(number, position) + len(number)
        value = (number.replace(",", "") if _THOUSANDS.fullmatch(number)
                 else number.replace(",", "."))
        scale = _SCALE_AFTER.match(text, position)
        out.append(value + _SCALES[scale[1].lower()] if scale else value)
    return out


# Per language (its first two letters): token as written → its term (lower-cased; stemmed
# for English), or "" for a stopword, a one-letter word, a number or a boundary.
_TERMS: dict[str, dict[str, str]] = {}


def _stem_counts(toks: list[str], counts: Counter, lang: str) -> Counter:
    """Counts of the content-word terms of ``toks`` (``counts``: the same, counted):
    lower-cased, stopwords removed, stemmed for English only."""
    terms = _terms_of(lang[:2])
    new = [tok for tok in counts if tok not in terms]
    if new:
        if len(terms) + len(new) > _CACHE_SIZE:
            terms.clear()
            new = counts.keys()
        english, stops = lang.startswith("en"), STOPWORDS.get(lang[:2], STOPWORDS["en"])
        for tok in new:
            low = tok.lower()
            terms[tok] = ("" if len(low) <= 1 or low in stops or not _is_word(low)
                          else stem(low) if english else low)
    out = Counter(map(terms.__getitem__, toks))
    out.pop("", None)
    return out


def _terms_of(language: str) -> dict[str, str]:
    terms = _TERMS.get(language)
    if terms is None:
        if len(_TERMS) >= 64:  # language codes come from feeds: keep the caches bounded
            _TERMS.clear()
        terms = _TERMS[language] = {}
    return terms


def _is_headline_case(toks: list[str]) -> bool:
    words = [t for t in toks if len(t) > 3 and _is_word(t)]
    if len(words) < 3:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital >= 0.6 * len(words)


def capitalised_runs(toks: list[str], lang: str, written: Callable[[str], bool],
                     common: Callable[[str], bool] | None = None,
                     headline: bool = False) -> list[list[str]]:
    """Runs of capitalised words (lower-cased) in ``toks``, a cheap named-entity proxy.

    A capitalised word whose case says nothing — the first of a sentence, or any word of a
    headline-case title — counts only when the article never writes it in lower case
    (``written(word)``: the token occurs as written), it is not a stopword and ``common``
    (usually: "mostly seen in lower case so far") is false. A run goes on through
    connectors (``van``, ``de``) between two such words and stops at anything else.
    """
    stops = STOPWORDS.get(lang[:2], STOPWORDS["en"])
    runs: list[list[str]] = []
    run: list[str] = []
    end = -1  # index of the run's last word
    for i in [i for i, tok in enumerate(toks) if tok[0].isupper()]:
        low = toks[i].lower()
        if low in stops:
            continue
        if ((headline or i == 0 or toks[i - 1] in _BOUNDARIES)
                and ((low[0].islower() and written(low)) or (common and common(low)))):
            continue
        if run and (end == i - 1 or (toks[end + 1].lower() in _CONNECTORS
                                     and _connect(toks[end + 1:i]))):
            run.extend(t.lower() for t in toks[end + 1:i])
            run.append(low)
        else:
            if run:
                runs.append(run)
            run = [low]
        end = i
    if run:
        runs.append(run)
    return runs


def _connect(between: list[str]) -> bool:
    """Whether the tokens between two capitalised words are all connectors."""
    return _CONNECTORS.issuperset([t.lower() for t in between])


def entity_tokens(runs: list[list[str]]) -> Counter:
    """Each capitalised word (weekday and month names aside) and each multi-word run."""
    bag: Counter = Counter()
    get = bag.get
    for run in runs:
        words = run if _CONNECTORS.isdisjoint(run) else [w for w in run if w not in _CONNECTORS]
        for word in words:
            if word not in _NOT_NAMES and len(word) > 1:
                key = "e:" + word
                bag[key] = get(key, 0) + 1
        if len(words) > 1:
            key = "e:" + " ".join(words)
            bag[key] = get(key, 0) + 1
    return bag


def _number_bag(text: str, toks: list[str], counts: Counter, lowered: list[str]) -> Counter:
    """Numbers (``n:160m`` for ``$ 160 million``; 0–2 skipped), weekdays and months
    (``d:sunday``): the specifics that tell one event of a kind from another.
    ``lowered``: the keys of ``counts`` (tokens as written), lower-cased."""
    bag: Counter = Counter()
    get = bag.get
    for value in _number_values(text, toks, counts):
        if not (value.isdigit() and int(value) < 3):
            key = "n:" + value
            bag[key] = get(key, 0) + 1
    if not _DATE_WORDS.isdisjoint(lowered):
        for low, n in zip(lowered, counts.values()):
            if low in _DATE_WORDS:
                key = "d:" + low
                bag[key] = get(key, 0) + n
    return bag


def _lowered(counts: Counter) -> list[str]:
    """The keys of ``counts``, lower-cased, in order (one ``lower()`` call: the keys hold no
    spaces, and a space ends a word for the casing rules too)."""
    return " ".join(counts).lower().split(" ") if counts else []


def doc_bags(title: str, text: str, lang: str,
             common: Callable[[str], bool] | None = None) -> DocBags:
    """All feature bags of one article.

    ``common(word)`` tells whether a lower-cased word is an ordinary word rather than a
    name; it only decides for capitalised words in positions where case says nothing.
    """
    lang = (lang or "en").lower()
    head_toks, body_toks = _TOKEN.findall(title), _TOKEN.findall(text)
    head, body = Counter(head_toks), Counter(body_toks)
    head_lows, body_lows = _lowered(head), _lowered(body)

    def written(word: str) -> bool:
        return word in body or word in head

    entities = entity_tokens(capitalised_runs(body_toks, lang, written, common))
    title_entities = entity_tokens(capitalised_runs(
        head_toks, lang, written, common, _is_headline_case(head_toks)))
    entities.update(title_entities)
    numbers = _number_bag(title, head_toks, head, head_lows)
    numbers.update(_number_bag(text, body_toks, body, body_lows))
    specific = specific_numbers(title, head_toks, lang)
    lead_text = text[:lead_end(text, LEAD_SENTENCES)]
    specific.update(specific_numbers(lead_text, _TOKEN.findall(lead_text), lang))
    return DocBags(
        title=_stem_counts(head_toks, head, lang),
        body=_stem_counts(body_toks, body, lang),
        entities=entities,
        numbers=numbers,
        title_entities=set(title_entities),
        words=set(head_lows).union(body_lows),
        specific=specific,
    )


# --- Specific numbers: the figures of the headline and the lead --------------------------

LEAD_SENTENCES = 2
# A sentence ends at . ! ? (closing quotes or brackets may follow) before a space and
# anything but a lower-case ASCII letter ("Mr. Smith" still ends one: the lead is then
# shorter), or at a line break.
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*(?=\s+(?![a-z]))|\n")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_SPELLED = {"en": {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split()) if n >= 3}}


def lead_end(text: str, sentences: int) -> int:
    """Where the first ``sentences`` sentences of ``text`` end (its length if sooner)."""
    found = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > 0 and text[match.start() - 1] != "\n":
            found += 1
            if found == sentences:
                return match.end()
    return len(text)


def specific_numbers(text: str, toks: list[str], lang: str) -> Counter:
    """The figures of a headline or a lead (``toks``: its tokens): numbers as in the number
    bag and, in English, number words from three to twenty (``n:12`` for ``twelve``);
    years, days of a month (next to a month name) and 0–2 are left out, as are weekdays:
    those are shared by every report of the period, a toll or a count is the event's own."""
    bag: Counter = Counter()
    spelled = _SPELLED.get(lang[:2], {})
    values = iter(_number_values(text, toks))
    last = len(toks) - 1
    for i, tok in enumerate(toks):
        if tok[0].isdecimal():
            value = next(values)
            if ((value.isdigit() and (int(value) < 3 or _YEAR.fullmatch(value)))
                    or (i > 0 and toks[i - 1].lower() in _MONTHS)
                    or (i < last and toks[i + 1].lower() in _MONTHS)):
                continue
        elif (value := spelled.get(tok.lower(), "")) == "":
            continue
        bag["n:" + value] += 1
    return bag
