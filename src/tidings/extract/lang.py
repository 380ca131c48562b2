"""Language of an article: what the page declares, checked against what the text says.

Detection uses writing systems (Hangul, kana, Cyrillic letters peculiar to one language...)
and, for Latin-script text, the share of each language's most frequent function words.
Word lists are short samples of very common words, written for this module.
"""
from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the of and to in is that for it on was with as are be by this at from his have "
          "an but not they which has were their had you been said will would who its more",
    "fr": "le la les de des du et un une est que qui dans pour pas sur au avec il elle ne se "
          "ce sont par plus aux été ont mais cette nous vous leur",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es "
          "als an wird wurde bei sind aus hat nach wie oder noch",
    "es": "el la los las de del y en que un una es por con para se no al lo como más pero "
          "sus su fue ha han este esta son entre también muy",
    "pt": "o a os as de do da dos das e em um uma que para com não por se na no ao mais como "
          "mas foi ser são pelo pela está também seu sua já",
    "it": "il lo la gli le di del della e un una che per non con è sono da nel nella si come "
          "anche ma più dei delle alla al questo sua suo",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er die ook als bij door "
          "maar om nog wordt werd naar dan over hij",
    "sv": "och att det som en på är av för med till den har inte om ett men var jag de så "
          "kan från vid efter också eller sig",
    "da": "og at det som en på er af for med til den har ikke om et men var jeg de så kan "
          "fra ved efter også eller sig blev",
    "no": "og at det som en på er av for med til den har ikke om et men var jeg de så kan "
          "fra ved etter også eller seg ble",
    "fi": "ja on ei se että hän oli ovat mutta kun myös tai jos niin kuin mukaan vain sen "
          "tämä hänen olla joka",
    "pl": "i w na z że się nie do to jest o jak po co od za ale tak przez jego być są dla",
    "cs": "a v na se je že to s z do o pro jako ale by jsou jeho tak po k od který",
    "ro": "și de la în a cu pe care este un o că nu din pentru se mai au fost sau dar",
    "hu": "a az és hogy nem is egy meg van de ez volt csak már mint el ki azt még",
    "tr": "ve bir bu da de için ile çok gibi daha ne olarak ama en kadar sonra olan",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada karena "
          "oleh mereka sudah",
    "vi": "và của là có được trong cho không những với các một người này đã đến khi",
}
_VOCAB: dict[str, set[str]] = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _VOCAB.items():
    for _w in _words:
        _LANGS_OF[_w] = _LANGS_OF.get(_w, ()) + (_lang,)
_WORD = re.compile(r"[^\W\d_]+")
_BEYOND_LATIN = re.compile("[^\x00-\u024f]")  # characters past Latin Extended-B
_SCRIPTS = [
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("bn", re.compile(r"[\u0980-\u09ff]")),
    ("ta", re.compile(r"[\u0b80-\u0bff]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
]
_PERSIAN = re.compile(r"[پچژگ]")
_URDU = re.compile(r"[ٹڈڑںے]")
_UKRAINIAN = re.compile(r"[іїєґ]")
_SERBIAN = re.compile(r"[ђћџљњ]")
_BULGARIAN_HINT = re.compile(r"\b(?:на|за|че|се|от|да)\b")
SAMPLE_CHARS = 4000


def normalize_tag(tag: str | None) -> str:
    """``en-US`` / ``pt_BR`` / ``EN`` → ``en``; empty for nothing usable."""
    primary = re.split(r"[-_]", (tag or "").strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else ""


def detect(text: str) -> tuple[str, float]:
    """Guess the language of ``text``: ``(code, confidence 0..1)``; ``("", 0)`` if unsure."""
    sample = (text or "")[:SAMPLE_CHARS]
    if not _WORD.search(sample):
        return "", 0.0
    if _mostly_latin(sample[:2000]):
        return _by_words(sample)
    script = _by_script(sample)
    if script:
        return script, 0.95
    return _by_words(sample)


def choose(declared: str, text: str) -> str:
    """The article language: the declared one unless the text clearly says otherwise."""
    declared = normalize_tag(declared)
    found, confidence = detect(text)
    if not found:
        return declared
    if not declared or declared == found or confidence < 0.5:
        return declared or found
    if declared == "nb" or declared == "nn":
        declared = "no"
    return declared if _compatible(declared, found, text) else found


def _compatible(declared: str, found: str, text: str) -> bool:
    """Keep a declared language that the text's words support nearly as well as ``found``."""
    if declared not in _VOCAB or found not in _VOCAB:
        return declared == found
    counts = _word_scores(text[:SAMPLE_CHARS])
    return counts.get(declared, 0) >= 0.6 * counts.get(found, 1)


def _mostly_latin(sample: str) -> bool:
    other = sum(1 for ch in _BEYOND_LATIN.findall(sample) if ch.isalpha())
    return other * 10 < len(sample)


def _by_script(sample: str) -> str:
    total = max(1, sum(1 for ch in sample if ch.isalpha()))
    hits = {lang: len(pattern.findall(sample)) for lang, pattern in _SCRIPTS}
    if hits["ja"] >= 0.05 * total:
        return "ja"
    lang, count = max(hits.items(), key=lambda kv: kv[1])
    if count < 0.3 * total:
        return ""
    if lang == "ar":
        return "fa" if _PERSIAN.search(sample) else "ur" if _URDU.search(sample) else "ar"
    if lang == "ru":
        if _UKRAINIAN.search(sample):
            return "uk"
        if _SERBIAN.search(sample):
            return "sr"
        if "ы" not in sample and "э" not in sample and _BULGARIAN_HINT.search(sample):
            return "bg"
    return lang


def _word_scores(sample: str) -> Counter:
    scores: Counter = Counter()
    for word, count in Counter(_WORD.findall(sample.lower())).items():
        for lang in _LANGS_OF.get(word, ()):
            scores[lang] += count
    return scores


def _by_words(sample: str) -> tuple[str, float]:
    words = _WORD.findall(sample)
    scores = _word_scores(sample)
    if not scores:
        return "", 0.0
    (best, top), *rest = scores.most_common(2) + [("", 0)]
    runner = rest[0][1] if rest else 0
    coverage = top / max(1, len(words))
    margin = (top - runner) / top
    confidence = min(1.0, coverage * 4) * (0.5 + 0.5 * margin)
    return (best, round(confidence, 3)) if coverage >= 0.08 else ("", 0.0)
