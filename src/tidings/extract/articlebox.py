"""Learned article boxes: on a site seen before, extract from the box that holds the article.

trafilatura's cost grows with the whole page: menus, footers and scripts are cleaned away
before the body is found. A site's article pages keep the body in the same box, so after a
full extraction we note the path to the box holding the extracted paragraphs (each step: tag
and classes, classes with digits left out since they often carry an article id). Once
``trust_after`` pages of a host in a row give the same path, the host is trusted: its pages
are extracted from that box alone (a copy of it, so trafilatura's cleaning of the whole
page is skipped) and repaired and cleaned like any other candidate.

Trust is checked, never assumed: the first ``verify_first`` boxed pages and then one in
``verify_every`` are also extracted in full, as is any boxed page whose text looks doubtful,
and the full result is the one kept. When the two disagree the host goes back to learning,
and each such strike doubles the pages it needs to be trusted again; after ``max_strikes``
the host is always extracted in full. A page without the box (another kind of page, a
redesign) is extracted in full; ``trust_after`` of them in a row and the host learns its box
afresh. State is per host, in memory, at most
``max_hosts`` hosts (least recently seen dropped): relearning takes a few pages.
"""
from __future__ import annotations

from collections import OrderedDict
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from tidings.extract.blocks import Block
from tidings.extract.body import boxed_blocks, main_blocks, similarity
from tidings.extract.cleanup import Context
from tidings.extract.recall import norm

Step = tuple[str, tuple[str, ...]]  # (tag, classes without digits, sorted)
Path = tuple[Step, ...]
Candidate = tuple[list[Block], list[Block]]  # (raw, clean), as ``main_blocks`` returns
MIN_PARAGRAPHS = 3      # paragraphs of the extraction found in the page, to name a box
MIN_SHARE = 0.5         # of the extracted characters, in those paragraphs


@dataclass(slots=True)
class BoxPolicy:
    """Thresholds of :class:`ArticleBoxes` (see the module docstring)."""

    trust_after: int = 3
    verify_first: int = 2
    verify_every: int = 25
    agree: float = 0.95  # similarity of boxed and full clean text, to count as the same
    max_strikes: int = 4
    max_hosts: int = 20_000


@dataclass(slots=True)
class HostBox:
    """What is known of one host's article box."""

    path: Path | None = None
    streak: int = 0          # pages in a row whose box had ``path``
    trusted: bool = False
    strikes: int = 0         # disagreements so far
    checks_passed: int = 0   # since last trusted
    since_check: int = 0     # boxed pages since the last check
    misses: int = 0          # pages in a row without the box, while trusted


@dataclass(slots=True)
class BoxCounts:
    """Pages by how they were extracted: from a box, checked in full, checks failed, in full."""

    boxed: int = 0
    checked: int = 0
    disagreed: int = 0
    full: int = 0


