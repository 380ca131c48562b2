"""Phrases that mark page furniture rather than article text, in several languages.

Each pattern is matched against one short block (a paragraph, heading or list item), after
whitespace normalisation, case-insensitively. They were written for this project from
common web-page furniture; no list was copied from another project.
"""
from __future__ import annotations

import re
from functools import lru_cache

_I = re.IGNORECASE

# "Related: ...", "READ MORE: ...", "Leia também", "Lire aussi", "Читайте также"...
RELATED = re.compile(
    r"^[\[(]?\s*(?:related(?: articles?| stories| coverage| content| posts?| reading)?|"
    r"read (?:more|also|next)|also read|must read|see (?:also|more)|"
    r"(?:more (?:from|on|about)|also on)\b(?=.{0,60}?\s*[:|»>–—])[^:|»>–—]{0,60}|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|"
    r"don'?t miss|recommended(?: for you)?|further reading|trending(?: now)?|most (?:read|popular)|"
    r"top stories|latest news|more stories|editor'?s picks?|"
    r"leia (?:também|mais)|veja (?:também|mais)|saiba mais|confira (?:também)?|"
    r"lea (?:también|más)|ver (?:también|más)|te puede interesar|"
    r"(?:à )?lire (?:aussi|également)|voir aussi|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|"
    r"leggi anche|potrebbe interessarti|"
    r"читайте (?:также|еще)|см\. также|"
    r"관련\s?기사|関連記事|相关(?:文章|新闻|阅读))\b", _I)
RELATED_LOOSE = re.compile(r"^(?:more (?:from|on|about)|also on)\b", _I)
# The phrase must be a label: followed by a separator, or be the whole block.
LABEL_END = re.compile(r"\s*(?:[:\-–—|»>]|[.…!]*\s*\]?$)")

NEWSLETTER = re.compile(
    r"\b(?:sign(?:ing)? up|subscribe|subscription|newsletters?|to your inbox|in your inbox|"
    r"delivered (?:to|right to) your|get the latest|join (?:our|the) (?:mailing|list)|"
    r"inscreva-se|assine|suscríbete|abonnez-vous|abonnieren|iscriviti|подпишитесь)\b", _I)

CALL_TO_ACTION = re.compile(
    r"^(?:sign up|subscribe|get (?:the|our|your)|join|stay (?:up|on|informed|in)|don'?t miss|"
    r"never miss|receive|enter your e-?mail|want (?:more|the latest)|like what you|"
    r"inscreva|assine|receba|suscr[ií]b|recib|abonn|inscrivez|melden sie|abonnier|iscriviti|"
    r"подпиш)", _I)
SUBSCRIBE_VERB = re.compile(r"\b(?:sign(?:ing)? up|subscrib\w*|delivered|receive)\b", _I)
SUBSCRIBE_START = re.compile(r"^(?:subscribe|inscreva-se|assine|suscr[ií]bete|abonnez|abonnieren|"
                             r"iscriviti|подпиш)", _I)
NEWSLETTER_NOUN = re.compile(r"\bnewsletters?\b|\binbox\b|boletim|bolet[ií]n|infolettre", _I)

SHARE = re.compile(
    r"^(?:share (?:this|on|via|the)\b|share$|like this (?:story|article)|follow (?:us|@)|"
    r"tweet (?:this|it)|pin it$|email (?:this|a friend)|print (?:this )?(?:article|page)?$|"
    r"order reprints|click (?:here|to)\b|tap here|compartilh|compartir|partager|teilen)", _I)

COMMENTS = re.compile(
    r"^(?:\d+\s*)?(?:leave a (?:comment|reply)|comments?|post a comment|add (?:a )?comment|"
    r"be the first to comment|join the (?:conversation|discussion)|(?:show|view|see|load) "
    r"(?:all )?comments|comentários?|comentarios?|commentaires?|kommentare?|commenti|"
    r"комментари\w*|댓글)\s*(?:\(\d+\))?[:.!]?$", _I)

COPYRIGHT = re.compile(
    r"(?:[©ⓒ]|\(c\)\s*\d{4}|\bcopyright\s+(?:[©ⓒ]|\(c\)|\d{4}|\S+(?:\s\S+)?\s+\d{4}\b)|"
    r"all rights reserved|todos os direitos reservados|"
    r"todos los derechos reservados|tous droits réservés|alle rechte vorbehalten|"
    r"tutti i diritti riservati|все права защищены|무단\s?전재|無断転載|版权所有)", _I)

CREDIT_LINE = re.compile(
    r"^(?:\(?(?:photo|image|picture|pictured|foto|fotografia|imagem|imagen|bild|"
    r"photograph|illustration)s?(?:\s+(?:credit|courtesy|source|by|via))?\s*[:/©|(]|"
    r"\(?(?:credit|courtesy|source: getty|getty images|ap photo|afp photo|reuters photo)\b|"
    r"\[\s*사진|사진\s*=|写真[:：=]|©\s*\w)", _I)
CREDIT_TAIL = re.compile(
    r"(?:/\s*(?:getty images|ap|afp|reuters|shutterstock|epa|file)\)?|"
    r"\((?:photo|image|foto)[^)]{0,80}\)|getty images\)?)\s*$", _I)

CONTRIBUTORS = re.compile(
    r"(?:^\(?(?:reporting by|additional reporting|editing by|writing by|compiled by|"
    r"contributing:|contributors?:|with reporting by|reportagem de|con información de|"
    r"mit material von)\b|contributed to this (?:report|story|article))", _I)
