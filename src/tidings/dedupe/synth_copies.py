"""Copies of a synthetic report, one kind of edit at a time (see :data:`synth.EDITS`)."""
from __future__ import annotations

import random
import re
from datetime import timedelta

from . import synth_words as W
from .synth import AGGREGATORS, EDITS, OUTLETS, WIRES, Doc, _fill, _url
from .synth_templates import KINDS


def _paras(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def new_headline(title: str, facts: dict, rng: random.Random) -> str:
    """A different headline for the same story."""
    options = [t for t in KINDS[facts["kind"]]["titles"] if _fill(t, facts, rng) != title]
    fresh = _fill(rng.choice(options), facts, rng) if options else title
    return rng.choice(["", "UPDATE: ", "Breaking: ", "", ""]) + fresh


def truncate(text: str, share: float = 0.5) -> str:
    """The first ``share`` of the words, paragraphs kept, ending mid-sentence with an ellipsis."""
    paras, budget, out = _paras(text), int(len(text.split()) * share), []
    for p in paras:
        words = p.split()
        if len(words) <= budget:
            out.append(p)
            budget -= len(words)
            continue
        if budget > 0:
            out.append(" ".join(words[:budget]) + " …")
        break
    return "\n\n".join(out)


def teaser(text: str, rng: random.Random) -> str:
    """The first 15–35 words and an ellipsis."""
    words = text.split()
    return " ".join(words[: rng.randint(15, 35)]) + " … Read more"


def add_paragraph(text: str, facts: dict, site: str, rng: random.Random) -> str:
    """Insert one paragraph of the copier's own."""
    paras = _paras(text)
    extra = _fill(rng.choice(W.EXTRA_PARA), {**facts, "site": site}, rng)
    paras.insert(rng.randint(1, len(paras)), extra)
    return "\n\n".join(paras)


def remove_paragraphs(text: str, rng: random.Random) -> str:
    """Drop one or two paragraphs, never the first."""
    paras = _paras(text)
    for _ in range(1 if len(paras) < 6 else 2):
        if len(paras) > 2:
            paras.pop(rng.randint(1, len(paras) - 1))
    return "\n\n".join(paras)


def boilerplate(text: str, site: str, rng: random.Random) -> str:
    """Wrap the text in the copier's own header and footer lines."""
    top = rng.sample(W.BOILER_TOP, rng.randint(1, 2))
    bottom = [b.format(year=2024, site=site) for b in rng.sample(W.BOILER_BOTTOM, rng.randint(2, 3))]
    return "\n\n".join(top + _paras(text) + bottom)


def markup(text: str, rng: random.Random) -> str:
    """Tags, entities, curly quotes, no-break spaces and soft hyphens around the same words."""
    out = []
    for p in _paras(text):
        p = p.replace("&", "&amp;").replace(" - ", " &mdash; ")
        p = p.replace("\u201c", '"').replace("\u201d", '"') if rng.random() < 0.5 else p
        p = re.sub(r"\b([A-Z][a-z]{5,})\b", lambda m: m.group(1)[:3] + "\u00ad" + m.group(1)[3:]
                   if rng.random() < 0.3 else m.group(1), p)
        p = re.sub(r"(\d) (percent|people|years)", "\\1\u00a0\\2", p)
        if rng.random() < 0.4:
            p = re.sub(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b", r'<a href="/tag/x">\1</a>', p, count=1)
        if rng.random() < 0.3:
            p = p.replace(". ", ".<br/>  ", 1)
        out.append(f"<p class=\"body\">{p}</p>" if rng.random() < 0.7 else f"<div>{p}</div>")
    return "\n".join(out)


def light_edit(text: str, rng: random.Random) -> str:
    """A few words swapped for synonyms, house style applied to numbers."""
    edits = 0
    for old, new in rng.sample(list(W.SYNONYMS.items()), len(W.SYNONYMS)):
        pattern = re.compile(rf"\b{re.escape(old)}\b")
        if edits < 6 and pattern.search(text):
            text, n = pattern.subn(new, text, count=rng.randint(1, 2))
            edits += n
    return text.replace(" percent", " per cent") if rng.random() < 0.5 else text


def edit_text(kind: str, orig: Doc, facts: dict, site: str, rng: random.Random) -> tuple[str, str]:
    """Title and text of a copy made with edit ``kind``."""
    title, text = orig.title, orig.text
    if kind == "headline":
        title = new_headline(title, facts, rng)
    elif kind == "truncated":
        text = truncate(text)
    elif kind == "teaser":
        text = teaser(text, rng)
        title = title if rng.random() < 0.8 else new_headline(title, facts, rng)
    elif kind == "para_added":
        text = add_paragraph(text, facts, site, rng)
    elif kind == "para_removed":
        text = remove_paragraphs(text, rng)
    elif kind == "boilerplate":
        text = boilerplate(text, site, rng)
    elif kind == "markup":
        text, title = markup(text, rng), title.replace("'", "&#39;")
    elif kind == "light_edit":
        text = light_edit(text, rng)
    elif kind == "combo":
        text = markup(boilerplate(truncate(text, rng.uniform(0.5, 0.8)), site, rng), rng)
        title = title if rng.random() < 0.5 else new_headline(title, facts, rng)
    return title, text


def make_copy(orig: Doc, new_id: int, rng: random.Random, facts: dict, kind: str = "") -> Doc:
    """A copy of ``orig`` on another site, with credit link and dates as copiers give them."""
    kind = kind or rng.choice(EDITS)
    aggregator = rng.random() < 0.65
    host = rng.choice([h for h in (AGGREGATORS if aggregator else OUTLETS + WIRES) if h != orig.host])
    title, text = edit_text(kind, orig, facts, host.split(".")[0], rng)
    seen_at = orig.published + timedelta(minutes=rng.randint(5, 36 * 60))
    published = seen_at - timedelta(minutes=rng.randint(0, 30))
    credit_p, wrong = 0.5, False
    if not aggregator and rng.random() < 0.1:
        published, credit_p = orig.published, 0.8
    elif aggregator and rng.random() < 0.4:
        published, wrong = orig.published - timedelta(minutes=rng.randint(60, 12 * 60)), True
    r = rng.random()
    credit = orig.url if r < credit_p else (f"https://{orig.host}/" if r < credit_p + 0.1 else "")
    first_seen = seen_at + timedelta(minutes=rng.randint(2, 60))
    return Doc(new_id, _url(host, seen_at, title, new_id), host, title, text, published, first_seen,
               orig.event, orig.id, kind, credit, wrong)
