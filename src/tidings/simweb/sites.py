"""The simulated outlets: names, languages, feed formats, URL styles and repeated boilerplate."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from .cast import person_name


@dataclass(frozen=True, slots=True)
class SiteSpec:
    """One simulated site. ``feed`` is ``rss``, ``atom``, ``json``, ``rdf`` or ``sitemap`` (no feed)."""

    key: str
    name: str
    lang: str
    feed: str
    layout: str  # html5 | divsoup | legacy
    url_style: str
    voice: str = "wire"
    aggregator: bool = False
    gzip: bool = True
    charset: str = "utf-8"
    disallow: str = ""
    crawl_delay: float | None = None
    full_content: bool = False
    utm_links: bool = False
    weight: int = 3
    nav: tuple[str, ...] = ("Home", "World", "Politics", "Economy", "Sport", "Culture")
    cookie: str = "We use cookies to improve your experience. By continuing you accept our cookie policy."
    newsletter: str = "Get the day's top stories in your inbox every morning. Sign up for our newsletter."
    comments: str = "Leave a comment"
    share: tuple[str, ...] = ("Share on Facebook", "Share on X", "Share on WhatsApp", "Email")
    related: str = "Related articles"
    footer: str = ""
    disclaimer: str = ""
    tagline: str = ""
    staff: tuple[str, ...] = field(default=())

    @property
    def feed_path(self) -> str:
        """Path of the site's feed (or news sitemap)."""
        return {"rss": "/feed/", "atom": "/atom.xml", "json": "/feed.json", "rdf": "/index.rdf",
                "sitemap": "/news-sitemap.xml"}[self.feed]

    @property
    def has_feed(self) -> bool:
        return self.feed != "sitemap"


STAFF_POOLS = {
    "en": ("Emma Clarke", "James Whitfield", "Priya Raman", "Daniel Osei", "Hannah Kelly", "Tom Brennan",
           "Sarah Lindqvist", "Omar Farouk", "Rachel Goldberg", "Michael Tan"),
    "fr": ("Claire Dubois", "Antoine Mercier", "Sophie Lambert", "Julien Moreau", "Camille Roussel"),
    "es": ("Lucía Fernández", "Javier Ortega", "Marta Ruiz", "Diego Castillo", "Elena Navarro"),
    "ru": ("Анна Соколова", "Дмитрий Волков", "Ирина Лебедева", "Сергей Миронов", "Ольга Кравец"),
}


def _site(key: str, name: str, lang: str, feed: str, layout: str, url_style: str, **kw) -> SiteSpec:
    rng = random.Random("staff:" + key)
    staff = tuple(rng.sample(STAFF_POOLS[lang], 3))
    if lang == "en":
        staff += (person_name(rng, "Afghanistan"), "Staff reporter")
    kw.setdefault("footer", f"© {name}. All rights reserved. About us · Contact · Advertise · Privacy")
    return SiteSpec(key, name, lang, feed, layout, url_style, staff=staff, **kw)


