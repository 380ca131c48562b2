"""Non-event stories (economy, sport, culture), told by each outlet in its own words."""
from __future__ import annotations

import random

from .events import Topic
from .write_en import _cap
from .write_intl import translit_ru

TEAMS = ("Kabul Falcons", "Herat Lions", "Balkh Eagles", "Kandahar Stars", "Nangarhar United",
         "Pamir Rangers", "Ghazni Archers", "Kunduz Riverside")
NATIONS = ("Ireland", "Zimbabwe", "the Netherlands", "Scotland", "Nepal", "Oman", "Namibia")
WORKS = ("the old citadel", "a Timurid-era minaret", "the covered bazaar", "a caravanserai")

EN = {
    "currency": {"head": ("Afghani falls to {x} against the dollar", "Currency slides as traders report dollar shortage",
                          "Exchange rate hits {x} in {place} markets"),
                 "lead": ("The afghani weakened to {x} against the US dollar on {day}, money changers in {place} said.",
                          "The local currency lost ground for a {a_ord} consecutive day, trading at {x} per dollar.",
                          "Money changers in {place} quoted the dollar at {x} afghanis on {day}, up from a week ago."),
                 "body": ("The central bank said it would auction {c} million dollars this week to support the currency.",
                          "Importers said the weaker currency was pushing up the price of fuel and cooking oil.",
                          "Analysts blamed lower aid flows and rising demand for dollars from importers.",
                          "The currency has lost about {d} percent of its value since the start of the month.")},
    "exports": {"head": ("Dried fruit exports up {a} percent", "Saffron and raisin exports rise to {c} million dollars",
                         "Exporters in {place} report record season"),
                "lead": ("Exports of dried fruit and saffron rose by {a} percent in the last quarter, the commerce ministry said on {day}.",
                         "Traders in {place} said exports of raisins, almonds and saffron reached {c} million dollars this season.",
                         "A strong harvest pushed exports of dried fruit up by {a} percent, officials said in {place}."),
                "body": ("Most of the produce went to India, Pakistan and Central Asian markets.",
                         "Exporters complained about long delays at border crossings and high transport costs.",
                         "The ministry said new air corridors had helped traders reach buyers faster.",
                         "Farmers said they had invested in drip irrigation to cope with drought.")},
    "flour": {"head": ("Flour prices climb in {place}", "Bread costs more as wheat imports slow",
                       "Bakers in {place} raise prices"),
              "lead": ("The price of a 50-kilogram sack of flour rose to {c} afghanis in {place} on {day}, traders said.",
                       "Bakers in {place} raised the price of bread after flour became {a} percent more expensive in a month.",
                       "Wheat flour prices have increased by {a} percent in {place} markets, according to traders."),
              "body": ("Traders blamed slower imports from Kazakhstan and higher transport costs.",
                       "The government said it would release wheat from strategic reserves.",
                       "Aid agencies warned that more families could struggle to feed themselves.",
                       "Some bakers have reduced the size of their loaves instead of raising prices.")},
    "mine": {"head": ("Copper mine output reaches {c} tonnes", "Mining ministry reports rise in production",
                      "New contract for mine near {place}"),
             "lead": ("A copper mine near {place} produced {c} tonnes of ore last month, the mining ministry said on {day}.",
                      "The mining ministry said on {day} that production at a copper mine near {place} had risen by {a} percent.",
                      "Officials in {place} announced a new contract to expand a copper mine employing {c} workers."),
             "body": ("The ministry said the mine would pay {b} million dollars in royalties this year.",
                      "Local residents asked for a share of the jobs and for new roads.",
                      "Environmental groups raised concerns about water use in the area.",
                      "The project has been delayed several times since it was first announced.")},
    "cricket": {"head": ("National team beat {nation} by {a} runs", "{p1} century seals win over {nation}",
                         "Cricket: victory over {nation} in {place}"),
                "lead": ("The national cricket team beat {nation} by {a} runs on {day}, with {p1} scoring {c_small} runs.",
                         "{p1} hit {c_small} runs as the national side defeated {nation} in front of a packed crowd.",
                         "A fine innings by {p1} helped the national team to a {a}-run win over {nation} on {day}."),
                "body": ("Spinner {p2} took four wickets to finish off the visitors' reply.",
                         "Thousands of fans celebrated in the streets after the match.",
                         "The win keeps the team in contention for a place in the next stage.",
                         "The captain praised the young players who made their debut.")},
    "football": {"head": ("{team1} win league final", "{team1} beat {team2} {s1}-{s2} in final",
                          "Football: {team1} crowned champions"),
                 "lead": ("{team1} beat {team2} {s1}-{s2} in the league final in {place} on {day}.",
                          "A late goal by {p1} gave {team1} a {s1}-{s2} victory over {team2} in the final.",
                          "{team1} were crowned champions after defeating {team2} {s1}-{s2} in {place}."),
                 "body": ("More than {c} supporters watched the match at the city stadium.",
                          "{team2} coach {p2} said his side had missed too many chances.",
                          "The winners will represent the country in a regional tournament next year.",
                          "The league has attracted growing crowds since it was relaunched.")},
    "buzkashi": {"head": ("Buzkashi tournament opens in {place}", "{a} teams compete in buzkashi championship",
                          "Horsemen gather for buzkashi in {place}"),
                 "lead": ("A buzkashi tournament with {a} teams opened in {place} on {day}, drawing thousands of spectators.",
                          "Horsemen from {a} provinces gathered in {place} for the annual buzkashi championship.",
                          "Thousands of spectators watched the opening day of a buzkashi tournament in {place}."),
                 "body": ("Riders compete to carry a goat carcass across a goal line in the traditional sport.",
                          "The winning team will receive a prize of {c} thousand afghanis.",
                          "Organisers said the tournament would last {b_small} days.",
                          "Veteran rider {p1} said the sport was part of the region's identity.")},
    "festival": {"head": ("Film festival opens in {place} with {a} films", "{place} hosts first film festival in years",
                          "Young directors showcase work in {place}"),
                 "lead": ("A film festival showing {a} films by young directors opened in {place} on {day}.",
                          "Young film-makers presented {a} short films at a festival that opened in {place}.",
                          "The first film festival in {place} for several years opened on {day} with {a} films."),
                 "body": ("Organiser {p3} said most of the films were made with mobile phones.",
                          "The programme includes documentaries about daily life and migration.",
                          "Screenings are free and take place at the city's cultural centre.",
                          "A jury of {b_small} critics will award prizes on the final day.")},
    "restoration": {"head": ("Restoration of {work} completed", "{work} in {place} reopens after restoration",
                             "Craftsmen restore {work} in {place}"),
                    "lead": ("The restoration of {work} in {place} has been completed after {b_small} years of work, officials said on {day}.",
                             "{work} in {place} reopened to visitors on {day} after a long restoration.",
                             "Craftsmen have finished restoring {work} in {place}, using traditional techniques."),
                    "body": ("The project cost {c} thousand dollars and employed local craftsmen.",
                             "Tiles were made by hand using methods passed down for generations.",
                             "Officials hope the site will attract more visitors to the city.",
                             "Architect {p3} said the hardest part was repairing the foundations.")},
    "poetry": {"head": ("{p3} publishes new poetry collection", "Poetry evening draws crowds in {place}",
                        "New collection of verse by {p3}"),
               "lead": ("Poet {p3} presented a new collection of {a} poems at an event in {place} on {day}.",
                        "A new book of poetry by {p3} was launched in {place} before an audience of {c} people.",
                        "Dozens of readers gathered in {place} for the launch of {p3}'s latest collection."),
               "body": ("The poems deal with exile, family and the mountains of her childhood.",
                        "The book is published in Dari and Pashto, with an English translation planned.",
                        "Literary critic {p1} called it one of the most important collections of the year.",
                        "Poetry evenings have become popular again in the city's tea houses.")},
    "carpets": {"head": ("Carpet exhibition opens in {place}", "Weavers display {a} carpets in {place}",
                         "Handmade carpets on show in {place}"),
                "lead": ("An exhibition of {a} handmade carpets opened in {place} on {day}.",
                         "Weavers from several provinces displayed {a} carpets at an exhibition in {place}.",
                         "Handmade carpets took centre stage at a trade exhibition in {place} on {day}."),
                "body": ("Many of the weavers are women who work from home.",
                         "Organisers said they hoped to find buyers abroad.",
                         "A large carpet can take a family several months to weave.",
                         "Weaver {p3} said prices had not kept up with the cost of wool.")},
}
QUOTES = ("\"We hope this is the start of something better,\" said {p2}.",
          "\"People need good news, and this is good news,\" {p1} told reporters.",
          "\"There is still a lot of work to do,\" said {p3}.",
          "\"Nobody expected this a year ago,\" {p2} said.")
