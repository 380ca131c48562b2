"""Small hand-written articles (invented people and places) for the clustering tests."""
from __future__ import annotations

from datetime import datetime

from tidings.cluster import ClusterDoc

REHAB_BERGLUND = [
    ("Actress Anna Berglund checks into rehab at Sunrise Lodge",
     "Actress Anna Berglund has checked into the Sunrise Lodge treatment centre in Malibu, "
     "her publicist Tom Farrow said on Tuesday. Berglund, 34, star of the Harbor Lights "
     "films, entered the clinic voluntarily. Farrow asked for privacy for Berglund and her "
     "family. Berglund was arrested in March after a night out in Los Angeles."),
    ("Anna Berglund enters Sunrise Lodge rehab, publicist confirms",
     "Harbor Lights actress Anna Berglund is in rehab. Tom Farrow, her publicist, confirmed "
     "on Tuesday that Berglund checked into Sunrise Lodge in Malibu. The 34-year-old "
     "actress decided to seek treatment on her own, Farrow said. Berglund had been arrested "
     "in Los Angeles in March."),
    ("Berglund seeks treatment in Malibu",
     "Anna Berglund has gone to rehab. The actress, 34, arrived at the Sunrise Lodge clinic "
     "in Malibu, according to publicist Tom Farrow, who asked that the family's privacy be "
     "respected. Berglund, known for Harbor Lights, was arrested in March."),
]

REHAB_DELACROIX = [
    ("Singer Maria Delacroix enters rehab at Pinewood Recovery",
     "Pop singer Maria Delacroix has entered the Pinewood Recovery centre in Arizona, her "
     "manager Luis Ortega said on Friday. Delacroix, 27, cancelled the rest of her Northern "
     "Skies tour. Ortega said Delacroix is getting the help she needs. The singer collapsed "
     "on stage in Denver last month."),
    ("Maria Delacroix cancels tour, checks into Pinewood rehab",
     "Maria Delacroix is in rehab in Arizona. Manager Luis Ortega confirmed on Friday that "
     "the 27-year-old singer checked into Pinewood Recovery and that the Northern Skies tour "
     "is cancelled. Delacroix collapsed during a concert in Denver last month, Ortega said."),
    ("Delacroix in Arizona rehab after Denver collapse",
     "Singer Maria Delacroix has begun treatment at Pinewood Recovery in Arizona, Luis "
     "Ortega, her manager, said on Friday. Delacroix, 27, collapsed on stage in Denver last "
     "month and has called off the Northern Skies tour."),
]

QUAKE_KORVALA = [
    ("Magnitude 6.2 earthquake hits Korvala, 14 dead",
     "A magnitude 6.2 earthquake struck the coastal province of Korvala on Sunday, killing "
     "14 people and injuring 120, the national disaster agency said. The quake hit at 04:10 "
     "near the port town of Estrem. Rescue teams searched collapsed houses in Estrem."),
    ("Korvala quake death toll rises to 14",
     "At least 14 people died when a 6.2 magnitude quake shook Korvala province early on "
     "Sunday, officials said. About 120 people were hurt. Estrem, the port town closest to "
     "the epicentre, saw dozens of houses collapse, the disaster agency said."),
]

QUAKE_MIRANE = [
    ("Strong 5.4 quake shakes Mirane island, three hurt",
     "A magnitude 5.4 earthquake shook Mirane island on Wednesday, injuring three people and "
     "damaging a school in the village of Toska, local officials said. The quake hit at "
     "17:45. Ferries to Mirane were suspended while engineers inspected the harbour."),
    ("Earthquake damages school on Mirane",
     "Three people were injured on Wednesday when a 5.4 magnitude quake struck Mirane island. "
     "A school in Toska was damaged, officials said, and ferry services were suspended while "
     "the harbour was inspected."),
]

