"""Event triggers from a multilingual lexicon.

The lexicon (``data/events.yaml``) gives, per event type and language, regular expressions
over the folded words of a sentence. :func:`find_triggers` finds the non-overlapping
triggers of a sentence; :mod:`tidings.tag.linking` then says who did what.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from tidings.tag.loading import gc_paused, safe_load
from tidings.tag.prefixes import PrefixIndex, word_prefixes
from tidings.tag.text import Sentence, fold_uncached, is_word

LEXICON_PATH = Path(__file__).with_name("data") / "events.yaml"
LANG_ALIASES = {"prs": "fa", "per": "fa", "fas": "fa", "pes": "fa", "eng": "en", "fra": "fr",
                "fre": "fr", "spa": "es", "deu": "de", "ger": "de", "rus": "ru"}


@dataclass(slots=True, frozen=True)
class Trigger:
    """One event word or phrase in a sentence: its type and token span."""

    type: str
    first: int
    last: int
    text: str


def _compile(pattern: str) -> str:
    """Fold the pattern like the text it runs over, then expand ``~``."""
    return fold_uncached(pattern).replace("~", "(?:| | - )")


class Lexicon:
    """Compiled event patterns: one regex per (language, type)."""

    def __init__(self, data: dict[str, dict[str, list[str]]]) -> None:
        self.types: list[str] = list(data)
        self._priority = {etype: k for k, etype in enumerate(self.types)}
        self.langs: set[str] = {lang for per_lang in data.values() for lang in per_lang}
        self._regex: dict[tuple[str, str], re.Pattern[str]] = {}
        prefixes: dict[tuple[str, str], frozenset[str] | None] = {}
        for etype, per_lang in data.items():
            for lang, patterns in per_lang.items():
                body = "|".join(f"(?:{_compile(p)})" for p in patterns)
                self._regex[(lang, etype)] = re.compile(rf"(?<!\S)(?:{body})(?!\S)")
                prefixes[(lang, etype)] = _union([word_prefixes(_compile(p)) for p in patterns])
        # Most sentences hold no trigger: the beginnings of their words tell which regexes
        # may match, in a look-up per word.
        self._index = PrefixIndex(prefixes)

    def languages_for(self, lang: str) -> list[str]:
        """The lexicon languages to use for text in ``lang`` (all when unknown)."""
        code = (lang or "").split("-")[0].split("_")[0].lower()
        code = LANG_ALIASES.get(code, code)
        return [code] if code in self.langs else sorted(self.langs)

    def matches(self, joined: str, langs: list[str]):
        """Yield ``(type, priority, start, end)`` for every pattern match in ``joined``."""
        may = self._index.keys(joined.split(" "))
        if not may:
            return
        # by type order, then language order (the regexes that may match, of all of them)
        for priority, _, lang, etype in sorted((self._priority[etype], langs.index(lang), lang, etype)
                                               for lang, etype in may if lang in langs):
            for m in self._regex[(lang, etype)].finditer(joined):
                yield etype, priority, m.start(), m.end()


def _union(found: list[frozenset[str] | None]) -> frozenset[str] | None:
    """The word beginnings of an alternation of patterns (None when one has none)."""
    return None if any(f is None for f in found) else frozenset().union(*found)


_LOCK = threading.Lock()
_LEXICON: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The event lexicon shipped with tidings, compiled on first use."""
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                with gc_paused():
                    _LEXICON = Lexicon(safe_load(LEXICON_PATH.read_text(encoding="utf-8")))
    return _LEXICON


NEGATIONS = frozenset("""no not never nobody none n't without neither nor pas jamais aucun aucune
personne ningun ninguna nadie nunca sin kein keine keiner nicht niemand nie не нет никто ни""".split())


# Words that make an event not (yet) real: "threatened to attack", "планировали теракт".
UNREAL = frozenset("""threatened threatens threat threats planned planning plotting plotted plot
menace menacent menaces amenaza amenazo amenazas drohte drohten drohung подготовке подготовки
подготовку планировали угрожали угроза""".split())


# Words that make an event a tally of the past, not a new one: "numerous attacks", and a
# quantity followed by "of" ("dozens of attacks", "des dizaines d'attaques", "decenas de
# ataques").
HABITUAL = frozenset("""numerous countless repeated frequent previous nombreux nombreuses multiples
repetes precedents numerosos numerosas repetidos anteriores zahlreiche zahlreichen fruhere
fruheren wiederholte многочисленные многочисленных неоднократно""".split())
QUANTITY = frozenset("""dozens hundreds scores dizaines centaines decenas cientos dutzende hunderte
десятки десятков сотни сотен""".split())
OF = frozenset("of de d ' von".split())
# "Since 2019, …", "depuis 2019", "desde 2019", "seit 2019", "с 2019 года": a background tally.
SINCE = frozenset("since depuis desde seit с از".split())


def _negated(sentence: Sentence, first: int) -> bool:
    before = sentence.folds[max(first - 3, 0):first]
    if "t" in before and "'" in before:  # "wasn't", tokenised as wasn ' t
        return True
    return any(w in NEGATIONS or w in UNREAL for w in before)


def _background(sentence: Sentence, first: int) -> bool:
    """True for an event told as a tally of the past ("carried out dozens of attacks",
    "Since 2019, the group has attacked…"), which is no new event."""
    before = sentence.folds[max(first - 3, 0):first]
    if any(w in HABITUAL for w in before):
        return True
    if any(w in QUANTITY and nxt in OF for w, nxt in zip(before, before[1:])):
        return True
    words = list(islice(((i, f) for i, (w, f) in enumerate(zip(sentence.words[:first], sentence.folds))
                         if is_word(w)), 2))
    return len(words) >= 2 and words[0][1] in SINCE and sentence.initial(words[0][0]) \
        and words[1][1].isdigit() and len(words[1][1]) == 4


def find_triggers(sentence: Sentence, langs: list[str], lexicon: Lexicon | None = None,
                  blocked: set[int] | frozenset[int] = frozenset()) -> list[Trigger]:
    """Non-overlapping event triggers of ``sentence``, longest first, then by type order.

    Triggers that begin or end on a token in ``blocked`` (an actor's or a place's name) are
    dropped; so are negated ones ("no one was killed", "n'ont pas été tués") and tallies of
    the past ("Since 2019, the group has carried out dozens of attacks").
    """
    lexicon = lexicon or get_lexicon()
    found = []
    for etype, priority, start, end in lexicon.matches(sentence.joined, langs):
        first, last = sentence.token_at(start), sentence.token_at(end - 1) + 1
        if first in blocked or last - 1 in blocked or _negated(sentence, first) or _background(sentence, first):
            continue
        found.append((-(end - start), priority, first, last, etype))
    if not found:
        return []
    chosen: list[Trigger] = []
    taken: dict[bool, set[int]] = {True: set(), False: set()}
    for _, _, first, last, etype in sorted(found):
        # A statement may hold another event ("claimed responsibility for the attack").
        span, said = set(range(first, last)), etype == "statement"
        if span & taken[said] or (said and span & taken[False] and len(span) == 1):
            continue
        taken[said] |= span
        text = sentence.text[sentence.spans[first][0]:sentence.spans[last - 1][1]]
        chosen.append(Trigger(etype, first, last, text))
    return sorted(chosen, key=lambda t: t.first)
