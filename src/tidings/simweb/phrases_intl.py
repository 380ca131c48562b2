"""French, Spanish and Russian sentence frames for event reports (shorter than English).

Same ``?cond`` prefixes as :mod:`phrases_en`. ``{kp}``/``{wp}`` are "N dead"/"N wounded"
with the right plural, ``{at}`` is "in <city>" with the right preposition or case.
"""
from __future__ import annotations

FR = {
    "head": {
        "attack": ("?dead {Place} : {kp} dans une attaque contre {target_short}",
                   "Attaque du {acr} contre {target_short} près de {place}"),
        "clash": ("Violents combats entre l'armée et le {acr} près de {place}",
                  "{Place} : {kp} dans des affrontements avec le {acr}"),
        "air_strike": ("Frappe aérienne contre le {acr} près de {place} : {kp}",
                       "{Place} : des civils parmi les victimes d'un bombardement"),
        "explosion": ("?dead Explosion meurtrière {at} : {kp}", "Une bombe explose {at}"),
        "killing": ("{Victim_role} abattu {at}", "{victim} assassiné {at}"),
        "kidnapping": ("{count} personnes enlevées près de {place}", "Enlèvement de {victim} près de {place}"),
        "arrest": ("{count} membres présumés du {acr} arrêtés {at}", "Coup de filet contre le {acr} {at}"),
        "protest": ("Manifestation {at} contre {subject_short}", "{Place} : la colère gronde contre {subject_short}"),
        "statement": ("{speaker_short} annonce {subject_short}", "{Place} : déclaration de {speaker_short}"),
        "agreement": ("Accord avec {partner} sur {subject_short}", "{amount} millions de dollars pour {subject_short}"),
    },
    "lead": {
        "violent": ("?dead Le bilan {of_event} survenu{e} {when} {at} s'élève à {kp} et {wp}, "
                    "selon {official}, {official_title}.",),
        "attack": ("?dead Des combattants du {group} ({acr}) ont attaqué {target} dans le district de "
                   "{district}, {at}, {when}, faisant {kp} et {wp}, selon les autorités locales.",
                   "?nodead Une attaque du {acr} contre {target} {at} a fait {wp} {when}, sans faire "
                   "de mort, selon {official}."),
        "clash": ("Des affrontements entre les forces gouvernementales et les combattants fidèles à "
                  "{leader} ont duré {hours} heures {when} dans le district {de_district}, {at}.",),
        "air_strike": ("Une frappe aérienne de l'armée contre une cache présumée du {acr} a fait {kp} "
                       "{when} dans le district {de_district}, {at}.",),
        "explosion": ("?dead L'explosion d'{device} près d'{spot} a fait {kp} et {wp} {when} {at}, a "
                      "indiqué la police.",
                      "?nodead L'explosion d'{device} près d'{spot} a fait {wp} {when} {at}."),
        "killing": ("{victim}, {victim_role}, a été abattu par des hommes armés non identifiés {when} "
                    "dans le quartier {de_district}, {at}.",),
        "kidnapping": ("Des hommes armés ont enlevé {count} personnes, dont {victim}, {victim_role}, "
                       "sur une route du district de {district}, {at}, {when}.",),
        "arrest": ("Les forces de sécurité ont arrêté {count} membres présumés du {group} lors d'une "
                   "série de raids {at} {when}, a annoncé le ministère de l'Intérieur.",),
        "protest": ("Environ {count} personnes ont manifesté {when} {at} contre {subject}.",),
        "statement": ("{Speaker} a annoncé {subject} dans un communiqué publié {when}.",),
        "agreement": ("Le gouvernement a signé {when} {at} un accord avec {partner} portant sur "
                      "{subject}, pour un montant de {amount} millions de dollars.",),
    },
    "detail": ("Selon un témoin, les assaillants ont pris la fuite avant l'arrivée des renforts.",
               "?hurt Les blessés ont été transportés à l'hôpital provincial, où plusieurs se trouvent "
               "dans un état grave.",
               "Les forces de sécurité ont bouclé le secteur pendant plusieurs heures.",
               "Ce bilan n'a pas pu être vérifié de source indépendante.",
               "Une enquête a été ouverte, a précisé le ministère de l'Intérieur."),
    "civil": ("Les autorités locales ont promis d'examiner la question dans les prochains jours.",
              "Plusieurs responsables provinciaux ont salué cette initiative.",
              "Les détails du calendrier n'ont pas été rendus publics.",
              "L'annonce a suscité de nombreuses réactions sur les réseaux sociaux."),
    "quote": ("« La situation est sous contrôle », a déclaré {official}.",
              "« Nous avons entendu des tirs pendant des heures », raconte {witness}, {witness_age} ans, "
              "{witness_job} dans le quartier."),
    "cquote": ("« Nous attendons des actes, pas des promesses », estime {witness}, {witness_age} ans.",
               "« C'est une étape importante pour la région », a déclaré {official}."),
    "claim": ("?claimed Le {acr} a revendiqué l'opération dans un message adressé aux journalistes.",
              "?unclaimed Aucun groupe n'a revendiqué l'attaque dans l'immédiat."),
    "context_v": ("Selon la mission des Nations unies, le nombre de victimes civiles a nettement augmenté "
                  "depuis le début de l'année.",
                  "Les routes autour de {place} sont devenues de plus en plus dangereuses.",
                  "Les hôpitaux de la région manquent de médicaments et de personnel."),
    "context_c": ("L'économie peine à se relever depuis la baisse de l'aide internationale.",
                  "Les prix des produits de base ont fortement augmenté au cours de l'année écoulée.",
                  "Le gouvernement a promis d'investir dans les infrastructures des provinces."),
    "group": ("Le {group}, dirigé par {leader}, est actif depuis {founded} dans {region}.",
              "Selon les analystes, le {acr} compterait {fighters}."),
    "close": ("{Place} est l'une des principales villes du pays.",
              "La violence s'est intensifiée dans la région ces derniers mois.",
              "La population attend désormais des mesures concrètes."),
}