OTHER = [
    ("City council approves new tram line",
     "The city council of Brelford voted on Monday to build a new tram line linking the "
     "railway station with the university. Construction of the 8 km line will start next "
     "spring, mayor Helen Ostrow said."),
    ("Brelford Rovers win cup final",
     "Brelford Rovers beat Castlebay United 2-1 in the cup final on Saturday. Striker Joe "
     "Marren scored twice in the second half in front of 40,000 fans."),
]


def docs(prefix: str, items: list[tuple[str, str]], day: datetime | None = None,
         lang: str = "en") -> list[ClusterDoc]:
    """ClusterDocs with ids ``prefix0``, ``prefix1``, …"""
    return [ClusterDoc(id=f"{prefix}{i}", title=title, text=text, lang=lang, date=day)
            for i, (title, text) in enumerate(items)]


def records(prefix: str, items: list[tuple[str, str]], day: str | None = None) -> list[dict]:
    """Input records as ``tidings cluster`` reads them."""
    return [{"id": f"{prefix}{i}", "date": day, "lang": "en", "title": title, "text": text}
            for i, (title, text) in enumerate(items)]

# Two captures of pirates by one navy in one gulf: same actors, place and words; the
# warship, the counts and the weekday differ.
PIRATES_ORLA = [
    ("Vardonian navy captures 23 pirates in Gulf of Sarn",
     "The Vardonian navy captured 23 pirates on Saturday after they tried to board a "
     "merchant vessel in the Gulf of Sarn, the navy said. Commandos from the warship VNS "
     "Orla boarded two skiffs and seized rifles and a rocket launcher. Captain Eril Dastan "
     "of the Orla said the crew of the merchant ship was safe."),
    ("Warship Orla foils hijack in Gulf of Sarn, 23 pirates held",
     "Sailors of VNS Orla stopped a hijack attempt on a merchant ship in the Gulf of Sarn on "
     "Saturday and arrested 23 pirates, the Vardonian navy said. Captain Eril Dastan said "
     "his commandos seized rifles and a rocket launcher from the two skiffs."),
]

PIRATES_TESSEL = [
    ("Frigate VNS Tessel repels pirates attacking tanker, 26 held",
     "The Vardonian navy captured 26 pirates on Wednesday when they attacked a tanker in the "
     "Gulf of Sarn, the navy said. The frigate VNS Tessel fired warning shots and its "
     "commandos boarded a mother ship and three skiffs. Commander Lio Marrik of the Tessel "
     "said no sailor was hurt."),
    ("Frigate Tessel thwarts pirate attack on tanker, 26 arrested",
     "The Vardonian frigate VNS Tessel foiled a pirate attack on a tanker in the Gulf of Sarn "
     "on Wednesday and arrested 26 pirates, Commander Lio Marrik said. Commandos boarded "
     "the mother ship and three skiffs after warning shots."),
]


# Two attacks by one group a day apart, in two towns of one province: the group, its
# leader, the words and the background (the year it took up arms, its strength, the
# weekday the statements came) are shared; the town, the target and the headline toll differ.
ATTACK_DORNAK = [
    ("Dornak: border post attacked, 4 dead",
     "The morning had started like any other, residents said. Gunmen of the Kessan Front "
     "attacked a border post in Dornak on Wednesday, killing four people, officials said. "
     "The Kessan Front, which took up arms in 2019, has about 3,000 fighters. Its leader "
     "Hadi Rostam said on Thursday that more attacks would follow."),
    ("Four dead as gunmen hit frontier post near Dornak",
     "Four people died when gunmen raided a frontier post outside Dornak, a doctor at the "
     "district hospital told reporters on Tuesday. The rebels, who formed in 2015, "
     "said on Friday they carried out the raid."),
]

ATTACK_VELMAR = [
    ("Velmar police headquarters comes under fire, 8 dead",
     "The first shots rang out at dawn, shopkeepers said. Fighters stormed the police "
     "headquarters in Velmar on Thursday, killing eight people, governor Ilsa Marov said. "
     "The Kessan Front, which took up arms in 2019, claimed the raid on Thursday."),
]
