"""Single-page clean-up of extracted blocks: what a reader of the article does not want.

Each rule looks at one block (with its position and the page's metadata) and says whether it
is page furniture: the headline repeated, bylines and date lines, captions and photo credits,
share and comment widgets, newsletter prompts, "related" links and link lists, copyright
lines, leaked code. Rules only ever drop short blocks or link-dominated ones, so long
paragraphs of prose are never lost to a phrase match.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tidings.extract import patterns as pt
from tidings.extract.blocks import Block, looks_like_code
from tidings.extract.recall import norm

SHORT = 200          # a "short" block: furniture candidates are at most this long
LONG_PARAGRAPH = 150  # the body starts at the first paragraph at least this long
MAX_RULE_CHARS = 400  # longer blocks are only checked by LONG_RULES
LONG_RULES = ("code",)
LINK_RUN = 3          # this many link-only blocks in a row are a teaser list
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*")


@dataclass(slots=True)
class Context:
    """What the rules know about the page besides the blocks."""

    titles: list[str] = field(default_factory=list)
    description: str = ""
    author: str = ""
    site_name: str = ""
    title_keys: set[str] = field(default_factory=set)
    head_end: int = 0                                  # index of the first long paragraph
    link_runs: list[int] = field(default_factory=list)  # length of the link-only run at i

    def __post_init__(self) -> None:
        self.title_keys = {norm(t) for t in self.titles if norm(t)}


Rule = Callable[[Block, int, list[Block], Context], bool]


def clean_blocks(blocks: list[Block], ctx: Context, rules: dict[str, Rule] | None = None,
                 trace: list[tuple[str, Block]] | None = None) -> list[Block]:
    """Drop the blocks that any rule calls furniture; ``trace`` collects (rule, block)."""
    rules = RULES if rules is None else rules
    long_rules = {n: r for n, r in rules.items() if n in LONG_RULES}
    blocks = drop_link_lists(blocks, trace)
    _layout(blocks, ctx)
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        active = rules if len(block.text) <= MAX_RULE_CHARS else long_rules
        name = next((n for n, rule in active.items() if rule(block, i, blocks, ctx)), "")
        if name:
            if trace is not None:
                trace.append((name, block))
            continue
        kept.append(block)
    return kept


def drop_link_lists(blocks: list[Block], trace: list | None = None) -> list[Block]:
    """Drop lists whose items are mostly links (menus, "related" lists, tag clouds)."""
    groups: dict[int, list[Block]] = {}
    for block in blocks:
        if block.group >= 0 and block.kind == "item":
            groups.setdefault(block.group, []).append(block)
    doomed = {g for g, items in groups.items() if _is_link_list(items)}
    if trace is not None:
        trace.extend(("link_list", b) for b in blocks if b.group in doomed and b.kind == "item")
    return [b for b in blocks if not (b.group in doomed and b.kind == "item")]


def _layout(blocks: list[Block], ctx: Context) -> None:
    """Precompute where the body starts and the runs of link-only blocks (linear time)."""
    ctx.head_end = next((i for i, b in enumerate(blocks) if len(b.text) >= LONG_PARAGRAPH),
                        len(blocks))
    runs = [0] * len(blocks)
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _linkish(blocks[j]):
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = j + 1 if j == i else j
    ctx.link_runs = runs


def _is_link_list(items: list[Block]) -> bool:
    linked = sum(1 for b in items if b.link_density >= 0.6)
    return linked >= 0.6 * len(items) and all(len(b.text) < 300 for b in items)


def _short(block: Block, limit: int = SHORT) -> bool:
    return len(block.text) <= limit


def _in_head(i: int, ctx: Context) -> bool:
    """True while no long paragraph has come yet (the zone of headline, byline, dates)."""
    return i <= ctx.head_end


def is_title(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    if not _short(block, 400):
        return False
    key = norm(block.text)
    if not key:
        return False
    if key in ctx.title_keys:
        return True
    return _in_head(i, ctx) and any(key in t and len(key) > 0.6 * len(t) for t in ctx.title_keys)


def is_site_name(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    """The site's own name above the article (a masthead the extractor kept)."""
    return bool(ctx.site_name) and _in_head(i, ctx) and _short(block, 120) \
        and norm(block.text) == norm(ctx.site_name)