CONTEXT = {"economy": ("The economy has shrunk sharply in recent years and many families depend on aid.",
                       "Economists expect growth to remain weak this year.",
                       "Traders say the informal hawala system still handles most payments.",
                       "Business owners say access to banking remains a major obstacle.",
                       "Officials say they want to reduce the country's dependence on imports."),
           "sport": ("Sport has become a source of national pride despite years of conflict.",
                     "The sports federation says it lacks money to send teams to tournaments abroad.",
                     "Matches are broadcast live on national television and draw large audiences.",
                     "Facilities remain basic and many players train on dirt pitches.",
                     "Young fans follow the national teams closely on social media."),
           "culture": ("Cultural events have been rare in recent years because of security concerns.",
                       "Several private foundations have started to support young artists.",
                       "Local radio stations have begun to broadcast programmes about the arts.",
                       "Artists say funding for culture has all but disappeared.",
                       "The city has a long history as a centre of art and learning.")}
INTL_EXTRA = {
    "fr": ("Les organisateurs se disent satisfaits.", "Les autorités locales ont salué l'initiative.",
           "L'événement a attiré de nombreux curieux.", "Les commerçants espèrent des retombées.",
           "La presse locale y consacre de longs articles."),
    "es": ("Los organizadores se mostraron satisfechos.", "Las autoridades locales celebraron la iniciativa.",
           "El evento atrajo a numerosos curiosos.", "Los comerciantes esperan beneficios.",
           "La prensa local le dedica amplios reportajes."),
    "ru": ("Организаторы довольны итогами.", "Местные власти приветствовали инициативу.",
           "Мероприятие привлекло много зрителей.", "Торговцы надеются на рост продаж.",
           "Местная пресса подробно освещает событие."),
}
WHAT = {  # kind -> (fr, es, ru): headline, lead
    "currency": (("L'afghani recule à {x} pour un dollar", "{when}, à {place}, les changeurs cotaient le dollar à {x} afghanis ; la banque centrale promet de vendre {c} millions de dollars."),
                 ("El afgani cae a {x} por dólar", "{when}, en {place}, los cambistas cotizaban el dólar a {x} afganis; el banco central venderá {c} millones de dólares."),
                 ("Курс афгани упал до {x} за доллар", "{when} в {place} менялы продавали доллар по {x} афгани; центробанк обещает продать {c} млн долларов.")),
    "exports": (("Les exportations de fruits secs en hausse de {a} %", "Les exportations de raisins secs, d'amandes et de safran ont atteint {c} millions de dollars, ont indiqué {when} des négociants de {place}."),
                ("Las exportaciones de frutos secos suben un {a} %", "Las exportaciones de pasas, almendras y azafrán alcanzaron {c} millones de dólares, informaron {when} comerciantes de {place}."),
                ("Экспорт сухофруктов вырос на {a}%", "Экспорт изюма, миндаля и шафрана достиг {c} млн долларов, сообщили {when} торговцы из {place}.")),
    "flour": (("Le sac de farine à {c} afghanis", "{when}, à {place}, le sac de 50 kilos de farine se vendait {c} afghanis, soit {a} % de plus en un mois."),
              ("El saco de harina, a {c} afganis", "{when}, en {place}, el saco de 50 kilos de harina costaba {c} afganis, un {a} % más que hace un mes."),
              ("Мешок муки подорожал до {c} афгани", "{when} в {place} 50-килограммовый мешок муки стоил {c} афгани — на {a}% больше, чем месяц назад.")),
    "mine": (("Mine de cuivre : {c} tonnes de minerai", "Une mine de cuivre proche de {place} a produit {c} tonnes de minerai le mois dernier, a annoncé {when} le ministère des Mines."),
             ("Mina de cobre: {c} toneladas de mineral", "Una mina de cobre cerca de {place} produjo {c} toneladas de mineral el mes pasado, anunció {when} el Ministerio de Minas."),
             ("Медный рудник дал {c} тонн руды", "Медный рудник под {place} за месяц дал {c} тонн руды, сообщило {when} министерство горнорудной промышленности.")),
    "cricket": (("Cricket : victoire contre {nation} de {a} points", "{when}, l'équipe nationale a battu {nation} de {a} points, grâce aux {c_small} points de {p1}."),
                ("Críquet: victoria ante {nation} por {a} carreras", "{when}, la selección venció a {nation} por {a} carreras, con {c_small} de {p1}."),
                ("Крикет: победа над командой {nation}", "{when} сборная обыграла команду {nation} с перевесом в {a} пробежек; {p1} набрал {c_small}.")),
    "football": (("Football : {team1} bat {team2} {s1}-{s2}", "{when}, à {place}, {team1} a battu {team2} {s1}-{s2} en finale du championnat, devant {c} spectateurs."),
                 ("Fútbol: {team1} vence a {team2} por {s1}-{s2}", "{when}, en {place}, {team1} derrotó a {team2} por {s1}-{s2} en la final de la liga, ante {c} espectadores."),
                 ("Футбол: {team1} — {team2} {s1}:{s2}", "{when} в {place} клуб {team1} обыграл {team2} со счётом {s1}:{s2} в финале лиги; на матче было {c} зрителей.")),
    "buzkashi": (("Bouzkachi : {a} équipes à {place}", "Un tournoi de bouzkachi réunissant {a} équipes s'est ouvert {when} à {place} ; le vainqueur recevra {c} mille afghanis."),
                 ("Buzkashi: {a} equipos en {place}", "Un torneo de buzkashi con {a} equipos comenzó {when} en {place}; el ganador recibirá {c} mil afganis."),
                 ("Бузкаши: {a} команд в {place}", "{when} в {place} начался турнир по бузкаши с участием {a} команд; победитель получит {c} тысяч афгани.")),
    "festival": (("{a} films au festival de {place}", "Un festival présentant {a} films de jeunes réalisateurs s'est ouvert {when} à {place}, a annoncé son organisatrice {p3}."),
                 ("{a} películas en el festival de {place}", "Un festival con {a} películas de jóvenes directores se inauguró {when} en {place}, anunció su organizadora {p3}."),
                 ("{a} фильмов на фестивале в {place}", "{when} в {place} открылся фестиваль, где покажут {a} фильмов молодых режиссёров, сообщила организатор {p3}.")),
    "restoration": (("{place} : fin de la restauration, {c} mille dollars", "La restauration d'un monument historique de {place} s'est achevée après {b_small} ans de travaux et {c} mille dollars de dépenses, a-t-on appris {when}."),
                    ("{place}: concluye la restauración, {c} mil dólares", "La restauración de un monumento histórico de {place} concluyó tras {b_small} años de obras y {c} mil dólares de gasto, se supo {when}."),
                    ("{place}: реставрация за {c} тысяч долларов", "Реставрация исторического памятника в {place} завершена после {b_small} лет работ; она обошлась в {c} тысяч долларов, стало известно {when}.")),
    "poetry": (("{p3} publie {a} poèmes", "La poétesse {p3} a présenté {when} à {place} un recueil de {a} poèmes devant {c} personnes."),
               ("{p3} publica {a} poemas", "La poeta {p3} presentó {when} en {place} un libro de {a} poemas ante {c} personas."),
               ("{p3}: сборник из {a} стихотворений", "{when} в {place} поэтесса {p3} представила сборник из {a} стихотворений; на презентацию пришли {c} человек.")),
    "carpets": (("{a} tapis exposés à {place}", "Une exposition de {a} tapis tissés à la main s'est ouverte {when} à {place} ; la tisserande {p3} déplore la hausse du prix de la laine."),
                ("{a} alfombras expuestas en {place}", "Una exposición de {a} alfombras hechas a mano se inauguró {when} en {place}; la tejedora {p3} lamenta la subida de la lana."),
                ("{a} ковров на выставке в {place}", "{when} в {place} открылась выставка {a} ковров ручной работы; ткачиха {p3} жалуется на рост цен на шерсть.")),
}


