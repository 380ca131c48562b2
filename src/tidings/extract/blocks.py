"""Text blocks: the paragraphs, headings and list items of an extracted article body.

The main-text extractor returns an XML body (``p``, ``head``, ``list/item``, ``quote``,
``table/row/cell``, ``ref``, ``lb``...). We flatten it into :class:`Block` objects that keep
what later filters need: the kind of block, how much of it is link text, which list it
belongs to, and where the links point.
"""
from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]")  # _SPACES but " "
_LEAF_KINDS = {"p": "p", "head": "head", "code": "code", "item": "item", "row": "row"}
_CONTAINERS = {"list", "quote", "table", "div", "body", "section", "article", "blockquote"}
_SKIP = {"graphic", "fw", "note"}
_LINE_BREAK = "\x01"       # an <lb/> while collecting text
_PARAGRAPH_BREAK = "\x00"  # two line breaks in a row inside one extracted paragraph
_BREAKS = re.compile("\x01\\s*\x01(?:\\s*\x01)*")


@dataclass(slots=True)
class Block:
    """One paragraph-like unit of article text."""

    text: str
    kind: str = "p"
    link_chars: int = 0
    group: int = -1
    quoted: bool = False
    links: list[str] = field(default_factory=list)

    @property
    def link_density(self) -> float:
        """Share of the block's characters that sit inside links."""
        return self.link_chars / max(1, len(self.text))


