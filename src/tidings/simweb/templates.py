"""HTML rendering: article pages and homepages, in three layouts that differ per site."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Callable

from .sites import SiteSpec
from .world import Doc

READ_ALSO = {"en": "Read also:", "fr": "Lire aussi :", "es": "Lea también:", "ru": "Читайте также:"}
ADVERT = {"en": "Advertisement", "fr": "Publicité", "es": "Publicidad", "ru": "Реклама"}
CREDIT = {"en": "Originally published at", "fr": "Publié à l'origine sur", "es": "Publicado originalmente en",
          "ru": "Впервые опубликовано на"}
FEED_TYPES = {"rss": "application/rss+xml", "rdf": "application/rss+xml", "atom": "application/atom+xml",
              "json": "application/feed+json"}


@dataclass(slots=True)
class Page:
    """What a layout needs besides the site: head tags, the main block, the related links."""

    title: str
    head: str
    main: str
    related: list[tuple[str, str]]
    lang: str


def human_date(dt: datetime, lang: str) -> str:
    """A date as the site shows it to readers."""
    from .lexicon import MONTHS

    return f"{dt.day} {MONTHS[lang][dt.month - 1]} {dt.year}, {dt:%H:%M}"


def boilerplate(site: SiteSpec) -> list[str]:
    """The visible text blocks repeated on every page of ``site``."""
    blocks = [site.cookie, site.newsletter, site.comments, site.related, site.footer, site.disclaimer,
              site.tagline, *site.nav, *site.share]
    if site.layout == "divsoup":
        blocks += [ADVERT[site.lang], READ_ALSO[site.lang]]
    return [b for b in blocks if b]


def _head_common(site: SiteSpec, feed_url: str | None) -> str:
    parts = [f'<meta charset="{site.charset}">' if site.charset == "utf-8" else
             f'<meta http-equiv="Content-Type" content="text/html; charset={site.charset}">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f'<meta property="og:site_name" content="{escape(site.name)}">']
    if feed_url and site.has_feed:
        parts.append(f'<link rel="alternate" type="{FEED_TYPES[site.feed]}" '
                     f'title="{escape(site.name)}" href="{escape(feed_url)}">')
    return "\n".join(parts)


def _body_html(doc: Doc) -> list[str]:
    out = []
    for p in doc.paragraphs:
        h = escape(p, quote=False)
        if doc.nosnippet and doc.nosnippet in p:
            s = escape(doc.nosnippet, quote=False)
            h = h.replace(s, f"<span data-nosnippet>{s}</span>", 1)
        out.append(h)
    return out


def article_page(site: SiteSpec, doc: Doc, url: Callable[[Doc], str], feed_url: str | None,
                 related: list[Doc], orig_site_name: str = "") -> str:
    """The full HTML of one article page of ``site``."""
    self_url = url(doc)
    canonical = url(doc.original) if doc.original is not None and doc.credit == "canonical" else self_url
    iso = doc.published.isoformat().replace("+00:00", "Z")
    head = [_head_common(site, feed_url),
            f"<title>{escape(doc.title)} | {escape(site.name)}</title>",
            f'<meta name="description" content="{escape(doc.summary)}">',
            f'<meta name="author" content="{escape(doc.author)}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{escape(doc.title)}">',
            f'<meta property="og:url" content="{escape(canonical)}">',
            f'<meta property="article:published_time" content="{iso}">',
            f'<meta property="article:modified_time" content="{doc.modified.isoformat().replace("+00:00", "Z")}">',
            f'<meta property="article:section" content="{doc.section}">',
            f'<link rel="canonical" href="{escape(canonical)}">']
    if doc.robots_meta:
        head.append(f'<meta name="robots" content="{doc.robots_meta}">')
    if site.layout == "html5":
        head.append(_json_ld(doc, canonical, site))
    main = LAYOUT_MAIN[site.layout](site, doc, iso)
    if doc.original is not None and doc.credit == "link":
        main += (f'\n<p class="source-credit">{CREDIT[doc.lang]} <a href="{escape(url(doc.original))}">'
                 f"{escape(orig_site_name)}</a></p>")
    links = [(url(r), r.title) for r in related]
    page = Page(doc.title, "\n".join(head), main, links, doc.lang)
    return LAYOUT_FRAME[site.layout](site, page)


def home_page(site: SiteSpec, docs: list[Doc], url: Callable[[Doc], str], feed_url: str | None,
              home_url: str) -> str:
    """The homepage: the latest articles, with the feed's ``<link rel=alternate>``."""
    items = "\n".join(f'<li><a href="{escape(d.path)}">{escape(d.title)}</a> '
                      f'<time datetime="{d.published.isoformat()}">{human_date(d.published, site.lang)}</time>'
                      f"<p>{escape(d.summary)}</p></li>" for d in docs)
    head = (f"{_head_common(site, feed_url)}\n<title>{escape(site.name)} — {escape(site.tagline)}</title>\n"
            f'<link rel="canonical" href="{escape(home_url)}">')
    main = f'<h1 class="home-title">{escape(site.name)}</h1>\n<ul class="latest">\n{items}\n</ul>'
    return LAYOUT_FRAME[site.layout](site, Page(site.name, head, main, [], site.lang))