def _when(t: Topic, lang: str) -> str:
    from . import lexicon

    if lang == "en":
        return t.when.strftime("%A")
    day = lexicon.WEEKDAYS[lang][t.when.weekday()]
    month = lexicon.MONTHS[lang][t.when.month - 1]
    return {"fr": f"{day} {t.when.day} {month}", "es": f"el {day} {t.when.day} de {month}",
            "ru": f"{day}, {t.when.day} {month},"}[lang]


def facts(t: Topic, lang: str = "en") -> dict[str, str]:
    """Slots for topic templates."""
    fixed = random.Random(t.seed)
    n = t.nums
    names = {k: (translit_ru(v) if lang == "ru" else v) for k, v in t.people.items()}
    team1, team2 = fixed.sample(TEAMS, 2)
    s1 = fixed.randint(1, 4)
    return {"place": t.place.local(lang), "province_name": t.place.province,
            "day": t.when.strftime("%A"), "when": _when(t, lang),
            "a": str(int(n["a"])), "b": str(int(n["b"])), "c": str(int(n["c"])), "x": f"{n['x']:.2f}",
            "d": str(n["d"]), "a_ord": ("second", "third", "fourth", "fifth")[int(n["a"]) % 4],
            "c_small": str(50 + int(n["c"]) % 90), "b_small": str(2 + int(n["b"]) % 6),
            "nation": fixed.choice(NATIONS), "team1": team1, "team2": team2, "s1": str(s1),
            "s2": str(fixed.randint(0, s1 - 1)), "work": fixed.choice(WORKS), **names}