def is_description(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    if not ctx.description or not _in_head(i, ctx) or i > 3:
        return False
    if block.kind != "head":
        return False
    key, desc = norm(block.text), norm(ctx.description)
    return bool(key) and (key == desc or (len(key) > 40 and (desc.startswith(key) or key.startswith(desc))))


def is_date_line(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    if not _short(block, 120) or not pt.DATE_SHAPE.search(block.text) or "@" in block.text:
        return False
    words = _WORD.findall(block.text.lower())
    if not words or len(words) > 16:
        return False
    datey = sum(1 for w in words if w.isdigit() or _date_word(w) or pt.DATE_SHAPE.fullmatch(w))
    other = len(words) - datey
    if other > 2 or (other == 2 and block.text.rstrip().endswith(".")):
        return False
    return any(_calendar_word(w) for w in words) or bool(pt.NUMERIC_DATE.search(block.text))


def _date_word(word: str) -> bool:
    word = word.strip(".")
    return word in pt.DATE_WORDS or (len(word) <= 4 and word[:3] in pt.CALENDAR)


def _calendar_word(word: str) -> bool:
    word = word.strip(".")
    return word in pt.CALENDAR or word in pt.DATE_MARKERS or (len(word) <= 4 and word[:3] in pt.CALENDAR)


def is_byline(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    if not _short(block, 100):
        return False
    text = block.text.strip()
    if ctx.author and norm(text) == norm(ctx.author):
        return True
    words = text.split()
    return (_in_head(i, ctx) and bool(pt.BYLINE.match(text)) and not text.endswith(".")
            and len(words) > 1 and words[1][:1].isupper())


def is_furniture_phrase(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    if not _short(block):
        return False
    text = block.text.strip()
    if pt.FURNITURE_START.match(text) or pt.BRACKET_TAG_END.search(text):
        return True
    related = pt.RELATED.match(text)
    if related:
        return block.link_density >= 0.3 or bool(pt.LABEL_END.match(text, related.end()))
    return block.link_density >= 0.3 and bool(pt.RELATED_LOOSE.match(text))


def is_newsletter(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    text = block.text.strip()
    if not _short(block, 200):
        return False
    noun = pt.may_match(text, pt.NEWSLETTER_NOUN_KEYS) and pt.NEWSLETTER_NOUN.search(text)
    return bool(pt.SUBSCRIBE_START.match(text) or (pt.CALL_TO_ACTION.match(text) and noun)
                or (noun and pt.SUBSCRIBE_VERB.search(text)))


def is_copyright(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    return _short(block, 300) and pt.may_match(block.text, pt.COPYRIGHT_KEYS) \
        and bool(pt.COPYRIGHT.search(block.text))


def is_credit(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    text = block.text.strip()
    return _short(block, 160) and bool(pt.CREDIT_LINE.match(text) or (
        pt.may_match(text, pt.CREDIT_TAIL_KEYS) and pt.CREDIT_TAIL.search(text)))


def is_contributor_line(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    text = block.text
    return _short(block, 300) and bool(
        (pt.may_match(text, pt.CONTRIBUTORS_KEYS) and pt.CONTRIBUTORS.search(text))
        or (pt.CONTACT.match(text) and pt.ADDRESS.search(text)))


def is_separator_or_url(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    text = block.text.strip()
    return bool(pt.SEPARATOR.match(text))


def is_code(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    return looks_like_code(block.text)


def is_shouting(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    """A short line in capitals with a few words: inline promos and kicker labels."""
    text = block.text
    if not _short(block, 120) or block.link_density < 0.5 or not any(c.isalpha() for c in text):
        return False
    letters = [c for c in text if c.isalpha()]
    cased = [c for c in letters if c.isupper() or c.islower()]
    return len(cased) > 0.8 * len(letters) and all(not c.islower() for c in cased) \
        and len(_WORD.findall(text)) >= 3


def _linkish(block: Block) -> bool:
    return len(block.text) <= 150 and block.link_density > 0.9 and block.kind != "head"


def is_link_run(block: Block, i: int, blocks: list[Block], ctx: Context) -> bool:
    """One of three or more consecutive short blocks that are nothing but links (teasers)."""
    return i < len(ctx.link_runs) and ctx.link_runs[i] >= LINK_RUN


RULES: dict[str, Rule] = {
    "title": is_title,
    "site_name": is_site_name,
    "description": is_description,
    "date_line": is_date_line,
    "byline": is_byline,
    "phrase": is_furniture_phrase,
    "newsletter": is_newsletter,
    "copyright": is_copyright,
    "credit": is_credit,
    "contributors": is_contributor_line,
    "separator": is_separator_or_url,
    "code": is_code,
    "shouting": is_shouting,
    "link_run": is_link_run,
}