def not_found_page(site: SiteSpec) -> str:
    """A 404 page in the site's chrome."""
    page = Page("Not found", f"{_head_common(site, None)}\n<title>404 | {escape(site.name)}</title>",
                "<h1>Page not found</h1><p>The page you requested does not exist.</p>", [], site.lang)
    return LAYOUT_FRAME[site.layout](site, page)


def _json_ld(doc: Doc, canonical: str, site: SiteSpec) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": doc.title,
            "datePublished": doc.published.isoformat(), "dateModified": doc.modified.isoformat(),
            "author": {"@type": "Person", "name": doc.author}, "inLanguage": doc.lang,
            "mainEntityOfPage": canonical, "publisher": {"@type": "Organization", "name": site.name}}
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


# -- layouts: the article block ---------------------------------------------------------------
def _main_html5(site: SiteSpec, doc: Doc, iso: str) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in _body_html(doc))
    share = "".join(f'<a class="share-btn" href="#">{escape(s)}</a>' for s in site.share)
    by = {"en": "By", "fr": "Par", "es": "Por", "ru": "Автор:"}[site.lang]
    return (f'<article class="post">\n<h1 class="entry-title">{escape(doc.title)}</h1>\n'
            f'<p class="byline">{by} <span class="author">{escape(doc.author)}</span> · '
            f'<time datetime="{iso}">{human_date(doc.published, site.lang)}</time></p>\n'
            f'<div class="entry-content">\n{paras}\n</div>\n<div class="share">{share}</div>\n</article>')


def _main_divsoup(site: SiteSpec, doc: Doc, iso: str) -> str:
    body = []
    for i, p in enumerate(_body_html(doc)):
        body.append(f"<p>{p}</p>")
        if i == 0:
            body.append(f'<div class="ad-slot">{ADVERT[site.lang]}</div>')
    share = " | ".join(f'<a href="#">{escape(s)}</a>' for s in site.share)
    return (f'<div class="headline"><h1>{escape(doc.title)}</h1></div>\n'
            f'<div class="meta"><span class="writer">{escape(doc.author)}</span> | '
            f'<span class="date" data-iso="{iso}">{human_date(doc.published, site.lang)}</span></div>\n'
            f'<div class="social">{share}</div>\n<div class="story-body">\n' + "\n".join(body) + "\n</div>")


def _main_legacy(site: SiteSpec, doc: Doc, iso: str) -> str:
    text = "<br><br>\n".join(_body_html(doc))
    share = " &middot; ".join(f'<a href="#">{escape(s)}</a>' for s in site.share)
    return (f'<h2 class="title">{escape(doc.title)}</h2>\n<span class="date">'
            f"{human_date(doc.published, site.lang)}</span> &mdash; <span class=\"auth\">{escape(doc.author)}"
            f'</span><br><br>\n<div class="txt">{text}</div>\n<br><div class="shr">{share}</div>')


