"""Vocabulary for the synthetic news generator (:mod:`tidings.dedupe.synth`)."""
from __future__ import annotations

import random

FIRST = ("Anna Ben Carla David Elena Farid Grace Hugo Ines Jonas Keiko Liam Maria Nadia Omar "
         "Priya Quentin Rosa Samuel Tara Umar Vera Walter Xenia Yusuf Zoe Amir Bianca Chen Dmitri "
         "Esther Felipe Greta Hassan Ingrid Jamal Kofi Lucia Mateo Nora Olga Pavel Rania Sofia "
         "Tomas Ulla Victor Wanjiru Yara Aiko Bruno Chloe Diego Emeka Fatima Gabriel Helga Ivan "
         "Julia Kamala Leon Mira Nikolai Oscar Paula Rashid Selin Theo Valeria").split()

_SYL_A = ("bar ber bor cal cor dan del dor fal fen gal gar hal har kel kor lan lar mar mer mor nal "
          "nor pal per ral ren ros sal sel tal ter tor val ven vor wal wen zar").split()
_SYL_B = ("a e i o u ia io ea ou ai").split()
_SYL_C = ("bridge burg by dale den field ford gate ham holm ley mont moor mouth ness port "
          "ridge stead ston thorpe ton vale ville wick worth").split()
_SURN_END = ("son sen ez ov ova ini elli ic ski berg mann ard ier ley ford ton ez anu ek").split()

ORG_KINDS = ("Water Authority|Transit Agency|Health Trust|Port Authority|Energy Company|Airlines|"
             "Steelworks|Bank|Mining Corporation|Telecom|University|Police Department|Fire Service|"
             "Chamber of Commerce|Teachers Union|Farmers Association|Rail Company|Shipping Line|"
             "Pharmaceuticals|Motors|Insurance Group|Football Club|Orchestra|Museum").split("|")
ROLES = ("spokeswoman|spokesman|mayor|regional governor|police chief|fire chief|chief executive|"
         "finance minister|health minister|interior minister|union leader|head coach|"
         "lead researcher|senior economist|emergency coordinator|court spokesperson").split("|")

NOUNS = ("budget harvest bridge pipeline reservoir tariff subsidy pension vaccine clinic highway "
         "railway harbour warehouse factory refinery turbine reactor satellite telescope archive "
         "library stadium cathedral parliament ministry tribunal council coalition referendum "
         "ceasefire treaty embargo inflation deficit surplus currency bond mortgage rent wage "
         "strike protest petition inquiry audit lawsuit verdict appeal sentence warrant drought "
         "flood wildfire landslide storm heatwave blizzard avalanche glacier coastline wetland "
         "forest orchard vineyard fishery livestock fertiliser irrigation grid battery charger "
         "semiconductor algorithm database network outage breach ransomware upgrade prototype "
         "patent merger acquisition dividend shareholder board regulator watchdog licence quota "
         "curriculum scholarship enrolment exam hospital ambulance pandemic outbreak diagnosis "
         "therapy trial festival premiere exhibition auction manuscript sculpture symphony "
         "tournament championship transfer stadium marathon regatta derby season playoff "
         "migration census housing tenancy zoning district suburb village province frontier "
         "customs ferry tunnel runway terminal cargo freight convoy shipment fleet").split()
ADJS = ("regional national municipal provincial coastal rural urban northern southern eastern "
        "western central historic controversial ambitious fragile sweeping modest unexpected "
        "prolonged temporary permanent emergency annual quarterly preliminary final interim "
        "independent private public joint bilateral multilateral fiscal monetary agricultural "
        "industrial digital medical judicial electoral seasonal volcanic tropical arid alpine "
        "maritime overdue delayed expanded revised disputed costly cheaper stronger weaker "
        "record-breaking long-awaited hard-won fragile bold cautious sceptical upbeat").split()
VERBS = ("approved rejected postponed announced unveiled criticised welcomed defended questioned "
         "expanded suspended reopened renovated financed audited investigated blocked endorsed "
         "challenged negotiated signed drafted published reviewed overturned upheld restored "
         "replaced upgraded relocated dismantled inspected monitored tightened relaxed extended "
         "shortened doubled halved trimmed boosted cut raised lowered").split()
ADVERBS = ("sharply steadily quietly abruptly gradually narrowly unanimously reluctantly "
           "openly privately formally initially eventually repeatedly briefly largely").split()
TIMES = ("on Monday|on Tuesday|on Wednesday|on Thursday|on Friday|over the weekend|late on Sunday|"
         "earlier this week|last month|this spring|before the winter session|after the holiday|"
         "by the end of the year|within weeks|in the coming months|next quarter").split("|")
SAY = ("said|told reporters|said in a statement|told local radio|wrote on social media|"
       "said at a news conference|confirmed|told a briefing").split("|")
SAY_LATE = ("said|added|noted|stressed|warned|explained").split("|")
LINKERS = ("Meanwhile|However|In addition|At the same time|Separately|Earlier|Still|Even so|"
           "According to officials|By contrast|For now|In recent years").split("|")

BOILER_TOP = ["Advertisement", "Share this article: Facebook Twitter WhatsApp Email",
              "Listen to this article", "Sponsored content continues below",
              "Trending now on our network"]
BOILER_BOTTOM = ["Sign up for our morning newsletter and never miss a headline.",
                 "Copyright {year} {site}. All rights reserved. This material may not be "
                 "published, broadcast, rewritten or redistributed.",
                 "Have a news tip? Contact our newsroom any time.",
                 "Follow {site} on social media for the latest updates.",
                 "Related coverage: more stories from our partners and around the web."]
EXTRA_PARA = ["Local officials in {place} said they were following the situation closely and "
              "would publish further guidance for residents {time}.",
              "The story is developing and will be updated as more details emerge from {place}.",
              "Editor's note: {site} has contacted {org} for further comment and will add its "
              "response when it arrives.",
              "Readers in {place} have told {site} that the news came as a surprise, with several "
              "describing long queues outside the {noun} {time}."]
SYNONYMS = {"said": "stated", "big": "large", "started": "began", "about": "around",
            "shows": "indicates", "help": "assist", "people": "residents", "buy": "purchase",
            "also": "additionally", "very": "highly", "fast": "quick", "the city": "the town",
            "officials": "authorities", "police": "officers", "many": "numerous"}


def name_part(rng: random.Random) -> str:
    """An invented place-like name: ``Kelworth``, ``Varnia``."""
    head = rng.choice(_SYL_A).capitalize()
    if rng.random() < 0.5:
        return head + rng.choice(_SYL_C)
    return head + rng.choice(_SYL_B) + rng.choice(_SYL_A)[: rng.randint(1, 3)]


def surname(rng: random.Random) -> str:
    """An invented surname: ``Marelli``, ``Torsen``."""
    return rng.choice(_SYL_A).capitalize() + rng.choice(_SYL_B)[:1] + rng.choice(_SURN_END)


def person(rng: random.Random) -> str:
    """A first name and an invented surname."""
    return f"{rng.choice(FIRST)} {surname(rng)}"


def organisation(rng: random.Random, place: str) -> str:
    """An organisation named after a place or a person."""
    if rng.random() < 0.6:
        return f"{place} {rng.choice(ORG_KINDS)}"
    return f"{surname(rng)} {rng.choice(['Holdings', 'Group', 'Partners', 'Industries', 'Capital'])}"
