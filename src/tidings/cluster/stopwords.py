"""Short function-word lists per language (the IDF takes care of the rest)."""
from __future__ import annotations

_EN = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
n't 's 'd 'll 're 've said says say told according reported report reports news new one two
mr mrs ms may might must shall us get got also yet however since among per via within
without upon would it's that's he's she's there's they're we're i'm don't didn't doesn't
isn't wasn't aren't weren't won't can't couldn't wouldn't shouldn't hasn't haven't hadn't
""".split()

_DE = """
der die das den dem des ein eine einer eines einem einen und oder aber nicht ist sind war
waren wird werden wurde wurden hat haben hatte hatten sein seine ihre ihr im in am an auf aus
bei mit nach von vor zu zum zur für über unter um als auch noch nur schon so wie dass es er
sie wir ich du man sich dieser diese dieses jener welche welcher sagte sagt heute
""".split()

_FR = """
le la les un une des du de d l et ou mais ne pas est sont était été être a ont avait avaient
au aux en dans sur sous pour par avec sans que qui quoi dont où ce cet cette ces il elle ils
elles on nous vous je tu se sa son ses leur leurs plus aussi selon a déclaré dit
""".split()

_ES = """
el la los las un una unos unas y o pero no es son era fue ser ha han había de del al a en
con sin por para sobre entre que quien cuyo donde este esta estos estas ese esa se su sus le
les lo nos más también según dijo
""".split()

_IT = """
il lo la i gli le un uno una e o ma non è sono era fu essere ha hanno di del della dei delle
al alla a in con per su tra fra che chi cui dove questo questa quello quella si suo sua loro
più anche secondo ha detto
""".split()

_PT = """
o a os as um uma e ou mas não é são era foi ser tem têm de do da dos das no na nos nas em com
sem por para sobre entre que quem onde este esta esse essa se seu sua seus suas mais também
segundo disse
""".split()

_NL = """
de het een en of maar niet is zijn was waren wordt worden werd heeft hebben had in op aan
uit bij met naar van voor tot om als ook nog dat die dit deze er hij zij wij ik je zich
zei
""".split()

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_EN),
    "de": frozenset(_DE),
    "fr": frozenset(_FR),
    "es": frozenset(_ES),
    "it": frozenset(_IT),
    "pt": frozenset(_PT),
    "nl": frozenset(_NL),
}