@dataclass
class ArticleBoxes:
    """Per-host learned article boxes; one instance per worker, fed pages in order."""

    policy: BoxPolicy = field(default_factory=BoxPolicy)
    counts: BoxCounts = field(default_factory=BoxCounts)
    _hosts: OrderedDict[str, HostBox] = field(default_factory=OrderedDict)

    def main_blocks(self, host: str, tree: lxml_html.HtmlElement, url: str, ctx: Context,
                    paragraphs: list[tuple]) -> Candidate:
        """``(raw, clean)`` article blocks of one page of ``host`` (as
        :func:`~tidings.extract.body.main_blocks`): from its box when the host is trusted and
        no check is due, else from the whole page, learning from it."""
        state = self._state(host)
        box = locate(tree, state.path) if state.trusted and state.path else None
        if box is None:
            result = main_blocks(tree, url, ctx, paragraphs=paragraphs)
            if self._learns_from_miss(state):
                self._observe(state, box_path(tree, result[0], paragraphs))
            self.counts.full += 1
            return result
        state.misses = 0
        fast = boxed_blocks(tree, subtree(box), url, ctx, paragraphs)
        if fast is not None and not self._check_due(state):
            state.since_check += 1
            self.counts.boxed += 1
            return fast
        result = main_blocks(tree, url, ctx, paragraphs=paragraphs)
        self._checked(state, fast is not None and similarity(fast[1], result[1]) >= self.policy.agree)
        return result

    def state(self, host: str) -> HostBox | None:
        """What is known of ``host`` (None if nothing)."""
        return self._hosts.get(host)

    def __len__(self) -> int:
        return len(self._hosts)

    def _state(self, host: str) -> HostBox:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = HostBox()
            if len(self._hosts) > self.policy.max_hosts:
                self._hosts.popitem(last=False)
        else:
            self._hosts.move_to_end(host)
        return state

    def _learns_from_miss(self, state: HostBox) -> bool:
        """Whether a page extracted in full without a box is learned from: always while
        learning; for a trusted host, which keeps its box through a few other pages (a
        gallery, a live blog) but not through a redesign, once it has missed ``trust_after``
        in a row (it then learns afresh)."""
        if not state.trusted:
            return True
        state.misses += 1
        if state.misses < self.policy.trust_after:
            return False
        state.trusted, state.path, state.streak, state.misses = False, None, 0, 0
        return True

    def _observe(self, state: HostBox, path: Path | None) -> None:
        if path is None or path != state.path:
            state.path, state.streak = path, int(path is not None)
        else:
            state.streak += 1
        needed = self.policy.trust_after << state.strikes
        if state.path and state.streak >= needed and state.strikes < self.policy.max_strikes:
            state.trusted, state.checks_passed, state.since_check = True, 0, 0

    def _check_due(self, state: HostBox) -> bool:
        return (state.checks_passed < self.policy.verify_first
                or state.since_check + 1 >= self.policy.verify_every)

    def _checked(self, state: HostBox, agreed: bool) -> None:
        self.counts.checked += 1
        if agreed:
            state.checks_passed += 1
            state.since_check = 0
            return
        self.counts.disagreed += 1
        state.trusted, state.path, state.streak = False, None, 0
        state.strikes += 1


def box_path(tree: lxml_html.HtmlElement, raw: list[Block], paragraphs: list[tuple]) -> Path | None:
    """The path from ``<body>`` to the smallest element holding the page paragraphs that
    ``raw`` extracted, or None when too few of them are found or the box is the body."""
    wanted = {norm(block.text): len(block.text) for block in raw}
    found = [el for el, _, normal in paragraphs if normal in wanted]
    share = sum(len(text) for _, text, normal in paragraphs if normal in wanted)
    if len(found) < MIN_PARAGRAPHS or share < MIN_SHARE * sum(wanted.values()):
        return None
    box = _common_ancestor(found)
    body = tree.find("body")
    if box is None or body is None or box is body:
        return None
    steps = []
    for el in (box, *box.iterancestors()):
        if el is body:
            return tuple(reversed(steps))
        if not isinstance(el.tag, str):
            return None
        steps.append(_step(el))
    return None  # the box is not inside <body>


def locate(tree: lxml_html.HtmlElement, path: Path) -> lxml_html.HtmlElement | None:
    """The element at ``path`` under ``<body>``, when each step matches exactly one child."""
    el = tree.find("body")
    for tag, classes in path:
        if el is None:
            return None
        matches = [child for child in el.iterchildren(tag) if _classes(child) == classes]
        if len(matches) != 1:
            return None
        el = matches[0]
    return el


def subtree(box: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """A page holding a copy of ``box`` alone (what the extractor is given)."""
    root = lxml_html.Element("html")
    etree.SubElement(root, "body").append(deepcopy(box))
    return root


def _common_ancestor(elements: list) -> lxml_html.HtmlElement | None:
    common = [elements[0], *elements[0].iterancestors()]
    for el in elements[1:]:
        ancestors = {id(a) for a in (el, *el.iterancestors())}
        common = [a for a in common if id(a) in ancestors]
        if not common:
            return None
    return common[0]


def _step(el) -> Step:
    return el.tag, _classes(el)


def _classes(el) -> tuple[str, ...]:
    return tuple(sorted(c for c in (el.get("class") or "").split() if not any(ch.isdigit() for ch in c)))


__all__ = ["ArticleBoxes", "BoxCounts", "BoxPolicy", "HostBox", "box_path", "locate", "subtree"]
