"""Phrase tables shared by the writers: targets, devices, subjects, in each language.

Russian entries are given in the grammatical case their sentence frames need
(targets in the accusative, places of explosions in the genitive).
"""
from __future__ import annotations

# target key -> language -> (long form, short form)
TARGETS: dict[str, dict[str, tuple[str, str]]] = {
    "checkpoint": {"en": ("a police checkpoint", "checkpoint"),
                   "fr": ("un poste de contrôle de la police", "un poste de contrôle"),
                   "es": ("un puesto de control policial", "un puesto de control"),
                   "ru": ("полицейский блокпост", "блокпост")},
    "police_hq": {"en": ("the district police headquarters", "police headquarters"),
                  "fr": ("le commissariat du district", "un commissariat"),
                  "es": ("la comisaría del distrito", "una comisaría"),
                  "ru": ("районное управление полиции", "управление полиции")},
    "convoy": {"en": ("a military convoy", "army convoy"),
               "fr": ("un convoi militaire", "un convoi militaire"),
               "es": ("un convoy militar", "un convoy militar"),
               "ru": ("военную колонну", "колонну")},
    "border_post": {"en": ("a border post", "border post"),
                    "fr": ("un poste frontière", "un poste frontière"),
                    "es": ("un puesto fronterizo", "un puesto fronterizo"),
                    "ru": ("пограничный пост", "погранпост")},
    "district_office": {"en": ("the district governor's compound", "government compound"),
                        "fr": ("le siège du gouverneur du district", "le siège du district"),
                        "es": ("la sede del gobernador del distrito", "la sede del distrito"),
                        "ru": ("здание администрации района", "администрацию района")},
    "army_base": {"en": ("an army outpost", "army outpost"),
                  "fr": ("un avant-poste de l'armée", "un avant-poste"),
                  "es": ("un puesto avanzado del ejército", "un puesto del ejército"),
                  "ru": ("армейский опорный пункт", "опорный пункт")},
    "militia_post": {"en": ("a pro-government militia post", "militia post"),
                     "fr": ("un poste d'une milice progouvernementale", "un poste de milice"),
                     "es": ("un puesto de una milicia progubernamental", "un puesto de milicia"),
                     "ru": ("пост проправительственного ополчения", "пост ополчения")},
}

# explosion devices
DEVICES: dict[str, dict[str, str]] = {
    "roadside": {"en": "a roadside bomb", "fr": "une bombe artisanale placée en bord de route",
                 "es": "una bomba colocada al borde de la carretera",
                 "ru": "самодельное взрывное устройство на обочине"},
    "car": {"en": "a car bomb", "fr": "une voiture piégée", "es": "un coche bomba",
            "ru": "заминированный автомобиль"},
    "magnetic": {"en": "a magnetic bomb attached to a vehicle",
                 "fr": "une bombe magnétique fixée sous un véhicule",
                 "es": "una bomba magnética adherida a un vehículo",
                 "ru": "магнитная мина, прикреплённая к автомобилю"},
    "motorcycle": {"en": "explosives hidden in a parked motorcycle",
                   "fr": "des explosifs cachés dans une moto stationnée",
                   "es": "explosivos ocultos en una motocicleta aparcada",
                   "ru": "взрывчатка, спрятанная в припаркованном мотоцикле"},
}

# places where a bomb goes off: en / fr / es / ru(genitive, after "у")
SPOTS: dict[str, dict[str, str]] = {
    "bus_station": {"en": "a crowded bus station", "fr": "une gare routière bondée",
                    "es": "una estación de autobuses abarrotada", "ru": "переполненного автовокзала"},
    "market": {"en": "a busy vegetable market", "fr": "un marché aux légumes très fréquenté",
               "es": "un concurrido mercado de verduras", "ru": "оживлённого овощного рынка"},
    "mosque": {"en": "a mosque during evening prayers", "fr": "une mosquée pendant la prière du soir",
               "es": "una mezquita durante la oración vespertina", "ru": "мечети во время вечерней молитвы"},
    "school": {"en": "the gate of a boys' high school", "fr": "l'entrée d'un lycée de garçons",
               "es": "la puerta de un instituto masculino", "ru": "ворот школы для мальчиков"},
    "bank": {"en": "a bank branch where soldiers were collecting salaries",
             "fr": "une agence bancaire où des soldats retiraient leur solde",
             "es": "una sucursal bancaria donde soldados cobraban su salario",
             "ru": "отделения банка, где военные получали зарплату"},
}

