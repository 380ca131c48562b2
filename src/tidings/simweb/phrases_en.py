"""English sentence templates for event reports, per event type.

A template may start with ``?cond`` (``dead``, ``nodead``, ``claimed``, ``unclaimed``,
``hurt``): it is used only when the condition holds for the event.
Slots are filled from :func:`tidings.simweb.write_en.facts`.
"""
from __future__ import annotations

EN: dict[str, dict[str, tuple[str, ...]]] = {
    "attack": {
        "head": ("?dead {Killed_w} killed as gunmen storm {target_short} in {place}",
                 "{acr} fighters attack {target_short} in {place}'s {district} district",
                 "?dead Attack on {target_short} in {place} leaves {killed} dead, {wounded} wounded",
                 "?dead {place}: {target_short} attacked, {killed} dead",
                 "?claimed {acr} claims {day} attack on {target_short} near {place}",
                 "Security forces fight off assault on {target_short} in {place}",
                 "?dead Deadly raid on {target_short} in {district}, {place}",
                 "Gunmen target {target_short} on outskirts of {place}",
                 "{place} {target_short} comes under fire from {acr}",
                 "Militants loyal to {leader} strike {target_short} in {district}",
                 "?nodead {Wounded_w} hurt as {acr} fighters raid {target_short} near {place}"),
        "lead": ("?dead Gunmen from the {group} attacked {target} in the {district} district of {place} "
                 "{tod} on {day}, killing {killed_pw} and wounding {wounded_w}, officials said.",
                 "?dead At least {killed_p} were killed and {wounded} injured when fighters loyal to "
                 "{leader} stormed {target} in {place} on {day}.",
                 "?dead {Killed_pw} died on {day} in an attack on {target} on the edge of {place}, "
                 "local authorities said, blaming the {acr}.",
                 "Militants of the {group} ({acr}) launched a coordinated assault on {target} in "
                 "{district}, {place}, {tod} on {date}.",
                 "?nodead An attack on {target} in {place} on {day} wounded {wounded_pw}, "
                 "although no deaths were reported, according to {official}.",
                 "Fighters loyal to {leader} attacked {target} near {landmark} in {place} {tod} on {day}, "
                 "setting off a gun battle with security forces that left {wounded_pw} wounded.",
                 "Security forces in {place} came under attack {tod} on {date} when {acr} gunmen opened "
                 "fire on {target} in the {district} area, officials said.",
                 "?dead An assault on {target} in the {district} district of {place} on {day} left "
                 "{killed_pw} dead, according to {official}, {official_title}.",
                 "?nodead Gunmen attacked {target} in {place} on {day}, wounding {wounded_pw} but killing "
                 "no one, {official} said.",
                 "?nodead The {group} attacked {target} in {district}, {place}, {tod} on {date}; officials "
                 "said the attackers were repelled without loss of life."),
        "detail": ("The attackers arrived in {vehicles} and opened fire with rifles and rocket-propelled "
                   "grenades, and the fighting lasted for about {hours_pw}.",
                   "According to {official}, {official_title}, the assailants first set fire to a guard "
                   "tower before forcing their way inside.",
                   "Among the wounded were {civ_w} civilians who had been waiting at the gate, hospital "
                   "staff said.",
                   "The attackers were equipped with night-vision goggles, a police officer told reporters.",
                   "Reinforcements were sent from the provincial capital and the area near {landmark} "
                   "was sealed off until late in the day.",
                   "Residents said they heard at least {blasts_w} explosions before the shooting stopped."),
        "quote": ("\"Our forces resisted bravely and the enemy suffered heavy losses,\" {official} said.",
                  "\"The situation is now under control and an investigation has begun,\" said {official}, "
                  "{official_title}.",
                  "\"This cowardly attack will not go unanswered,\" {official} told reporters in {place}."),
        "claim": ("?claimed In a message sent to journalists, {acr} spokesman {gspox} said the group had "
                  "carried out the attack and warned of more to come.",
                  "?claimed The {group} said in a statement that its fighters were behind the raid.",
                  "?unclaimed No group immediately claimed responsibility, but officials pointed to the "
                  "{acr}, which is active in the area.",
                  "?unclaimed The {acr} has not commented on the attack."),
        "close": ("The bodies were taken to the provincial hospital in {place}.",
                  "It was the deadliest incident in {district} since the start of the year, residents said.",
                  "Roads into the district remained closed on {next_day}.",
                  "Officials said the number of casualties could rise."),
    },
    "clash": {
        "head": ("Heavy fighting between army and {acr} in {place} province",
                 "?dead {Killed_w} dead as government forces and {acr} fighters clash near {place}",
                 "Clashes rage for {hours} hours in {district}, {place}",
                 "{place}: troops battle fighters loyal to {leader}",
                 "?dead Fighting in {district} leaves {killed} dead on both sides",
                 "Army and {acr} fighters exchange fire near {landmark}",
                 "Battle for {district}: troops push back {acr}",
                 "Fighting erupts between government forces and {acr} in {place}"),
        "lead": ("?dead Government forces and fighters of the {group} clashed for {hours_w} hours in the "
                 "{district} district of {place} on {day}, leaving {killed_pw} dead.",
                 "Fierce fighting broke out {tod} on {date} between security forces and {loyal} "
                 "near {landmark}, officials in {place} said.",
                 "?dead At least {killed_p} were killed in clashes between the army and the {acr} in "
                 "{place} province that lasted until {next_day}.",
                 "Troops backed by helicopters fought {acr} fighters around {district}, {place}, "
                 "for much of {day}, with {wounded_p} reported wounded.",
                 "Heavy fighting erupted {tod} on {day} in the {district} district of {place} between the "
                 "army and {loyal}, officials said, with {killed_pw} reported dead.",
                 "The army said it had pushed back an offensive by the {group} around {district}, {place}, "
                 "after clashes on {date} that killed {killed_pw}."),
        "detail": ("The fighting began when {acr} units tried to take control of a road linking "
                   "{district} to the provincial centre.",
                   "?dead {official}, {official_title}, said {killed_w} of the dead were fighters and the rest "
                   "were soldiers and police officers.",
                   "Families fled their homes as mortar rounds landed near {landmark}, residents said.",
                   "Electricity and mobile phone networks were cut in parts of the district during the fighting.",
                   "Both sides claimed to have inflicted heavy losses; the figures could not be "
                   "independently verified."),
        "quote": ("\"The enemy was pushed back and our positions are secure,\" {official} said.",
                  "\"We could hear heavy weapons all night,\" said {witness}, {witness_age}, a {witness_job} "
                  "from {district}.",
                  "\"Our fighters defended the people of {district},\" {acr} spokesman {gspox} said."),
        "claim": ("The {acr} said it had captured two army checkpoints, a claim denied by the ministry "
                  "of defence.",
                  "Defence ministry spokesman {defence_spox} said the operation would continue."),
        "close": ("Shops in {place} stayed closed on {next_day}.",
                  "Aid groups said hundreds of families had been displaced by the fighting.",
                  "Fighting in the province has intensified in recent weeks."),
    },
    "air_strike": {
        "head": ("?dead Air strike on {acr} hideout in {place} kills {killed}",
                 "Government jets hit {acr} positions in {district}",
                 "?dead Residents say civilians among {killed} killed in {place} air strike",
                 "{place}: military says air raid killed {acr} commanders",
                 "Military jets strike {district} in {place} province",
                 "{acr} says air raid near {place} hit civilians"),
        "lead": ("?dead An air strike by government forces on a suspected {acr} hideout in the {district} "
                 "district of {place} killed {killed_pw} {tod} on {day}, officials said.",
                 "?dead Military aircraft bombed positions of the {group} near {place} on {date}, the "
                 "defence ministry said, reporting {killed} fighters killed.",
                 "?dead Residents of {district} in {place} province said {civ_w} civilians were among the "
                 "{killed_p} killed in an air raid on {day}.",
                 "Government warplanes struck what officials described as an {acr} training camp near "
                 "{place} {tod} on {day}, killing {killed_pw}.",
                 "The defence ministry said on {date} that an air strike in {district}, {place}, had "
                 "killed {killed_pw}, most of them {acr} fighters.",
                 "At least {killed_p} were killed when aircraft bombed a compound in the {district} "
                 "district of {place} on {day}, residents and officials said."),
        "detail": ("Defence ministry spokesman {defence_spox} said the strike targeted a meeting of "
                   "local {acr} commanders.",
                   "Villagers said the bombs hit two houses and a small mosque, and that {wounded_p} "
                   "were taken to hospital.",
                   "Footage shared online showed a large crater and the ruins of a mud-brick compound.",
                   "The ministry said the operation had been planned for several weeks on the basis of "
                   "intelligence reports."),
        "quote": ("\"We only target terrorists, and we take every precaution,\" {defence_spox} said.",
                  "\"My cousin and his two sons were killed, they were farmers,\" said {witness}, a "
                  "resident of {district}.",
                  "\"The government is killing civilians and calling them fighters,\" {acr} spokesman "
                  "{gspox} said."),
        "claim": ("The {acr} denied that any of its commanders had been killed.",
                  "A local elder said the dead were buried the same evening."),
        "close": ("The provincial council called for an inquiry into the civilian casualties.",
                  "The claims could not be verified as the area is hard to reach."),
    },
    "explosion": {
        "head": ("?dead Blast near {spot_short} in {place} kills {killed}",
                 "?dead {Killed_w} dead, {wounded} hurt in {place} explosion",
                 "Bomb explodes in {place}'s {district} district",
                 "?dead {device_short} kills {killed} in {place}",
                 "?nodead Explosion in {place} wounds {wounded}",
                 "Explosion rocks {district} district of {place}",
                 "Bomb blast near {spot_short} in {place}",
                 "{device_short} goes off in {place}'s {district} area",
                 "Police investigate {day} blast in {place}"),
        "lead": ("?dead An explosion caused by {device} tore through {spot} in the {district} area of {place} "
                 "{tod} on {day}, killing {killed_pw} and wounding {wounded_w}.",
                 "?dead At least {killed_p} were killed and {wounded} wounded on {date} when {device} "
                 "went off near {spot} in {place}, police said.",
                 "?dead {Device} exploded near {spot} in {place} on {day}, leaving {killed_pw} dead, "
                 "according to {official}.",
                 "?nodead {Device} went off near {spot} in {place} on {day}, wounding {wounded_pw} "
                 "but killing no one, police said.",
                 "A powerful explosion shook the {district} area of {place} {tod} on {day} when {device} "
                 "went off near {spot}, police said.",
                 "Police in {place} said {device} had exploded near {spot} on {date}, with {wounded_pw} "
                 "wounded.",
                 "?dead {Device} killed {killed_pw} near {spot} in {place} on {day}, according to "
                 "hospital officials.",
                 "?nodead Police defused a second device after a blast near {spot} in {place} on {day} "
                 "that wounded {wounded_pw}.",
                 "{Device} detonated near {spot} in the {district} area of {place} {tod} on {date}, "
                 "officials said."),
        "detail": ("The blast shattered windows along {landmark} and set several cars on fire.",
                   "{official}, {official_title}, said children were among the wounded.",
                   "Police cordoned off the area and bomb disposal teams searched for a second device.",
                   "Ambulances took the wounded to three hospitals in the city, some of them in critical condition.",
                   "Witnesses described a thick column of black smoke rising over the {district} area."),
        "quote": ("\"I was thrown to the ground, and when I stood up there were bodies everywhere,\" "
                  "said {witness}, a {witness_job} who was nearby.",
                  "\"It was a very powerful explosion, the whole street shook,\" {witness}, {witness_age}, "
                  "told reporters.",
                  "\"We have opened an investigation and will find those responsible,\" {official} said."),
        "claim": ("?unclaimed No group has claimed responsibility for the bombing.",
                  "?unclaimed It was not immediately clear who was behind the blast.",
                  "?claimed The {group} later claimed the bombing in a statement.",
                  "?claimed The {acr} said it had targeted security personnel."),
        "close": ("Hospitals in {place} appealed for blood donations.",
                  "The area reopened to traffic in the evening.",
                  "Several bombings have hit the city in recent months."),
    },
    "killing": {
        "head": ("{victim_role_cap} shot dead in {place}",
                 "Gunmen kill {victim} in {place}",
                 "{victim}, {victim_role}, killed in {district}",
                 "{place}: {victim_role} assassinated on way home",
                 "Unknown gunmen assassinate {victim_role} in {district}",
                 "{victim} killed in targeted shooting in {place}"),
        "lead": ("{victim}, {victim_role}, was shot dead by unidentified gunmen in the {district} area "
                 "of {place} {tod} on {day}, police said.",
                 "Gunmen on a motorcycle killed {victim_role} in {place} on {date}, according to "
                 "{official}.",
                 "{victim}, known as {victim_role} in {place}, was killed on {day} as he left his "
                 "home in {district}.",
                 "Police in {place} are investigating the killing of {victim}, {victim_role}, who was "
                 "shot {tod} on {day} in {district}.",
                 "{victim_role_cap} {victim} died on {date} after gunmen opened fire on his car in {place}, "
                 "officials said.",
                 "Unidentified attackers shot and killed {victim}, {victim_role}, near {landmark} in "
                 "{place} on {day}."),
        "detail": ("The attackers fired several shots at close range and fled before police arrived.",
                   "{victim} had received threats in recent months, his relatives said.",
                   "A passer-by was also wounded in the attack, {official} said.",
                   "He had survived an earlier attempt on his life two years ago, colleagues said.",
                   "Police said they had found {blasts_w} bullet casings at the scene."),
        "quote": ("\"He was a voice for the people of {district},\" said {witness}, a relative.",
                  "\"We will bring the killers to justice,\" {official}, {official_title}, said.",
                  "\"Nobody is safe here any more,\" said {witness}, a {witness_job} from the area."),
        "claim": ("?unclaimed No one has claimed responsibility for the killing.",
                  "?claimed The {acr} said it had killed {victim}, accusing him of working for the "
                  "government.",
                  "Rights groups condemned the killing and called for an independent inquiry."),
        "close": ("He was buried in {place} on {next_day}.",
                  "Several similar killings have been reported in the province this year."),
    },
    "kidnapping": {
        "head": ("{count_w_cap} abducted on road near {place}",
                 "Gunmen kidnap {victim} and {others_w} others in {place}",
                 "{place}: {count} people seized from bus in {district}",
                 "Kidnappers demand ransom for {victim}",
                 "Passengers abducted on highway near {place}",
                 "{place}: search under way for {count} kidnapped travellers"),
        "lead": ("A search was under way on {day} for {count_w} people, among them {victim_role} "
                 "{victim}, who were abducted near {place}.",
                 "Kidnappers seized {count_w} travellers on the road through {district} in {place} "
                 "province {tod} on {date}, officials said.",
                 "Gunmen abducted {victim}, {victim_role}, together with {others_w} companions, on the "
                 "outskirts of {place} on {day}.",
                 "Armed men abducted {count_w} people, including {victim}, {victim_role}, on a road "
                 "in the {district} district of {place} on {day}, officials said.",
                 "{victim}, {victim_role}, and {others_w} other passengers were taken from a bus near "
                 "{place} {tod} on {date}.",
                 "Unidentified gunmen kidnapped {count} people near {landmark} in {place} on {day}."),
        "detail": ("The gunmen stopped the vehicle at a makeshift checkpoint and forced the passengers "
                   "into two cars.",
                   "Relatives said the kidnappers had demanded a ransom of {ransom} dollars.",
                   "{official}, {official_title}, said a search operation was under way.",
                   "The passengers were travelling to {place} for a wedding, relatives said.",
                   "Police set up additional checkpoints on the roads leading out of {district}."),
        "quote": ("\"We beg them to release our people,\" said {witness}, a relative of one of the "
                  "hostages.",
                  "\"Tribal elders are in contact with the kidnappers,\" {official} said."),
        "claim": ("?unclaimed No group has said it was behind the abduction.",
                  "?claimed The {acr} said it was holding the group and accused them of spying."),
        "close": ("Kidnappings for ransom have become common on roads around {place}.",
                  "Traffic on the road was suspended for several hours."),
    },
    "arrest": {
        "head": ("Police arrest {count} suspected {acr} members in {place}",
                 "{count} held in {place} raids on {acr} network",
                 "Security forces detain {count_w} over {place} attacks",
                 "{place}: weapons seized as {count} suspects held",
                 "Interior ministry says {acr} cell dismantled in {place}",
                 "Dawn raids in {place}: {count} detained"),
        "lead": ("A cell of the {group} has been dismantled in {place}, with {count_w} suspects "
                 "arrested on {day}, officials said.",
                 "Police raided homes across {district} in {place} before dawn on {date} and detained "
                 "{count} suspected {acr} members.",
                 "{count_w_cap} suspected militants were detained in {place} on {day} in an operation "
                 "against the {acr}, according to {interior_spox}.",
                 "Security forces arrested {count_w} suspected members of the {group} in a series of "
                 "raids in {place} on {day}, the interior ministry said.",
                 "Police in {place} said on {date} they had detained {count} people accused of "
                 "planning attacks for the {acr}.",
                 "The interior ministry announced the arrest of {count} suspects in the {district} "
                 "district of {place}, saying they belonged to a cell of the {acr}."),
        "detail": ("Officers seized {amount} weapons, explosives and mobile phones during the operation.",
                   "Interior ministry spokesman {interior_spox} said the suspects had confessed to "
                   "planning attacks in the city.",
                   "Among those detained was a man described as the cell's financial organiser.",
                   "The raids were carried out before dawn in {blasts_w} neighbourhoods of the city.",
                   "Officials said the cell had been under surveillance for months."),
        "quote": ("\"This network was responsible for several attacks,\" {interior_spox} said.",
                  "\"They came at night and took my brother, he is innocent,\" said {witness}, from "
                  "{district}."),
        "claim": ("The {acr} denied that those arrested were its members.",
                  "The suspects will be handed over to prosecutors, the ministry said."),
        "close": ("Officials said further arrests were expected.",
                  "The ministry released photographs of the seized weapons."),
    },
    "protest": {
        "head": ("Hundreds protest in {place} over {subject_short}",
                 "{place} residents take to the streets over {subject_short}",
                 "Protesters block roads in {place}",
                 "?hurt Police clash with protesters in {place}, {wounded} hurt",
                 "Crowds gather outside governor's office in {place}",
                 "Anger over {subject_short} spills onto streets of {place}",
                 "{place}: demonstrators demand action on {subject_short}"),
        "lead": ("About {count} people protested in {place} on {day} against {subject}.",
                 "Hundreds of demonstrators gathered in {place} on {date}, protesting against {subject}.",
                 "Anger over {subject} brought around {count} people onto the streets of {place} {tod} "
                 "on {day}.",
                 "Shopkeepers, students and workers joined a protest in the {district} area of {place} on "
                 "{day} against {subject}.",
                 "Residents of {place} marched to the governor's office on {date} to protest against "
                 "{subject}.",
                 "Protesters blocked {landmark} in {place} {tod} on {day}, demanding an end to "
                 "{subject}."),
        "detail": ("Organisers said around {count} people took part, while police put the figure lower.",
                   "?hurt Police fired into the air to disperse the crowd, and {wounded_p} were hurt.",
                   "Protesters carried banners and chanted slogans against the local administration.",
                   "Shopkeepers in the {district} area closed their shops in solidarity."),
        "quote": ("\"We have waited long enough, nobody listens to us,\" said {witness}, a {witness_job}.",
                  "\"The governor has promised a solution within a week,\" {official} said.",
                  "\"We will come back every day until something changes,\" {witness}, {witness_age}, said."),
        "claim": ("The governor of {province_name}, {governor}, promised to meet the protesters' "
                  "representatives.",
                  "Officials blamed the situation on problems beyond their control."),
        "close": ("The protest ended peacefully in the afternoon.",
                  "Similar protests have taken place in other cities this month."),
    },
    "statement": {
        "head": ("{speaker_short} announces {subject_short}",
                 "{speaker_short}: {subject_short}",
                 "{place}: {speaker_short} statement on {subject_short}",
                 "{speaker_short} sets out {subject_short}",
                 "New announcement by {speaker_short} on {subject_short}",
                 "{speaker_short} statement: {subject_short}"),
        "lead": ("{speaker} announced {subject} in a statement released in {place} on {day}.",
                 "{speaker} on {date} announced {subject}, in a move that surprised many observers in "
                 "{place}.",
                 "A statement from {speaker} released on {day} set out {subject}.",
                 "{speaker} has announced {subject}, according to a statement seen by reporters in "
                 "{place} on {day}.",
                 "In a statement issued on {date}, {speaker} announced {subject}.",
                 "Speaking in {place} on {day}, {speaker} used a statement to announce {subject}."),
        "detail": ("The statement was published on social media and read out at a press conference.",
                   "Observers said the announcement was aimed at local elders who have pushed for calm.",
                   "The statement did not say when the measure would take effect.",
                   "Diplomats in {capital} said they had been informed in advance.",
                   "The announcement was welcomed by several provincial councils."),
        "quote": ("\"This decision serves the interests of the people,\" the statement said.",
                  "\"We will judge them by their actions, not their words,\" said {official}."),
        "claim": ("Rival factions have yet to respond to the announcement.",
                  "Officials in {place} said they were studying the statement."),
        "close": ("Previous announcements of this kind have not lasted long.",
                  "The statement came after a week of tension in the province."),
    },
    "agreement": {
        "head": ("Government signs deal with {partner} on {subject_short}",
                 "{partner} and government agree {subject_short} worth {amount} million dollars",
                 "{amount} million dollar {subject_short} deal signed with {partner}",
                 "Deal signed for {subject_short} with {partner}",
                 "{partner} to help build {subject_short}",
                 "Government and {partner} seal {subject_short} agreement"),
        "lead": ("A {amount} million dollar agreement for {subject} was signed with {partner} on "
                 "{date}, the economy ministry said.",
                 "{partner} will help finance {subject} under an agreement signed in {place} on {day}.",
                 "The economy ministry and {partner} on {day} agreed on {subject}, a project valued at "
                 "{amount} million dollars.",
                 "The government signed an agreement with {partner} on {day} for {subject}, worth "
                 "{amount} million dollars, officials said.",
                 "{partner} and the government agreed on {date} to build {subject}, in a deal "
                 "signed in {place}.",
                 "Officials from {partner} and the economy ministry signed a {amount} million dollar "
                 "agreement on {subject} in {place} on {day}."),
        "detail": ("Economy minister {economy_minister} said work would start within six months.",
                   "The project is expected to create around {jobs} jobs, the ministry said.",
                   "The deal is part of a wider plan to improve regional trade and energy links.",
                   "The agreement was signed by the two sides' ministers in the presence of diplomats.",
                   "Engineers from both countries will form a joint committee to oversee the work."),
        "quote": ("\"This agreement opens a new chapter in our cooperation,\" {economy_minister} said.",
                  "\"It will bring real benefits to ordinary families,\" a ministry official said."),
        "claim": ("Critics questioned how the project would be financed.",
                  "Details of the financing were not disclosed."),
        "close": ("A first phase is due to be completed next year.",
                  "Similar agreements signed in the past have been delayed."),
    },
}