# "Write to X at x@example.com", "Reach the reporter on Twitter at @x": needs an address.
CONTACT = re.compile(
    r"^(?:write to|email|e-mail|contact|reach|follow) (?:the )?(?:\w+\s){0,4}\w+ (?:at|on|via)\s", _I)
ADDRESS = re.compile(r"@\w|https?://|www\.|\.(?:com|org|net)\b", _I)

UI_MESSAGE = re.compile(
    r"^(?:thanks? (?:you )?for (?:signing up|subscribing|reading)|sorry[!.]?$|"
    r"there was an error|an error (?:has )?occurred|please try again|loading\.*$|"
    r"advertisement$|advertising$|ad$|sponsored(?: content)?$|publicidade$|publicidad$|"
    r"werbung$|pubblicità$|реклама$|continue reading|read the full (?:story|article)|"
    r"(?:story|article) continues below|scroll (?:down )?to continue|this article has been sent|"
    r"skip (?:to|this) |back to top|enable javascript|javascript is (?:disabled|required)|"
    r"your browser does not support|we use cookies|this (?:site|website) uses cookies|"
    r"accept (?:all )?cookies|cookie (?:policy|settings))", _I)

TAGS_LINE = re.compile(
    r"^(?:tags?|topics?|filed under|categor(?:y|ies)|keywords|marcadores|etiquetas|"
    r"schlagworte|themen|argomenti|теги|태그)\s*(?:[:|]|$)", _I)

READING_TIME = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|de leitura|de lectura|de lecture|lesezeit)|"
    r"reading time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|"
    r"время чтения)\b", _I)

BYLINE = re.compile(
    r"^(?:by|por|par|von|di|door|av|af|от|автор)\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,5}"
    r"(?:\s*(?:,|and|&|e|y|et|und|\|)\s*[\w.'’-]+(?:\s+[\w.'’-]+){0,4})*\s*$", _I)

BRACKET_TAG_END = re.compile(r"\[(?:[A-Z][A-Z ]{2,20}|VIDEO|PICS|PHOTOS|INSIGHT|LATEST)\]\s*\|?\s*$")

SEPARATOR = re.compile(r"^[\W_]{1,80}$")

MONTHS = ("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april "
          "june july august september october november december janeiro fevereiro março abril "
          "maio junho julho agosto setembro outubro novembro dezembro enero febrero marzo mayo "
          "junio julio septiembre octubre noviembre diciembre janvier février mars avril mai juin "
          "juillet août septembre octobre novembre décembre januar februar märz juni juli "
          "oktober dezember gennaio febbraio aprile maggio giugno luglio settembre ottobre "
          "dicembre января февраля марта апреля мая июня июля августа сентября октября ноября "
          "декабря").split()
WEEKDAYS = ("mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
            "saturday sunday segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado "
            "domingo lunes martes miércoles jueves viernes lundi mardi mercredi jeudi vendredi "
            "samedi dimanche montag dienstag mittwoch donnerstag freitag samstag sonntag").split()
DATE_WORDS = frozenset(MONTHS + WEEKDAYS + (
    "updated published posted last modified am pm a.m p.m utc gmt est edt pst pdt cet cest bst "
    "on at de às a las le um am à et and by ago hours hour minutes minute days day "
    "publicado atualizado actualizado publié mis jour veröffentlicht aktualisiert pubblicato "
    "aggiornato опубликовано обновлено 기사입력 최종수정 입력 수정 更新 公開").split())
CALENDAR = frozenset(MONTHS + WEEKDAYS)
DATE_MARKERS = frozenset(("updated published posted publicado atualizado actualizado publié "
                          "veröffentlicht aktualisiert pubblicato aggiornato опубликовано обновлено "
                          "기사입력 최종수정 입력 수정 更新 公開").split())
NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\d{4}년|\d{4}年")
DATE_SHAPE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b")

# One pass for the start-anchored furniture patterns.
FURNITURE_START = re.compile("|".join(f"(?:{p.pattern})" for p in (
    SHARE, COMMENTS, UI_MESSAGE, TAGS_LINE, READING_TIME)), _I)

# Pre-checks: a pattern compiled with IGNORECASE can only match a block whose lower-cased text
# holds one of the pattern's key strings (each alternative contains one literally). Rejecting a
# block by ``in`` costs far less than a case-insensitive search. Exception: a few characters
# that IGNORECASE equates with a letter whose lower case they are not (dotted capital I,
# dotless i, long s, Cyrillic letter variants): blocks holding them skip the pre-check.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u1c80-\u1c88\u1e9b\ufb05\ufb06]")
COPYRIGHT_KEYS = ("©", "ⓒ", "(c)", "copyright", "all rights reserved", "todos os direitos reservados",
                  "todos los derechos reservados", "tous droits réservés", "alle rechte vorbehalten",
                  "tutti i diritti riservati", "все права защищены", "무단", "無断転載", "版权所有")
NEWSLETTER_NOUN_KEYS = ("newsletter", "inbox", "bolet", "infolettre")
CONTRIBUTORS_KEYS = ("reporting by", "additional reporting", "editing by", "writing by",
                     "compiled by", "contributing:", "contributor", "reportagem de",
                     "con información de", "mit material von", "contributed to this ")
CREDIT_TAIL_KEYS = ("/", "(", "getty images")


@lru_cache(maxsize=4096)
def _folded(text: str) -> str | None:
    """``text`` lower-cased, or None when it holds a character the pre-checks cannot judge."""
    return None if _CASE_TRAPS.search(text) else text.lower()


def may_match(text: str, keys: tuple[str, ...]) -> bool:
    """False only when no pattern with these (lower-case) ``keys`` can match ``text``."""
    folded = _folded(text)
    return folded is None or any(key in folded for key in keys)
