"""Watchlists: the actors a user follows, with their names, aliases and acronyms.

Matching rules:

* **acronyms** ("NRF", "ISIS-K") match case-sensitively as whole tokens: "NRF" is not found
  in "NRFL" nor in "nrf", "ISIS" not in "crisis"; an alias written all in capitals counts
  as an acronym;
* **names and aliases** match case-insensitively on whole words with diacritics folded
  ("Front national de résistance" meets "FRONT NATIONAL DE RESISTANCE"); a word ending
  in ``*`` is a stem that matches any word it begins ("талиб*" meets "талибов",
  "талибами"; "Фронт* национального сопротивления" meets "Фронта национального…");
* **metonyms** (a capital or a country name standing for its government: "Islamabad",
  "Pakistan") match like names, except after a preposition of place ("in Pakistan",
  "from Islamabad"), where they name a place and not an actor.

A watchlist file is YAML (``.yaml``/``.yml``), JSON (``.json``) or, read-only, TOML::

    actors:
      - id: nrf
        name: National Resistance Front of Afghanistan
        kind: armed group
        aliases: [National Resistance Front, forces loyal to Ahmad Massoud]
        acronyms: [NRF]
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tidings.tag.text import Sentence, Token, fold, is_word, tokenize

EXAMPLE_PATH = Path(__file__).with_name("data") / "watchlist.example.yaml"
# After these words a country or capital names a place, not its government.
LOCATIVES = frozenset("""
in into inside from to towards toward across near at within throughout through of via out
en dans au aux à vers depuis près pres de du des
en hacia desde cerca del de
in nach aus bei im ins von vom zum zur
в во из на к по под около
در به از تا
""".split())
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_NEVER = re.compile(r"(?!)")


@dataclass(slots=True)
class Actor:
    """One followed actor: a group, a government, a person or an organisation."""

    id: str
    name: str
    kind: str = "group"
    country: str = ""
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    notes: str = ""

    def names(self) -> list[str]:
        """Every spelling of the actor: name, aliases, acronyms and metonyms."""
        return [self.name, *self.aliases, *self.acronyms, *self.metonyms]


@dataclass(slots=True, frozen=True)
class ActorMatch:
    """One mention of an actor: the alias found, its character span and token span."""

    actor: Actor
    alias: str
    start: int
    end: int
    first: int
    last: int
    metonym: bool = False


@dataclass(slots=True, frozen=True)
class _Pattern:
    actor: Actor
    alias: str
    parts: tuple[str, ...]
    stems: tuple[bool, ...]
    exact_case: bool
    metonym: bool

    def matches(self, words: list[str], folds: list[str], i: int) -> bool:
        """True when the pattern's words are those of tokens ``i``, ``i + 1``…"""
        if i + len(self.parts) > len(words):
            return False
        have = words if self.exact_case else folds
        for k, part in enumerate(self.parts):
            if not (have[i + k].startswith(part) if self.stems[k] else have[i + k] == part):
                return False
        return True