def write_topic(t: Topic, lang: str, k: int, rng: random.Random) -> tuple[str, list[str]]:
    """Headline and paragraphs of the ``k``-th outlet's telling of topic ``t``."""
    f = facts(t, lang)
    if lang != "en":
        return _write_intl(t, lang, rng, f)
    tpl = EN[t.topic]
    order = random.Random(t.seed).sample(range(3), 3)
    title = _cap(tpl["head"][order[k % 3]].format(**f))
    lead = tpl["lead"][order[(k + 1) % 3]]
    body = rng.sample(tpl["body"], 4)
    ctx = rng.sample(CONTEXT[t.section], 4)
    quotes = rng.sample(QUOTES, 2)
    paras = [[lead, body[0]], [body[1], body[2]], quotes[:1], [body[3], ctx[0]], ctx[1:3],
             [ctx[3], quotes[1]]]
    return title, [" ".join(_cap(s.format(**f)) for s in p) for p in paras]


def _write_intl(t: Topic, lang: str, rng: random.Random, f: dict[str, str]) -> tuple[str, list[str]]:
    head, lead = WHAT[t.topic][("fr", "es", "ru").index(lang)]
    if lang == "ru":  # the templates say "в {place}": use the prepositional case
        from .write_intl import RU_PREP

        f = {**f, "place": RU_PREP[t.place.key]}
    extra = rng.sample(INTL_EXTRA[lang], 4)
    paras = [[_cap(lead.format(**f)), extra[0]], extra[1:]]
    return _cap(head.format(**f)), [" ".join(p) for p in paras]