ES = {
    "head": {
        "attack": ("?dead {Place}: {kp} en un ataque contra {target_short}",
                   "Ataque del {acr} contra {target_short} cerca de {place}"),
        "clash": ("Intensos combates entre el ejército y el {acr} cerca de {place}",
                  "{Place}: {kp} en enfrentamientos con el {acr}"),
        "air_strike": ("Bombardeo contra el {acr} cerca de {place}: {kp}",
                       "{Place}: civiles entre las víctimas de un ataque aéreo"),
        "explosion": ("?dead Explosión mortal {at}: {kp}", "Estalla una bomba {at}"),
        "killing": ("Asesinado {victim_role} {at}", "Matan a tiros a {victim} {at}"),
        "kidnapping": ("Secuestradas {count} personas cerca de {place}", "Secuestran a {victim} cerca de {place}"),
        "arrest": ("Detenidos {count} presuntos miembros del {acr} {at}", "Golpe policial contra el {acr} {at}"),
        "protest": ("Protesta {at} por {subject_short}", "{Place}: cientos de personas protestan por {subject_short}"),
        "statement": ("{speaker_short} anuncia {subject_short}", "{Place}: comunicado de {speaker_short}"),
        "agreement": ("Acuerdo con {partner} sobre {subject_short}", "{amount} millones de dólares para {subject_short}"),
    },
    "lead": {
        "violent": ("?dead El balance {of_event} {when} {at} asciende a {kp} y {wp}, según {official}, "
                    "{official_title}.",),
        "attack": ("?dead Combatientes del {group} ({acr}) atacaron {target} en el distrito de {district}, "
                   "{at}, {when}, y causaron {kp} y {wp}, según las autoridades locales.",
                   "?nodead Un ataque del {acr} contra {target} {at} dejó {wp} {when}, sin víctimas "
                   "mortales, según {official}."),
        "clash": ("Los combates entre las fuerzas del gobierno y los combatientes leales a {leader} "
                  "duraron {hours} horas {when} en el distrito de {district}, {at}.",),
        "air_strike": ("Un bombardeo del ejército contra un presunto escondite del {acr} causó {kp} {when} "
                       "en el distrito de {district}, {at}.",),
        "explosion": ("?dead La explosión de {device} cerca de {spot} causó {kp} y {wp} {when} {at}, "
                      "informó la policía.",
                      "?nodead La explosión de {device} cerca de {spot} dejó {wp} {when} {at}."),
        "killing": ("{victim}, {victim_role}, fue asesinado a tiros por hombres armados sin identificar "
                    "{when} en el barrio de {district}, {at}.",),
        "kidnapping": ("Hombres armados secuestraron a {count} personas, entre ellas {victim}, "
                       "{victim_role}, en una carretera del distrito de {district}, {at}, {when}.",),
        "arrest": ("Las fuerzas de seguridad detuvieron a {count} presuntos miembros del {group} en una "
                   "serie de redadas {at} {when}, informó el Ministerio del Interior.",),
        "protest": ("Unas {count} personas se manifestaron {when} {at} contra {subject}.",),
        "statement": ("{Speaker} anunció {subject} en un comunicado difundido {when}.",),
        "agreement": ("El gobierno firmó {when} {at} un acuerdo con {partner} sobre {subject}, por "
                      "valor de {amount} millones de dólares.",),
    },
    "detail": ("Según un testigo, los atacantes huyeron antes de la llegada de los refuerzos.",
               "?hurt Los heridos fueron trasladados al hospital provincial, donde varios se encuentran "
               "en estado grave.",
               "Las fuerzas de seguridad acordonaron la zona durante varias horas.",
               "El balance no pudo ser verificado de forma independiente.",
               "El Ministerio del Interior abrió una investigación."),
    "civil": ("Las autoridades locales prometieron estudiar la cuestión en los próximos días.",
              "Varios responsables provinciales celebraron la iniciativa.",
              "No se han hecho públicos los detalles del calendario.",
              "El anuncio generó numerosas reacciones en las redes sociales."),
    "quote": ("\"La situación está bajo control\", declaró {official}.",
              "\"Oímos disparos durante horas\", relató {witness}, de {witness_age} años, {witness_job} "
              "del barrio."),
    "cquote": ("\"Queremos hechos, no promesas\", afirmó {witness}, de {witness_age} años.",
               "\"Es un paso importante para la región\", declaró {official}."),
    "claim": ("?claimed El {acr} reivindicó la operación en un mensaje enviado a los periodistas.",
              "?unclaimed Ningún grupo se ha atribuido por ahora el ataque."),
    "context_v": ("Según la misión de Naciones Unidas, el número de víctimas civiles ha aumentado "
                  "claramente desde principios de año.",
                  "Las carreteras en torno a {place} son cada vez más peligrosas.",
                  "Los hospitales de la región carecen de medicamentos y de personal."),
    "context_c": ("La economía lucha por recuperarse desde la reducción de la ayuda internacional.",
                  "Los precios de los productos básicos han subido con fuerza en el último año.",
                  "El gobierno ha prometido invertir en infraestructuras en las provincias."),
    "group": ("El {group}, dirigido por {leader}, opera desde {founded} en {region}.",
              "Según los analistas, el {acr} cuenta con {fighters}."),
    "close": ("{Place} es una de las principales ciudades del país.",
              "La violencia se ha intensificado en la región en los últimos meses.",
              "La población espera ahora medidas concretas."),
}