def clean_line(text: str) -> str:
    """Collapse runs of spaces within each line and drop empty lines."""
    lines = (_collapse(line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _collapse(line: str) -> str:
    # Most lines hold only single plain spaces, which the substitution would leave as they are.
    return _SPACES.sub(" ", line) if "  " in line or _ODD_SPACE.search(line) else line


def blocks_from_body(body: etree._Element | None) -> list[Block]:
    """Flatten an extractor's XML body into blocks, in document order."""
    out: list[Block] = []
    if body is None:
        return out
    _walk(body, out, quoted=False, counter=[0])
    return [b for b in out if b.text]


def _walk(el: etree._Element, out: list[Block], quoted: bool, counter: list[int]) -> None:
    for child in el:
        _visit(child, out, quoted, counter)
        if child.tail and child.tail.strip() and el.tag not in ("list", "table", "row"):
            out.append(Block(clean_line(child.tail), "p", quoted=quoted))


def _visit(child: etree._Element, out: list[Block], quoted: bool, counter: list[int]) -> None:
    tag = child.tag if isinstance(child.tag, str) else ""
    if tag in _SKIP or not tag:
        return
    if tag == "table" and _is_layout_table(child):
        for cell in child.iter("cell"):
            _walk_mixed(cell, out, quoted, counter)
    elif tag in ("list", "table"):
        counter[0] += 1
        _walk_group(child, out, quoted, counter[0])
    elif tag not in _LEAF_KINDS and _has_block_child(child):
        inner = quoted or tag in ("quote", "blockquote")
        if child.text and child.text.strip():
            out.append(Block(clean_line(child.text), "p", quoted=inner))
        _walk(child, out, inner, counter)
    else:
        kind = _LEAF_KINDS.get(tag, "p")
        out.extend(_leaves(child, kind, quoted or tag in ("quote", "blockquote")))


def _is_layout_table(table: etree._Element) -> bool:
    """A table laying out a page (masthead, menu column, article column), not holding data:
    one of its cells holds paragraphs or headings."""
    return any(isinstance(c.tag, str) and c.tag in ("p", "head", "list", "quote")
               for cell in table.iter("cell") for c in cell)


def _walk_mixed(cell: etree._Element, out: list[Block], quoted: bool, counter: list[int]) -> None:
    """A layout cell mixes loose text and links with paragraphs: each run of inline content
    is a paragraph of its own (a run of link lines, a menu, one block per line)."""
    run = etree.Element("p")
    run.text = cell.text
    for child in list(cell):
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _LEAF_KINDS or tag in _CONTAINERS:
            _flush(run, out, quoted)
            _visit(child, out, quoted, counter)
            run = etree.Element("p")
            run.text = child.tail
        else:
            run.append(deepcopy(child))
    _flush(run, out, quoted)


def _flush(run: etree._Element, out: list[Block], quoted: bool) -> None:
    for block in _leaves(run, "p", quoted):
        lines = block.text.split("\n")
        if len(lines) > 1 and block.link_chars >= 0.8 * (len(block.text) - len(lines) + 1):
            out.extend(Block(line, "p", link_chars=len(line), quoted=quoted) for line in lines)
        else:
            out.append(block)


def _leaves(el: etree._Element, kind: str, quoted: bool) -> list[Block]:
    """The blocks of one leaf: a paragraph broken by two line breaks in a row is two."""
    block = _leaf(el, kind, quoted)
    if kind != "p" or _PARAGRAPH_BREAK not in block.text:
        return [block]
    parts = [clean_line(part) for part in block.text.split(_PARAGRAPH_BREAK)]
    share = block.link_density
    return [Block(part, kind, link_chars=round(share * len(part)), quoted=block.quoted, links=block.links)
            for part in parts if part]


def _walk_group(el: etree._Element, out: list[Block], quoted: bool, group: int) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("item", "row"):
            block = _leaf(child, tag, quoted)
            block.group = group
            out.append(block)
        elif tag in ("list", "table"):
            _walk_group(child, out, quoted, group)
        elif tag and tag not in _SKIP:
            block = _leaf(child, "item", quoted)
            block.group = group
            out.append(block)


def _has_block_child(el: etree._Element) -> bool:
    return any(isinstance(c.tag, str) and (c.tag in _LEAF_KINDS or c.tag in _CONTAINERS)
               for c in el)


def _leaf(el: etree._Element, kind: str, quoted: bool) -> Block:
    parts: list[str] = []
    links: list[str] = []
    link_chars = _collect(el, parts, links, in_link=False, top=True)
    sep = " " if kind == "row" else ""
    text = _BREAKS.sub(_PARAGRAPH_BREAK if kind == "p" else "\n", sep.join(parts) if sep else "".join(parts))
    text = clean_line(text.replace(_LINE_BREAK, "\n"))
    return Block(text, kind, link_chars=link_chars, quoted=quoted or kind == "quote", links=links)


def _collect(el: etree._Element, parts: list[str], links: list[str], in_link: bool,
             top: bool = False) -> int:
    """Append the text under ``el`` to ``parts``; return the number of link characters."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        return 0
    is_link = tag == "ref"
    if is_link and el.get("target"):
        links.append(el.get("target", ""))
    link_chars = 0
    if el.text:
        parts.append(el.text)
        if in_link or is_link:
            link_chars += len(el.text.strip())
    for child in el:
        if isinstance(child.tag, str) and child.tag == "lb":
            parts.append(_LINE_BREAK)
        elif isinstance(child.tag, str) and child.tag in ("cell", "item", "p", "head") and not top:
            parts.append(" ")
            link_chars += _collect(child, parts, links, in_link or is_link)
            parts.append(" ")
        elif isinstance(child.tag, str) and child.tag in ("cell", "item", "p", "head", "list"):
            parts.append(" " if child.tag == "cell" else "\n")
            link_chars += _collect(child, parts, links, in_link or is_link)
        else:
            link_chars += _collect(child, parts, links, in_link or is_link)
        if child.tail:
            parts.append(child.tail)
            if in_link or is_link:
                link_chars += len(child.tail.strip())
    return link_chars


_INVISIBLE = {"script", "style", "noscript", "template", "svg", "button", "select", "iframe"}
_BREAKING = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
             "table", "section", "blockquote", "dd", "dt"}
_CODE_MARKS = "{};=<>"  # and the escapes &lt; &gt; &amp;, each counted once by its ";"


def element_text(el) -> str:
    """Visible text of an HTML element: no script/style, a line break for ``<br>`` and blocks."""
    if not len(el) and isinstance(el.tag, str) and el.tag not in _INVISIBLE:
        return clean_line(el.text or "")  # a leaf: the line breaks around it are dropped anyway
    parts: list[str] = []
    _visible(el, parts)
    return clean_line("".join(parts))


def _visible(el, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _INVISIBLE or not tag:
        return
    breaking = tag in _BREAKING
    if breaking:
        parts.append("\n")
    if el.text:
        parts.append(el.text)
    for child in el:
        _visible(child, parts)
        if child.tail:
            parts.append(child.tail)
    if breaking:
        parts.append("\n")


def looks_like_code(text: str) -> bool:
    """True for style sheets, scripts and escaped markup that leaked into text."""
    if not text:
        return False
    marks = sum(text.count(c) for c in _CODE_MARKS)
    return marks >= 4 and marks * 25 > len(text)


_HTML_LEAVES = {"p": "p", "li": "item", "pre": "code", "h1": "head", "h2": "head", "h3": "head",
                "h4": "head", "h5": "head", "h6": "head", "tr": "row", "dt": "p", "dd": "p",
                "figcaption": "caption"}
_HTML_GROUPS = {"ul", "ol", "table", "dl"}


def blocks_from_html(root) -> list[Block]:
    """Blocks of an HTML fragment (another extractor's output), in document order."""
    out: list[Block] = []
    _walk_html(root, out, group=-1, counter=[0])
    return [b for b in out if b.text and b.kind != "caption"]


def _walk_html(el, out: list[Block], group: int, counter: list[int]) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag or tag in _INVISIBLE:
            continue
        if tag in _HTML_GROUPS:
            counter[0] += 1
            _walk_html(child, out, counter[0], counter)
        elif tag in _HTML_LEAVES and not (tag == "li" and _has_html_block(child)):
            out.append(_html_leaf(child, _HTML_LEAVES[tag], group))
        elif _has_html_block(child):
            if child.text and child.text.strip():
                out.append(Block(clean_line(child.text), "p", group=group))
            _walk_html(child, out, group, counter)
        else:
            out.append(_html_leaf(child, "p", group))
        if child.tail and child.tail.strip():
            out.append(Block(clean_line(child.tail), "p", group=group))


def _has_html_block(el) -> bool:
    return any(isinstance(c.tag, str) and (c.tag in _HTML_LEAVES or c.tag in _HTML_GROUPS
                                           or c.tag in ("div", "section", "article", "blockquote"))
               for c in el)


def _html_leaf(el, kind: str, group: int) -> Block:
    text = element_text(el)
    links = [a.get("href", "") for a in el.iter("a") if a.get("href")]
    link_chars = sum(len(clean_line(a.text_content())) for a in el.iter("a"))
    quoted = any(a.tag in ("blockquote", "q") for a in el.iterancestors())
    return Block(text, kind, link_chars=link_chars, group=group if kind in ("item", "row") else -1,
                 quoted=quoted, links=links)


def blocks_text(blocks: list[Block]) -> str:
    """Join blocks into article text: paragraphs separated by a blank line."""
    return "\n\n".join(b.text for b in blocks if b.text)
