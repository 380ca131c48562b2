"""English sentences shared by every event type: background, context, reactions, labels."""
from __future__ import annotations

GROUP_BACKGROUND = (
    "The {group} emerged in {founded} and operates mainly in {region}.",
    "The {acr}, led by {leader}, is believed to have {fighters}.",
    "The group says it is fighting for {aims}.",
    "Since {founded}, forces loyal to {leader} have carried out dozens of attacks in {region}.",
    "Analysts say the {acr} has grown stronger in {region} over the past year.",
)
PLACE_BACKGROUND = (
    "{place}, the capital of {province_name} province, has a population of {population}.",
    "{place} is home to {population} people.",
    "{province_name} province has seen a rise in violence in recent months.",
    "The {district} area lies on the outskirts of {place}.",
)
ANALYST_QUOTES = (
    "\"The pattern shows a group testing the government's defences,\" said {analyst}, a security "
    "analyst based in {capital}.",
    "{analyst}, a researcher who follows the conflict, said the {acr} was trying to show it could "
    "strike at will.",
    "\"Every incident like this weakens public confidence in the authorities,\" said {analyst}.",
)
SCENES = (  # only for violent events
    "{witness} was at work in a nearby {witness_job_place} when the first shots rang out.",
    "The morning had started like any other in {district}, residents said.",
    "{witness}, a {witness_job}, said the street emptied within minutes.",
)
JOB_PLACES = {"shopkeeper": "shop", "baker": "bakery", "tailor": "workshop", "pharmacist": "pharmacy",
              "mechanic": "garage", "money changer": "stall"}
OFFICIAL_TITLES = {"police_spokesman": "a spokesperson for the {province_name} police",
                   "governor_spokesman": "a spokesperson for the governor of {province_name}",
                   "health_official": "the head of the provincial health department",
                   "district_chief": "the district chief of {district}"}
SUBJECT_SHORT = {"power_cuts": "power cuts", "bread_prices": "flour prices",
                 "activist_arrest": "activist's detention", "unpaid_wages": "unpaid wages",
                 "water": "water shortages", "ceasefire_offer": "harvest ceasefire",
                 "talks_rejected": "rejection of peace talks", "security_plan": "new security plan",
                 "power_line": "power line", "rail_link": "rail link", "water_sharing": "water sharing"}
DEVICE_SHORT = {"roadside": "Roadside bomb", "car": "Car bomb", "magnetic": "Magnetic bomb",
                "motorcycle": "Motorcycle bomb"}
SPOT_SHORT = {"bus_station": "bus station", "market": "market", "mosque": "mosque",
              "school": "school", "bank": "bank"}

VIOLENT_TYPES = ("attack", "clash", "air_strike", "explosion", "killing", "kidnapping")
TYPE_NOUNS = {"attack": "attack", "clash": "fighting", "air_strike": "air strike", "explosion": "bombing",
              "killing": "killing", "kidnapping": "abduction", "arrest": "arrests",
              "protest": "protest", "statement": "announcement", "agreement": "agreement"}
CONTEXT_VIOLENT = (
    "The United Nations mission in the country said in its latest report that civilian casualties "
    "had risen by {pct} percent compared with the same period last year.",
    "Hospitals in the region have struggled to cope with the number of wounded, and many lack "
    "basic supplies.",
    "Security on the main roads around {place} has deteriorated since the autumn, according to "
    "transport companies.",
    "Local officials have repeatedly asked the central government for more police officers and "
    "equipment.",
    "Many families in {district} have relatives serving in the security forces.",
    "The {province_name} provincial council held an emergency meeting after the {type_noun}.",
    "Travel between {place} and the neighbouring districts has become increasingly dangerous.",
)
CONTEXT_CIVIL = (
    "The economy has struggled since foreign aid was cut, and unemployment remains high.",
    "Prices of basic goods in {place} have risen sharply over the past year, traders say.",
    "The government has promised to invest in roads, power and water in the provinces.",
    "Local officials say {province_name} needs more investment in roads and electricity.",
    "Many young people in {place} have left in search of work in neighbouring countries.",
    "Business leaders in {place} say uncertainty is keeping investors away.",
    "A survey published last month found that most households in {province_name} spend more than "
    "half of their income on food.",
    "Remittances from relatives working abroad remain a lifeline for many families in {district}.",
    "Municipal officials in {place} say the city's budget has shrunk for the third year in a row.",
)
REACTIONS = (
    "The UN mission condemned the {type_noun} and called for those responsible to be held to "
    "account.",
    "The interior ministry said in a statement that it had ordered an investigation.",
    "Neighbouring countries expressed their condolences to the families of the victims.",
    "{governor}, the governor of {province_name}, visited the wounded in hospital.",
    "Community leaders in {district} called for calm.",
)
REACTIONS_CIVIL = (
    "Opposition politicians said the government should have acted sooner.",
    "Community leaders in {district} welcomed the news but said they wanted to see results.",
    "The {type_noun} was widely discussed on social media.",
    "{governor}, the governor of {province_name}, said he would follow the matter closely.",
)