# -- layouts: the frame around it -------------------------------------------------------------
def _nav(site: SiteSpec, sep: str = "") -> str:
    return sep.join(f'<a href="/section/{i}/">{escape(n)}</a>' for i, n in enumerate(site.nav))


def _related(page: Page, tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f'<li><a href="{escape(u)}">{escape(t)}</a></li>'
                               for u, t in page.related) + f"</{tag}>"


def _frame_html5(site: SiteSpec, page: Page) -> str:
    related = (f'<aside class="related"><h2>{escape(site.related)}</h2>{_related(page)}</aside>'
               if page.related else "")
    return f"""<!DOCTYPE html>
<html lang="{page.lang}">
<head>
{page.head}
</head>
<body>
<div id="cookie-banner" class="cookie"><p>{escape(site.cookie)}</p><button type="button">OK</button></div>
<header class="site-header"><a class="logo" href="/">{escape(site.name)}</a>
<p class="tagline">{escape(site.tagline)}</p>
<nav class="main-nav"><ul>{_nav(site, "</li><li>").join(("<li>", "</li>"))}</ul></nav></header>
<main>
{page.main}
{related}
<section class="newsletter"><p>{escape(site.newsletter)}</p><form><input type="email" name="email">
<button>OK</button></form></section>
<section class="comments"><h3>{escape(site.comments)}</h3><form><textarea name="c"></textarea></form></section>
</main>
<footer class="site-footer"><p class="disclaimer">{escape(site.disclaimer)}</p>
<p>{escape(site.footer)}</p></footer>
</body>
</html>
"""


def _frame_divsoup(site: SiteSpec, page: Page) -> str:
    related = (f'<div class="sidebar-box"><h4>{escape(site.related)}</h4>{_related(page)}</div>'
               if page.related else "")
    read_also = ""
    if page.related:
        u, t = page.related[0]
        read_also = f'<p class="read-also">{READ_ALSO[site.lang]} <a href="{escape(u)}">{escape(t)}</a></p>'
    main = page.main.replace("\n</div>", f"\n{read_also}\n</div>", 1) if read_also else page.main
    return f"""<!DOCTYPE html>
<html lang="{page.lang}">
<head>
{page.head}
</head>
<body>
<div id="wrapper">
<div class="topbar"><a href="/" class="brand">{escape(site.name)}</a> <span>{escape(site.tagline)}</span></div>
<div class="menu">{_nav(site, " ")}</div>
<div class="cookie-notice">{escape(site.cookie)} <a href="#" class="accept">OK</a></div>
<div class="content-left">
{main}
<div class="newsletter-box">{escape(site.newsletter)}</div>
<div class="comment-box"><b>{escape(site.comments)}</b><textarea></textarea></div>
</div>
<div class="sidebar">{related}<div class="disclaimer">{escape(site.disclaimer)}</div></div>
<div class="footer">{escape(site.footer)}</div>
</div>
</body>
</html>
"""


def _frame_legacy(site: SiteSpec, page: Page) -> str:
    related = f"<b>{escape(site.related)}</b>{_related(page)}" if page.related else ""
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html lang="{page.lang}">
<head>
{page.head}
</head>
<body bgcolor="#ffffff">
<table width="100%" class="layout" cellpadding="4">
<tr><td colspan="2" class="masthead"><font size="5">{escape(site.name)}</font><br>{escape(site.tagline)}</td></tr>
<tr><td class="navcol" valign="top" width="180">{_nav(site, "<br>")}<br><br>{related}</td>
<td class="main" valign="top">
<div class="cookiewarn">{escape(site.cookie)}</div>
{page.main}
<div class="nl">{escape(site.newsletter)}</div>
<div class="cmt"><a href="#comments">{escape(site.comments)}</a></div>
<div class="disc"><i>{escape(site.disclaimer)}</i></div>
</td></tr>
<tr><td colspan="2" class="foot"><small>{escape(site.footer)}</small></td></tr>
</table>
</body>
</html>
"""


LAYOUT_MAIN = {"html5": _main_html5, "divsoup": _main_divsoup, "legacy": _main_legacy}
LAYOUT_FRAME = {"html5": _frame_html5, "divsoup": _frame_divsoup, "legacy": _frame_legacy}