# protest causes, statements and agreements: key -> lang -> phrase
SUBJECTS: dict[str, dict[str, str]] = {
    "power_cuts": {"en": "power cuts that leave neighbourhoods without electricity for up to {n} hours a day",
                   "fr": "les coupures d'électricité, qui privent certains quartiers de courant jusqu'à {n} heures par jour",
                   "es": "los cortes de electricidad, que dejan a barrios enteros sin luz hasta {n} horas al día",
                   "ru": "отключений электричества, из-за которых районы остаются без света до {n} часов в сутки"},
    "bread_prices": {"en": "the price of flour, which has risen by {n} percent since the autumn",
                     "fr": "le prix de la farine, en hausse de {n} % depuis l'automne",
                     "es": "el precio de la harina, que ha subido un {n} % desde el otoño",
                     "ru": "цен на муку, которые выросли на {n} процентов с осени"},
    "activist_arrest": {"en": "the detention of a local activist held for {n} days without charge",
                        "fr": "la détention d'un militant local, retenu depuis {n} jours sans inculpation",
                        "es": "la detención de un activista local, retenido desde hace {n} días sin cargos",
                        "ru": "задержания местного активиста, которого держат под стражей {n} дней без обвинения"},
    "unpaid_wages": {"en": "salaries that have gone unpaid for {n} months",
                     "fr": "des salaires impayés depuis {n} mois",
                     "es": "salarios impagados desde hace {n} meses",
                     "ru": "невыплаты зарплат в течение {n} месяцев"},
    "water": {"en": "water shortages that have dried up {n} wells in the district",
              "fr": "la pénurie d'eau qui a asséché {n} puits du district",
              "es": "la escasez de agua que ha secado {n} pozos del distrito",
              "ru": "нехватки воды, из-за которой пересохли {n} колодцев"},
    "ceasefire_offer": {"en": "a {n}-day ceasefire during the harvest season",
                        "fr": "un cessez-le-feu de {n} jours pendant la récolte",
                        "es": "un alto el fuego de {n} días durante la cosecha",
                        "ru": "о {n}-дневном прекращении огня на время сбора урожая"},
    "talks_rejected": {"en": "a rejection of peace talks proposed by {n} provincial councils",
                       "fr": "le rejet des pourparlers de paix proposés par {n} conseils provinciaux",
                       "es": "el rechazo de las conversaciones de paz propuestas por {n} consejos provinciales",
                       "ru": "об отказе от мирных переговоров, предложенных {n} провинциальными советами"},
    "security_plan": {"en": "a new security plan that will deploy {n} additional police officers",
                      "fr": "un nouveau plan de sécurité prévoyant le déploiement de {n} policiers supplémentaires",
                      "es": "un nuevo plan de seguridad que desplegará {n} policías adicionales",
                      "ru": "о новом плане безопасности, предусматривающем {n} дополнительных полицейских"},
    "power_line": {"en": "a {n}-kilometre high-voltage power line",
                   "fr": "une ligne à haute tension de {n} kilomètres",
                   "es": "una línea de alta tensión de {n} kilómetros",
                   "ru": "о строительстве ЛЭП протяжённостью {n} километров"},
    "rail_link": {"en": "a {n}-kilometre railway extension",
                  "fr": "une extension ferroviaire de {n} kilomètres",
                  "es": "una ampliación ferroviaria de {n} kilómetros",
                  "ru": "о продлении железной дороги на {n} километров"},
    "water_sharing": {"en": "the sharing of {n} million cubic metres of river water a year",
                      "fr": "le partage de {n} millions de mètres cubes d'eau fluviale par an",
                      "es": "el reparto de {n} millones de metros cúbicos de agua fluvial al año",
                      "ru": "о разделе {n} млн кубометров речной воды в год"},
}
PROTEST_SUBJECTS = ("power_cuts", "bread_prices", "activist_arrest", "unpaid_wages", "water")
GROUP_STATEMENTS = ("ceasefire_offer", "talks_rejected")
AGREEMENT_SUBJECTS = ("power_line", "rail_link", "water_sharing")

PARTNERS: dict[str, dict[str, str]] = {
    "uzbekistan": {"en": "Uzbekistan", "fr": "l'Ouzbékistan", "es": "Uzbekistán", "ru": "Узбекистаном"},
    "turkmenistan": {"en": "Turkmenistan", "fr": "le Turkménistan", "es": "Turkmenistán",
                     "ru": "Туркменистаном"},
    "tajikistan": {"en": "Tajikistan", "fr": "le Tadjikistan", "es": "Tayikistán", "ru": "Таджикистаном"},
    "kazakhstan": {"en": "Kazakhstan", "fr": "le Kazakhstan", "es": "Kazajistán", "ru": "Казахстаном"},
}

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve")
WEEKDAYS = {"en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
            "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
            "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
            "ru": ("в понедельник", "во вторник", "в среду", "в четверг", "в пятницу",
                   "в субботу", "в воскресенье")}
MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"),
          "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"),
          "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                 "septiembre", "octubre", "noviembre", "diciembre"),
          "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря")}


def number_word(n: int) -> str:
    """English word for small numbers, digits otherwise."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def time_of_day(hour: int) -> str:
    """An English phrase for the part of the day."""
    if 4 <= hour < 6:
        return "shortly before dawn"
    if 6 <= hour < 11:
        return "in the morning"
    if 11 <= hour < 14:
        return "around midday"
    if 14 <= hour < 18:
        return "in the afternoon"
    if 18 <= hour < 21:
        return "in the evening"
    return "late at night"
