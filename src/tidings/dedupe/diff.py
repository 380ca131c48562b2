"""What a copy changed relative to its original, so the copy's text need not be stored.

The texts are compared by units — paragraphs when both have several, else sentences —
normalised like shingles (markup, case and punctuation do not count as changes). The
summary keeps the copy's own words only where they differ from the original, plus
``ops``, from which :func:`apply_diff` rebuilds the copy's text from the original's.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from .normalize import tokens

_PARAGRAPHS = re.compile(r"\n\s*\n|\n")
_SENTENCES = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]*\w)")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPHS.split(text or "") if p.strip()]


def units(text: str, by: str) -> list[str]:
    """Split ``text`` into paragraphs (``by="paragraph"``) or sentences (``by="sentence"``)."""
    paragraphs = _paragraphs(text)
    if by == "paragraph":
        return paragraphs
    return [s.strip() for p in paragraphs for s in _SENTENCES.split(p) if s.strip()]


def _unit_kind(original: str, copy: str) -> str:
    many = len(_paragraphs(original)) >= 3 and len(_paragraphs(copy)) >= 2
    return "paragraph" if many else "sentence"


def _key(unit: str) -> str:
    return " ".join(tokens(unit))


def _word_count(parts: list[str]) -> int:
    return sum(len(tokens(p)) for p in parts)


def diff_summary(original_title: str, original_text: str, copy_title: str, copy_text: str) -> dict:
    """Differences of a copy from its original.

    Returns a JSON-ready dict: ``title_changed`` and ``title`` (the copy's headline when it
    differs), ``same_text``, ``unit`` (``paragraph``/``sentence``), ``added`` (the copy's own
    units, verbatim), ``removed`` (how many of the original's units it lacks),
    ``truncated`` (it stops using the original before its end, perhaps in the
    middle of a unit), ``kept_share`` (share of the original's words it keeps) and ``ops``
    (``["keep", i, j]`` ranges of original units, ``["add", [texts]]``, and
    ``["head", i, n]`` for the first ``n`` words of original unit ``i``, where a copy stops).
    """
    by = _unit_kind(original_text, copy_text)
    orig, copy = units(original_text, by), units(copy_text, by)
    okeys, ckeys = [_key(u) for u in orig], [_key(u) for u in copy]
    ops, added, kept, last_kept = [], [], [], -1
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, okeys, ckeys, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(["keep", i1, i2])
            kept += orig[i1:i2]
            last_kept = i2
        if tag in ("replace", "insert"):
            ops.append(["add", copy[j1:j2]])
            added += copy[j1:j2]
    cut_short = _cut_short(okeys, ckeys, last_kept)
    if cut_short and ops and ops[-1][0] == "add" and len(ops[-1][1]) == 1:
        ops[-1] = ["head", max(last_kept, 0), len(copy[-1].split())]
        added.pop()
    removed = len(orig) - len(kept)
    title_changed = _key(original_title) != _key(copy_title)
    return {
        "title_changed": title_changed,
        "title": copy_title if title_changed else None,
        "same_text": okeys == ckeys,
        "unit": by,
        "added": added,
        "removed": removed,
        "truncated": cut_short or 0 < last_kept < len(orig),
        "kept_share": round(_word_count(kept) / max(1, _word_count(orig)), 3),
        "ops": ops,
    }


def _cut_short(okeys: list[str], ckeys: list[str], last_kept: int) -> bool:
    """The copy's last unit is the beginning of the original unit that followed."""
    if not ckeys or last_kept >= len(okeys):
        return False
    tail, nxt = ckeys[-1], okeys[max(last_kept, 0)]
    return bool(tail) and tail != nxt and nxt.startswith(tail.removesuffix(" read more").strip())


def apply_diff(original_title: str, original_text: str, diff: dict) -> tuple[str, str]:
    """Rebuild a copy's title and text from its original and :func:`diff_summary` output.

    Markup and spacing of the copy are not kept, only its wording.
    """
    orig = units(original_text, diff["unit"])
    parts: list[str] = []
    for op in diff["ops"]:
        if op[0] == "keep":
            parts += orig[op[1]:op[2]]
        elif op[0] == "head":
            parts.append(" ".join(orig[op[1]].split()[: op[2]]))
        else:
            parts += op[1]
    sep = "\n\n" if diff["unit"] == "paragraph" else " "
    title = diff["title"] if diff["title_changed"] else original_title
    return title, sep.join(parts)