NEWS_SITES: tuple[SiteSpec, ...] = (
    _site("kabul-ledger", "The Kabul Ledger", "en", "rss", "html5", "dated", voice="wire",
          full_content=True, tagline="Independent news since 2004",
          disclaimer="The Kabul Ledger is an independent publication. Opinions expressed by contributors "
                     "do not necessarily reflect the views of the editorial board.",
          newsletter="Don't miss a story: subscribe to the Ledger Morning Briefing, free every weekday."),
    _site("northern-dispatch", "Northern Dispatch", "en", "atom", "divsoup", "section", voice="narrative",
          disallow="/members/", crawl_delay=0.01, tagline="Reporting from the north",
          disclaimer="Northern Dispatch verifies every report with at least two sources. Corrections "
                     "can be sent to our readers' editor.",
          cookie="This site uses cookies and similar technologies. Manage your preferences or accept all.",
          share=("Facebook", "Telegram", "X", "Copy link"), related="More from Northern Dispatch"),
    _site("courrier-asie", "Le Courrier d'Asie centrale", "fr", "rss", "html5", "slug_id", weight=1,
          nav=("Accueil", "Monde", "Politique", "Économie", "Sport", "Culture"),
          cookie="Ce site utilise des cookies pour améliorer votre expérience. En poursuivant, vous "
                 "acceptez notre politique de confidentialité.",
          newsletter="Recevez chaque matin l'essentiel de l'actualité : inscrivez-vous à notre lettre.",
          comments="Laisser un commentaire", related="À lire aussi",
          share=("Partager sur Facebook", "Partager sur X", "Envoyer par e-mail"),
          footer="© Le Courrier d'Asie centrale. Tous droits réservés. Mentions légales · Contact",
          disclaimer="Le Courrier d'Asie centrale est un journal indépendant. Toute reproduction est "
                     "interdite sans autorisation écrite de la rédaction.",
          tagline="L'actualité de l'Asie centrale"),
    _site("central-asia-monitor", "Central Asia Monitor", "en", "json", "legacy", "numeric",
          voice="analysis", gzip=False, tagline="Analysis and news",
          disclaimer="Central Asia Monitor is funded by its readers. We accept no government money.",
          cookie="By using this website you agree to the use of cookies for analytics.",
          newsletter="Support independent analysis: become a member for five dollars a month.",
          share=("Tweet", "Post", "Mail"), related="Further reading"),
    _site("observador", "El Observador Global", "es", "atom", "divsoup", "dated_html", weight=1,
          nav=("Portada", "Internacional", "Política", "Economía", "Deportes", "Cultura"),
          cookie="Utilizamos cookies propias y de terceros. Si continúa navegando, acepta su uso.",
          newsletter="Suscríbase a nuestro boletín y reciba las noticias más importantes del día.",
          comments="Deja un comentario", related="Noticias relacionadas",
          share=("Compartir en Facebook", "Compartir en X", "Enviar por correo"),
          footer="© El Observador Global. Todos los derechos reservados. Aviso legal · Contacto",
          disclaimer="El Observador Global no se hace responsable de las opiniones de sus lectores "
                     "expresadas en los comentarios.",
          tagline="Noticias del mundo"),
    _site("daily-meridian", "The Daily Meridian", "en", "sitemap", "html5", "stories",
          voice="narrative", tagline="News, every day",
          disclaimer="The Daily Meridian is part of Meridian Media Group. Reproduction of our "
                     "journalism requires a licence.",
          newsletter="Want more? The Meridian Evening Edition lands in your inbox at six.",
          related="You may also like"),
    _site("vestnik", "Вестник Азии", "ru", "rss", "legacy", "ru_numeric", weight=1,
          charset="windows-1251", nav=("Главная", "В мире", "Политика", "Экономика", "Спорт", "Культура"),
          cookie="Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь с этим.",
          newsletter="Подпишитесь на нашу рассылку и получайте главные новости дня.",
          comments="Оставить комментарий", related="Читайте также",
          share=("ВКонтакте", "Telegram", "Одноклассники"),
          footer="© Вестник Азии. Все права защищены. Редакция · Реклама · Контакты",
          disclaimer="Мнение редакции может не совпадать с мнением авторов. Перепечатка материалов "
                     "разрешена только со ссылкой на источник.",
          tagline="Новости Центральной Азии"),
    _site("frontier-times", "Frontier Times", "en", "rdf", "divsoup", "wp_query", voice="wire",
          utm_links=True, tagline="Frontier news and views",
          disclaimer="Frontier Times content is provided for information only and may be updated "
                     "as events develop.",
          share=("Like", "Share", "Tweet", "WhatsApp"), related="Recommended for you"),
)

AGGREGATORS: tuple[SiteSpec, ...] = (
    _site("news-digest", "Global News Digest", "en", "rss", "html5", "digest", aggregator=True,
          tagline="The best of the world's news, in one place",
          disclaimer="Global News Digest republishes content from partner outlets. All trademarks "
                     "belong to their respective owners.",
          newsletter="One email, all the news: sign up for the Daily Digest.",
          related="Trending now", nav=("Top", "World", "Asia", "Business", "Sport")),
    _site("asia-wire", "Asia Wire Roundup", "en", "atom", "divsoup", "short", aggregator=True,
          gzip=False, tagline="Roundup of regional reporting",
          disclaimer="Asia Wire Roundup aggregates public reports. Contact us to request removal.",
          related="Other stories", share=("Share", "Save")),
)

_EXTRA_LAYOUTS = ("html5", "divsoup", "legacy")
_EXTRA_FEEDS = ("rss", "atom", "json")
_EXTRA_VOICES = ("wire", "narrative", "analysis")
_EXTRA_STYLES = ("dated", "section", "numeric")


def news_sites(count: int) -> list[SiteSpec]:
    """The first ``count`` news sites; beyond the built-in eight, generated English regionals."""
    out = list(NEWS_SITES[:count])
    for i in range(len(NEWS_SITES), count):
        n = i - len(NEWS_SITES)
        name = f"Regional Post {i + 1}"
        out.append(_site(f"regional-post-{i + 1}", name, "en", _EXTRA_FEEDS[n % 3],
                         _EXTRA_LAYOUTS[n % 3], _EXTRA_STYLES[n % 3], voice=_EXTRA_VOICES[n % 3],
                         tagline=f"Your regional newspaper, edition {i + 1}",
                         disclaimer=f"{name} is a member of the Regional Press Association "
                                    f"(member no. {1000 + i}).",
                         related="Related articles"))
    return out


def aggregator_sites(count: int) -> list[SiteSpec]:
    """The first ``count`` aggregators; beyond the built-in two, generated English roundups."""
    out = list(AGGREGATORS[:count])
    for i in range(len(AGGREGATORS), count):
        n = i - len(AGGREGATORS)
        name = f"Roundup {i + 1}"
        out.append(_site(f"roundup-{i + 1}", name, "en", ("rss", "atom")[n % 2], ("html5", "divsoup")[n % 2],
                         ("digest", "short")[n % 2], aggregator=True, tagline=f"Roundup of the day, {i + 1}",
                         disclaimer=f"{name} republishes reports from partner outlets.",
                         related="Other stories"))
    return out
