"""Batch entry points used by ``tidings extract``: directories, files and URLs."""
from __future__ import annotations

import gzip
import inspect
import io
import json
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Union

from tidings.extract.api import extract
from tidings.extract.sitetemplates import SiteTemplates, clean_text
from tidings.extract.urls import host_of
from tidings.models import Extracted, Page

Fetched = Union[bytes, str, Page]
Getter = Callable[[str], Union[Fetched, Awaitable[Fetched]]]
MAX_FILE_BYTES = 50_000_000


def read_page_file(path: Path) -> bytes:
    """Bytes of an ``.html`` or gzip-compressed ``.html.gz`` file (size-capped)."""
    data = path.read_bytes()
    if path.name.endswith(".gz") or data[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            data = f.read(MAX_FILE_BYTES + 1)
    return data[:MAX_FILE_BYTES]


def page_files(directory: str | Path) -> list[tuple[str, Path]]:
    """``(name-without-extension, path)`` of every ``*.html`` and ``*.html.gz`` in a folder."""
    out = []
    for path in sorted(Path(directory).iterdir()):
        if path.is_file() and path.name.endswith(".html.gz"):
            out.append((path.name[:-len(".html.gz")], path))
        elif path.is_file() and path.name.endswith(".html"):
            out.append((path.name[:-len(".html")], path))
    return out


def extract_dir(directory: str | Path, out_path: str | Path, progress: bool = False,
                learn_sites: bool = False) -> int:
    """Extract every page of ``directory`` and write ``{name: text}`` JSON to ``out_path``.

    With ``learn_sites``, pages are first all learned (site templates per host, host taken
    from each page's canonical URL) and their texts then cleaned of learned boilerplate.
    Returns the number of pages written.
    """
    files = page_files(directory)
    texts: dict[str, str] = {}
    hosts: dict[str, str] = {}
    templates = SiteTemplates() if learn_sites else None
    for name, path in _progress(files, progress, "extracting"):
        try:
            found = extract(read_page_file(path), site=templates)
        except (OSError, EOFError, ValueError) as exc:
            print(f"warning: {path}: {exc}", file=sys.stderr)
            found = Extracted()
        texts[name] = found.text
        hosts[name] = host_of(found.canonical_url)
    if templates is not None:
        texts = {n: clean_text(t, hosts[n], templates) for n, t in texts.items()}
    Path(out_path).write_text(json.dumps(texts, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(texts)


def _progress(items: list, enabled: bool, label: str) -> Iterable:
    if not enabled or not sys.stderr.isatty():
        return items
    from rich.progress import track
    return track(items, description=label, console=None, transient=True)


def record(url: str, found: Extracted) -> dict[str, Any]:
    """The ``tidings extract`` JSON record for one input."""
    return {
        "url": url,
        "canonical_url": found.canonical_url,
        "title": found.title,
        "text": found.text,
        "published": found.published.isoformat() if found.published else None,
        "lang": found.lang,
        "author": found.author,
    }


def _error_record(url: str, exc: BaseException) -> dict[str, Any]:
    rec = record(url, Extracted())
    rec["error"] = str(exc) or type(exc).__name__
    return rec


def _is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def _from_fetched(item: str, fetched: Fetched, site: SiteTemplates | None) -> dict[str, Any]:
    if isinstance(fetched, Page):
        body = fetched.body or fetched.text
        found = extract(body, fetched.final_url or item, site=site, headers=fetched.headers)
    else:
        found = extract(fetched, item, site=site)
    return record(item, found)


def extract_inputs(items: Iterable[str], get: Callable[[str], Fetched] | None = None,
                   site: SiteTemplates | None = None) -> Iterator[dict[str, Any]]:
    """One record per input (file path or http(s) URL), in input order.

    Files are read (``.gz`` decompressed); URLs are fetched with ``get(url)``, which returns
    the body (bytes/str) or a :class:`~tidings.models.Page`. A failing input yields a record
    with empty fields and an ``error`` message instead of stopping the run.
    """
    for item in items:
        try:
            if _is_url(item):
                if get is None:
                    raise ValueError("no fetcher given for URL inputs")
                fetched = get(item)
                if inspect.isawaitable(fetched):
                    raise TypeError("get() is async: use extract_inputs_async")
                yield _from_fetched(item, fetched, site)
            else:
                yield _from_fetched(item, read_page_file(Path(item)), site)
        except Exception as exc:  # noqa: BLE001 - one bad input must not stop the others
            yield _error_record(item, exc)


async def extract_inputs_async(items: Iterable[str], get: Getter,
                               site: SiteTemplates | None = None) -> AsyncIterator[dict[str, Any]]:
    """Like :func:`extract_inputs`, for a ``get`` that may be a coroutine function."""
    for item in items:
        try:
            if _is_url(item):
                fetched = get(item)
                if inspect.isawaitable(fetched):
                    fetched = await fetched
                yield _from_fetched(item, fetched, site)
            else:
                yield _from_fetched(item, read_page_file(Path(item)), site)
        except Exception as exc:  # noqa: BLE001
            yield _error_record(item, exc)


def reextract(html: str | bytes, url: str, templates: SiteTemplates) -> Extracted:
    """Extract a page again with what ``templates`` learned since, without counting it again."""
    return extract(html, url, site=templates, learn=False)