def _is_acronym(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and len(letters) <= 8 and all(ch.isupper() for ch in letters)


def _pattern(actor: Actor, alias: str, *, acronym: bool, metonym: bool = False) -> _Pattern | None:
    alias = alias.strip()
    toks = [t for t in tokenize(alias) if t.text != "*"]
    if not toks:
        return None
    stems = tuple(alias[t.end:t.end + 1] == "*" for t in toks)
    exact = acronym or _is_acronym(alias)
    parts = tuple(t.text if exact else t.folded for t in toks)
    if any(stem and len(part) < 3 for stem, part in zip(stems, parts)):
        raise ValueError(f"actor {actor.id!r}: a stem in {alias!r} is too short (3 letters at least)")
    return _Pattern(actor, alias, parts, stems, exact, metonym)


class Watchlist:
    """A set of actors and a fast matcher over their spellings."""

    def __init__(self, actors: list[Actor] | None = None) -> None:
        self.actors: list[Actor] = []
        self._by_folded: dict[str, list[_Pattern]] = {}
        self._by_exact: dict[str, list[_Pattern]] = {}
        self._by_stem: dict[str, list[_Pattern]] = {}
        self._stem_start = _NEVER
        for actor in actors or []:
            self.add(actor)

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self):
        return iter(self.actors)

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def add(self, actor: Actor) -> None:
        """Add (or replace, by id) an actor; raises ValueError on a malformed one."""
        _validate(actor)
        if self.get(actor.id):
            self.remove(actor.id)
        self.actors.append(actor)
        self._index(actor)

    def remove(self, actor_id: str) -> bool:
        """Remove the actor with this id; True when there was one."""
        kept = [a for a in self.actors if a.id != actor_id]
        if len(kept) == len(self.actors):
            return False
        self.actors, self._by_folded, self._by_exact, self._by_stem = [], {}, {}, {}
        for actor in kept:
            self.actors.append(actor)
            self._index(actor)
        return True

    def resolve(self, query: str) -> Actor | None:
        """The actor that ``query`` names: an id, its name, an alias or an acronym."""
        wanted = fold(query.strip())
        for actor in self.actors:
            if wanted == actor.id or wanted in {fold(n.rstrip("*")) for n in actor.names()}:
                return actor
        return None

    def match(self, text: str) -> list[ActorMatch]:
        """Every actor mention in ``text``, left to right, longest alias first."""
        return self.match_tokens(tokenize(text))

    def match_tokens(self, tokens: list[Token], *, acronyms: bool = True) -> list[ActorMatch]:
        """Mentions over already tokenised text; ``acronyms=False`` for shouted text."""
        words, folds = [t.text for t in tokens], [t.folded for t in tokens]
        spans = [(t.start, t.end) for t in tokens]
        return self._scan(words, folds, range(len(words)), acronyms, lambda: spans)

    def match_sentence(self, sentence: Sentence) -> list[ActorMatch]:
        """Mentions in a sentence; acronyms are not matched when it shouts (mostly capitals)."""
        words, folds = sentence.words, sentence.folds
        by_stem = self._by_stem
        if (self._by_folded.keys().isdisjoint(folds) and self._by_exact.keys().isdisjoint(words)
                and not (by_stem and self._stem_start.search(sentence.joined))):
            return []
        starts = [i for i, f in enumerate(folds)
                  if f in self._by_folded or words[i] in self._by_exact or f[:3] in by_stem]
        return self._scan(words, folds, starts, not sentence.shouting(), lambda: sentence.spans)

    def _scan(self, words: list[str], folds: list[str], starts, acronyms: bool,
              spans: Callable[[], list[tuple[int, int]]]) -> list[ActorMatch]:
        """Left to right over the token indexes ``starts``, the longest alias opening at each."""
        found: list[ActorMatch] = []
        taken = 0
        for i in starts:
            if i < taken:
                continue
            best = self._longest(words, folds, i, acronyms)
            if best is None:
                continue
            n = len(best.parts)
            found.append(ActorMatch(best.actor, best.alias, spans()[i][0], spans()[i + n - 1][1],
                                    i, i + n, best.metonym))
            taken = i + n
        return found

    def to_dict(self) -> dict[str, Any]:
        """The watchlist as plain data, the shape of the file."""
        return {"actors": [_actor_dict(a) for a in self.actors]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Watchlist:
        """Build a watchlist from the shape of the file; raises ValueError when malformed."""
        if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
            raise ValueError("a watchlist is a mapping with a list under 'actors'")
        return cls([_actor_from(item) for item in data.get("actors") or []])

    def _index(self, actor: Actor) -> None:
        spellings = [(a, False, False) for a in [actor.name, *actor.aliases]]
        spellings += [(a, True, False) for a in actor.acronyms]
        spellings += [(a, False, True) for a in actor.metonyms]
        for alias, acronym, metonym in spellings:
            pat = _pattern(actor, alias, acronym=acronym, metonym=metonym)
            if pat is None:
                continue
            if pat.stems[0]:
                self._by_stem.setdefault(pat.parts[0][:3], []).append(pat)
            else:
                by_first = self._by_exact if pat.exact_case else self._by_folded
                by_first.setdefault(pat.parts[0], []).append(pat)
        # A token that opens a stem opens a word of the folded token string.
        stems = "|".join(re.escape(key) for key in self._by_stem)
        self._stem_start = re.compile(f"(?<!\\S)(?:{stems})") if stems else _NEVER

    def _longest(self, words: list[str], folds: list[str], i: int, acronyms: bool) -> _Pattern | None:
        cands = list(self._by_folded.get(folds[i], ()))
        if acronyms:
            cands += self._by_exact.get(words[i], ())
        cands += self._by_stem.get(folds[i][:3], ())
        best = None
        for pat in cands:
            if best is not None and len(pat.parts) <= len(best.parts):
                continue
            if pat.matches(words, folds, i) and not (pat.metonym and _after_locative(words, folds, i)):
                best = pat
        return best


_DETERMINERS = frozenset({"the", "le", "la", "l", "el", "'", "die", "der", "dem", "den"})
_OF = frozenset({"of", "de", "du", "des", "del", "von", "der"})
_LIST_GLUE = frozenset({",", "and", "or", "et", "ou", "y", "e", "o", "und", "oder", "и", "или", "و"})


# "the presidents of Uzbekistan", "le gouvernement du Pakistan": the state, not the place.
GOVERNMENT_NOUNS = frozenset("""president presidents government governments leader leaders
minister ministers ministry army military forces authorities embassy ambassador envoy
delegation officials président présidents gouvernement armée autorités ambassadeur presidente
presidentes gobierno ejército autoridades embajador regierung präsident armee behörden
botschafter президент президенты правительство власти армия посол دولت رئیس ارتش""".split())


def _after_locative(words: list[str], folds: list[str], i: int) -> bool:
    """True after a preposition of place, also across a list: "from China, Iran and Pakistan"."""
    j, steps = i - 1, 0
    while j >= 0 and steps < 12:
        word, folded = words[j], folds[j]
        if word.lower() in LOCATIVES:
            k = j - 1
            while k >= 0 and folds[k] in _DETERMINERS:
                k -= 1
            return not (k >= 0 and folded in _OF and words[k].lower() in GOVERNMENT_NOUNS)
        listed = folded in _LIST_GLUE or (is_word(word) and word[0].isupper() and j > 0)
        if folded not in _DETERMINERS and not listed:
            return False
        j, steps = j - 1, steps + 1
    return False


def _validate(actor: Actor) -> None:
    if not isinstance(actor.id, str) or not _ID.match(actor.id):
        raise ValueError(f"actor id {actor.id!r}: use lower-case letters, digits, '-', '_' or '.'")
    if not isinstance(actor.name, str) or not actor.name.strip():
        raise ValueError(f"actor {actor.id!r}: a name is required")
    for key in ("aliases", "acronyms", "metonyms"):
        value = getattr(actor, key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(f"actor {actor.id!r}: {key} must be a list of non-empty strings")
    for alias in actor.names():
        _pattern(actor, alias, acronym=False)


def _actor_dict(actor: Actor) -> dict[str, Any]:
    data = asdict(actor)
    return {k: v for k, v in data.items() if k in ("id", "name") or v not in ("", [])}


def _actor_from(item: Any) -> Actor:
    if not isinstance(item, dict):
        raise ValueError(f"each actor is a mapping, not {type(item).__name__}")
    known = set(Actor.__dataclass_fields__)
    unknown = set(item) - known
    if unknown:
        raise ValueError(f"actor {item.get('id')!r}: unknown keys {sorted(unknown)}")
    data = {k: (list(v) if isinstance(v, (list, tuple)) else v) for k, v in item.items()}
    for key in ("id", "name", "kind", "country", "notes"):
        value = data.get(key)
        if value is None:
            data.pop(key, None)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            data[key] = str(value)
        else:
            raise ValueError(f"actor {item.get('id')!r}: {key} must be text")
    data.setdefault("id", "")
    data.setdefault("name", "")
    for key in ("aliases", "acronyms", "metonyms"):
        if data.get(key) is None:
            data[key] = []
        elif isinstance(data[key], str):
            data[key] = [data[key]]
    return Actor(**data)


def load_watchlist(path: str | os.PathLike[str]) -> Watchlist:
    """Read a watchlist file (YAML, JSON or TOML by extension); ValueError when malformed."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(raw)
        elif suffix == ".toml":
            data = tomllib.loads(raw)
        else:
            data = yaml.safe_load(raw) or {}
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: not a valid {suffix.lstrip('.') or 'yaml'} file: {exc}") from exc
    return Watchlist.from_dict(data)


def save_watchlist(path: str | os.PathLike[str], watchlist: Watchlist) -> None:
    """Write ``watchlist`` to ``path`` atomically: JSON for ``.json``, YAML otherwise."""
    path = Path(path)
    data = watchlist.to_dict()
    if path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif path.suffix.lower() == ".toml":
        raise ValueError("watchlists are saved as YAML or JSON, not TOML")
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def example_watchlist() -> Watchlist:
    """The example watchlist shipped with tidings (actors of the seed story)."""
    return load_watchlist(EXAMPLE_PATH)
