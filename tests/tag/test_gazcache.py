"""The disk cache of the gazetteer: what it loads is what was built, and anything else —
stale, damaged, foreign or unwritable — means a build, never an error or a wrong gazetteer."""
from __future__ import annotations

import os
import pickle

import pytest

from tidings.tag import gazcache
from tidings.tag.gazetteer import Gazetteer, Place, get_gazetteer

KEY = "k" * 40
CALLS: list[str] = []


def _small() -> Gazetteer:
    gaz = Gazetteer()
    kabul = Place("geonames:1138958", "Kabul", "city", "AF", 34.5281, 69.1723, 3_043_532, "13")
    afghanistan = Place("geonames:1149361", "Afghanistan", "country", "AF", 33.0, 65.0, 37_172_386)
    gaz.countries["AF"] = afghanistan
    gaz.demonyms["afghan"] = "AF"
    gaz.common = frozenset({"may"})
    for name in ("Kabul", "Kaboul", "Кабул", "کابل", "KBL"):
        gaz.add(name, kabul, weak=name == "کابل")
    gaz.add("Afghanistan", afghanistan)
    return gaz


def _contents(gaz: Gazetteer) -> dict:
    return {name: getattr(gaz, name) for name in gazcache.STATE}


def test_state_is_every_index_the_gazetteer_keeps():
    memo = {"_opens", "_opens_for"}
    assert set(vars(Gazetteer())) - memo == set(gazcache.STATE)


def test_round_trip_gives_the_same_gazetteer(tmp_path):
    gaz = get_gazetteer()
    path = tmp_path / "g.pickle"
    assert gazcache.store(path, KEY, gaz)
    loaded = gazcache.load(path, KEY)
    assert loaded is not None and loaded is not gaz
    assert _contents(loaded) == _contents(gaz)
    assert list(loaded.by_key) == list(gaz.by_key)  # and in the same order
    assert type(loaded.common) is frozenset and type(loaded.weak) is set
    # one object per place, as built: a country's entry is its by-key candidate
    assert loaded.lookup("afghanistan")[0] is loaded.country("AF")
    assert loaded.openers(["Kabul", "said"]) == [0]


def test_stale_or_damaged_files_are_ignored(tmp_path):
    path = tmp_path / "g.pickle"
    gazcache.store(path, KEY, _small())
    blob = path.read_bytes()
    assert gazcache.loads(blob, KEY) is not None
    assert gazcache.loads(blob, "x" * 40) is None  # another key
    assert gazcache.loads(blob[:-1], KEY) is None  # truncated
    flipped = bytearray(blob)
    flipped[-100] ^= 1
    assert gazcache.loads(bytes(flipped), KEY) is None  # checksum
    assert gazcache.loads(b"", KEY) is None
    assert gazcache.load(tmp_path / "missing.pickle", KEY) is None


def _record():
    CALLS.append("called")


class _Evil:
    def __reduce__(self):
        return _record, ()


def _with_header(payload: bytes) -> bytes:
    import hashlib
    header = b" ".join([gazcache.FORMAT.replace(b" ", b"/"), KEY.encode(),
                        hashlib.sha256(payload).hexdigest().encode()])
    return header + b"\n" + payload


def test_a_file_naming_another_callable_is_refused_without_calling_it():
    blob = _with_header(pickle.dumps({name: _Evil() for name in gazcache.STATE}))
    assert gazcache.loads(blob, KEY) is None
    assert CALLS == []


def test_a_whole_file_of_another_shape_is_refused():
    assert gazcache.loads(_with_header(pickle.dumps({"by_key": {}})), KEY) is None
    assert gazcache.loads(_with_header(pickle.dumps([1, 2])), KEY) is None


def test_cached_gazetteer_builds_once_then_loads(tmp_path, monkeypatch):
    monkeypatch.setattr(gazcache, "cache_key", lambda: KEY)
    builds = []

    def build():
        builds.append(1)
        return _small()

    first = gazcache.cached_gazetteer(build, tmp_path / "cache")
    second = gazcache.cached_gazetteer(build, tmp_path / "cache")
    assert len(builds) == 1
    assert _contents(second) == _contents(first)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"gazetteer-{KEY}.pickle"]


def test_a_new_key_replaces_the_old_file(tmp_path, monkeypatch):
    for key in ("a" * 40, "b" * 40):
        monkeypatch.setattr(gazcache, "cache_key", lambda key=key: key)
        gazcache.cached_gazetteer(_small, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [f"gazetteer-{'b' * 40}.pickle"]


def test_an_unwritable_cache_still_gives_the_gazetteer(tmp_path, monkeypatch):
    monkeypatch.setattr(gazcache, "cache_key", lambda: KEY)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    gaz = gazcache.cached_gazetteer(_small, blocker / "cache")
    assert gaz.lookup("kabul")[0].name == "Kabul"
    assert not gazcache.store(blocker / "g.pickle", KEY, gaz)
    assert blocker.read_text() == "not a directory"


def test_the_key_follows_every_input(tmp_path, monkeypatch):
    ours, theirs = tmp_path / "places.extra.yaml", tmp_path / "cities15000.json"
    ours.write_text("a: 1")
    theirs.write_text("{}")
    monkeypatch.setattr(gazcache, "_own_files", lambda: [ours])
    monkeypatch.setattr(gazcache, "_geonames_paths", lambda: [theirs])
    keys = {gazcache.cache_key()}
    assert gazcache.cache_key() in keys  # stable
    ours.write_text("a: 2")  # same size, other content
    keys.add(gazcache.cache_key())
    os.utime(theirs, ns=(1, 1))  # other modification time
    keys.add(gazcache.cache_key())
    theirs.write_text("{} ")
    keys.add(gazcache.cache_key())
    monkeypatch.setattr(gazcache, "_geonames_version", lambda: "0.0")
    keys.add(gazcache.cache_key())
    assert len(keys) == 5
    monkeypatch.setattr(gazcache, "_geonames_paths", lambda: [tmp_path / "missing.json"])
    assert gazcache.cache_key() is None  # cannot tell: no cache


def test_the_key_covers_the_code_and_data_that_build():
    names = {p.name for p in gazcache._own_files()}
    assert {"gazetteer.py", "text.py", "loading.py", "gazcache.py", "places.extra.yaml",
            "common_words.txt"} <= names
    assert all(p.is_file() for p in gazcache._own_files())


@pytest.mark.parametrize("environ, expected", [
    ({gazcache.CACHE_ENV: "off"}, None),
    ({gazcache.CACHE_ENV: ""}, None),
    ({gazcache.CACHE_ENV: "/srv/cache"}, "/srv/cache"),
    ({"XDG_CACHE_HOME": "/x/cache"}, "/x/cache/tidings"),
    ({"XDG_CACHE_HOME": "relative"}, None),
])
def test_cache_dir(environ, expected):
    found = gazcache.cache_dir(environ)
    assert (None if found is None else str(found)) == expected


def test_the_cache_is_off_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv(gazcache.CACHE_ENV, "off")
    monkeypatch.setattr(gazcache, "cache_key", lambda: pytest.fail("no key without a cache"))
    assert gazcache.cached_gazetteer(_small).lookup("kabul")