RU = {
    "head": {
        "attack": ("?dead {Place}: {kp} при нападении на {target_short}",
                   "{acr} атаковал {target_short} {at}"),
        "clash": ("Ожесточённые бои между армией и {acr} {at}", "{Place}: {kp} в ходе боёв с {acr}"),
        "air_strike": ("Авиаудар по позициям {acr} {at}: {kp}", "{Place}: среди жертв авиаудара есть мирные жители"),
        "explosion": ("?dead Взрыв {at}: {kp}", "Взрыв прогремел {at}"),
        "killing": ("{at_cap} убит {victim_role}", "{at_cap} застрелен {victim}"),
        "kidnapping": ("{at_cap} похищены {count_people}", "{at_cap} похищен {victim}"),
        "arrest": ("{at_cap} задержаны предполагаемые члены {acr}", "Спецоперация против {acr} {at}"),
        "protest": ("{at_cap} прошла акция протеста", "{Place}: жители вышли на улицы"),
        "statement": ("{speaker_short}: заявление {subject_short}", "{Place}: новое заявление {speaker_short}"),
        "agreement": ("Подписано соглашение с {partner}", "Сделка на {amount} млн долларов с {partner}"),
    },
    "lead": {
        "violent": ("?dead {when} {at} {kp}, {wp} — такие данные привёл {official}.",),
        "attack": ("?dead Боевики группировки «{group}» ({acr}) {when} атаковали {target} {at}; "
                   "{kp}, {wp}, сообщили местные власти.",
                   "?nodead {when} боевики {acr} атаковали {target} {at}; погибших нет, {wp}."),
        "clash": ("{when} {at} несколько часов шли бои между правительственными силами и "
                  "боевиками {acr}, которых возглавляет {leader}; {kp}.",),
        "air_strike": ("{when} военная авиация нанесла удар по предполагаемому укрытию {acr} {at}; "
                       "{kp}.",),
        "explosion": ("?dead {when} {at} у {spot} прогремел взрыв ({device}); {kp}, {wp}, сообщила "
                      "полиция.",
                      "?nodead {when} {at} у {spot} прогремел взрыв ({device}); {wp}."),
        "killing": ("{when} {at} неизвестными был застрелен {victim} — {victim_role}.",),
        "kidnapping": ("{when} {at} вооружённые люди похитили {count_people}; среди похищенных — "
                       "{victim}, {victim_role}.",),
        "arrest": ("{when} силы безопасности задержали {at} {count_people}, подозреваемых в связях с "
                   "{acr}, сообщило МВД.",),
        "protest": ("{when} {at} около {count_people} вышли на акцию протеста против {subject}.",),
        "statement": ("{when} {speaker} распространил{ru_a} заявление {subject}.",),
        "agreement": ("{when} {at} правительство подписало соглашение с {partner} {subject} на сумму "
                      "{amount} млн долларов.",),
    },
    "detail": ("По словам очевидцев, нападавшие скрылись до прибытия подкрепления.",
               "?hurt Раненых доставили в провинциальную больницу, состояние некоторых тяжёлое.",
               "Силы безопасности оцепили район на несколько часов.",
               "Независимо проверить эти данные не удалось.",
               "МВД возбудило расследование."),
    "civil": ("Местные власти пообещали рассмотреть вопрос в ближайшие дни.",
              "Ряд провинциальных чиновников приветствовал это решение.",
              "Подробности графика не разглашаются.",
              "Новость широко обсуждается в социальных сетях."),
    "quote": ("«Ситуация под контролем», — заявил {official}.",
              "«Мы несколько часов слышали стрельбу», — рассказал местный житель {witness}."),
    "cquote": ("«Нам нужны дела, а не обещания», — говорит местный житель {witness}.",
               "«Это важный шаг для всего региона», — заявил {official}."),
    "claim": ("?claimed Группировка {acr} взяла на себя ответственность за нападение.",
              "?unclaimed Ни одна группировка пока не взяла на себя ответственность."),
    "context_v": ("По данным миссии ООН, число жертв среди мирного населения с начала года заметно выросло.",
                  "Дороги в провинции становятся всё опаснее.",
                  "Больницам региона не хватает лекарств и персонала."),
    "context_c": ("Экономика с трудом восстанавливается после сокращения международной помощи.",
                  "Цены на основные продукты за последний год заметно выросли.",
                  "Правительство обещает вкладывать средства в инфраструктуру провинций."),
    "group": ("Группировку «{group}» возглавляет {leader}; она действует с {founded} года.",
              "По оценкам аналитиков, в рядах {acr} — {fighters}."),
    "close": ("{Place} — один из крупнейших городов региона.",
              "В последние месяцы насилие в регионе усилилось.",
              "Жители ждут от властей конкретных мер."),
}
