# charter.dsl with three months' notice of denunciation instead of six (docs/diff.md).
# The Liptako-Gourma Charter establishing the Alliance of Sahel States (AES), transcribed.
#
# Source of every clause: ../shared/charter/REFERENCE.md (paraphrases of the French text and of
# the English translation). Articles 1 to 8 carry their numbers. The final clauses are known by
# subject only: their numbers (somewhere in 9 to 17) are not verified, so they are labelled by
# subject and marked `unverified`, and every answer that cites them says so.

charter "Liptako-Gourma Charter establishing the Alliance of Sahel States" {
  signed 2023-09-16 at "Bamako"
  in_force 2023-09-16
}

# ---- Vocabulary ---------------------------------------------------------------------------------

kind state "a sovereign state"
kind organisation "an international or regional organisation"
kind armed_group "a non-state armed group, including a terrorist group"
kind mercenaries "a mercenary force or irregular force"
kind measure "a measure proposed for decision by the Alliance"

party burkina_faso "Burkina Faso"
party mali "Mali"
party niger "Niger"

actor ecowas "ECOWAS": organisation

# Where a party's defence and security forces are (Art. 7 covers them even outside the area).
sort area = inside_alliance_area | outside_alliance_area

# What an attack can be aimed at (Arts. 6 and 7).
sort target = territory(state) | sovereignty(state) | forces(state, area) | ships(state)
            | aircraft(state) | airspace(state)

# The means of a blockade (Art. 8(b) covers only blockades by armed forces).
sort means = armed_forces | other_means

event rebellion(rebel: actor, state: state) "{rebel} leads an armed rebellion in {state}"
event threat(source: actor, state: state)
  "{source} threatens the territorial integrity or sovereignty of {state}"
event force_necessary(against: actor, state: state)
  "peaceful means have failed: force is necessary against {against} to restore peace in {state}"
event terrorism(perpetrator: actor, state: state) "{perpetrator} commits terrorist acts in {state}"
event organised_crime(perpetrator: actor, state: state)
  "{perpetrator} carries on organised crime in {state}"
event accession_request(candidate: state) "{candidate} requests accession"
event proposed(measure: measure) "{measure} is proposed for decision by the Alliance"

act attack(attacker: actor, target: target) "{attacker} attacks {target}"
act assist(helper: state, victim: state)
  "{helper} assists {victim}, individually or collectively, including by armed force"
act use_force(user: state, against: actor, where: area)
  "{user} uses armed force against {against}, {where}"
act threaten(source: state, victim: state) "{source} threatens {victim} with force"
act settle(settler: state, against: actor, state: state)
  "{settler} works to prevent, manage and settle the rebellion or threat of {against} in {state}"
act fight_terrorism(fighter: state) "{fighter} fights terrorism in the common area"
act fight_organised_crime(fighter: state) "{fighter} fights organised crime in the common area"
act counter(fighter: state, perpetrator: actor)
  "{fighter} fights the terrorism or organised crime of {perpetrator} in the common area"
act attack_from(attacker: state, victim: state, host: state)
  "{attacker} attacks {victim} from territory that {host} made available"
act allow_attack(host: state, attacker: actor, victim: state)
  "{host} allows {attacker} to attack {victim} from its territory"
act blockade(blockader: actor, state: state, means: means)
  "{blockader} blockades the ports, roads, coasts or strategic infrastructure of {state} by {means}"
act approve_accession(party: state, candidate: state) "{party} approves the accession of {candidate}"
act consent(party: state, measure: measure) "{party} consents to {measure}"
act denounce(party: state)
  "{party} denounces the charter, giving three months' notice to the other signatories"
act notify_denunciation(party: state, addressee: state)
  "{party} notifies {addressee} of its denunciation by letter through diplomatic channels"

# ---- Interpretations: the open readings of ../shared/charter/REFERENCE.md -------------------------
# `--literal` switches all of them off. Each is named in every answer that depends on it.

interpretation rebellion_is_attack off
  "Off: Art. 5 governs armed rebellion and Art. 6 speaks only of an attack; on: a rebellion in a party also counts as an attack on its territorial integrity under Art. 6."
interpretation airspace_violation_is_attack off
  "Off: an airspace violation without damage is not an attack; on: it counts as an attack on the party's sovereignty under Art. 6."
interpretation field_country_is_party on
  "Art. 8(d)'s 'country of the field' (pays du champ) is read as a party to the charter; off: any state."
interpretation released_at_notice off
  "Off (the plain reading): a denouncing party stays bound until its six months' notice has run; on: it is released on giving notice."
interpretation defence_against_party_prevails on
  "Art. 8(a) is a promise between parties; a party that is itself the aggressor or the threat cannot invoke it against the response of Arts. 5 and 6, and owes no assistance against itself."

# A fact of the world, not of the text: one cannot assist both sides of a war.
incompatible both_sides: assist(q, p), assist(q, r) when aggression(p, r) and aggression(r, p)
  "assisting each of two states against the other is impossible"

# ---- The articles ---------------------------------------------------------------------------------

article 1 "Establishment" {
  text "The contracting parties establish among themselves the Alliance of Sahel States (AES)."
  note "Declares the parties. Who is a party on a given day is derived here from the final clauses: the signatories and the states that have acceded, from entry into force until their denunciation takes effect."
  define party(q: state) := in_force and (signatory(q) or acceded(q)) and not withdrawn(q)
}

article 2 "Purpose" {
  text "The charter's purpose is a collective-defence and mutual-assistance architecture for the parties."
  note "No norm: a statement of purpose, which guides the reading of Arts. 5 to 8 but binds no one to a specific act."
}

article 3 "Organs" {
  text "The parties will later set up the Alliance's organs and mechanisms and define how it works."
  note "No norm: a programmatic undertaking with no trigger and no deadline, so no scenario can show it breached."
}

article 4 "Terrorism and organised crime" {
  text "The parties undertake to fight terrorism in all its forms, and organised crime, in the common area of the Alliance."
  note "A standing obligation. The English translation narrows the common area to the zone where the three borders meet; the French says the common area of the Alliance, which is followed here."
  note "Applied to a case, the same undertaking engages every party against the perpetrator of terrorist acts or organised crime in a party's territory, which lies in the common area."
  norm terrorism_duty: every party q: must fight_terrorism(q)
  norm organised_crime_duty: every party q: must fight_organised_crime(q)
  norm counter_terrorism: every party q: must counter(q, x) when terrorism(x, p) and party(p)
  norm counter_organised_crime: every party q: must counter(q, x)
    when organised_crime(x, p) and party(p)
}

article 5 "Rebellion and threats" {
  text "The parties work to prevent, manage and settle any armed rebellion or other threat to the territorial integrity or sovereignty of any member. Peaceful and diplomatic means come first; force may be used if necessary, against breaches of peace and stability."
  # a state neither rebels against nor threatens itself
  define rebellion_or_threat(x: actor, p: state) := (rebellion(x, p) or threat(x, p)) and x != p
  norm settle_threats: every party q: must settle(q, x, p)
    when rebellion_or_threat(x, p) and party(p)
  norm force_against_threats: every party q: may use_force(q, x, inside_alliance_area)
    when rebellion_or_threat(x, p) and party(p) and force_necessary(x, p)
    unless q = x
}

article 6 "Collective defence" {
  text "An attack on the sovereignty or territorial integrity of one or more parties is an aggression against the other parties. It engages a duty of assistance and relief of all the parties, individually or collectively, including the use of armed force, to restore and ensure security within the Alliance's area."
  # aggression is by another: what a state does to its own forces is not an attack on it
  define aggression(x: actor, p: state) := x != p and (
    attack(x, territory(p)) or attack(x, sovereignty(p))
    or (rebellion_is_attack and rebellion(x, p))
    or (airspace_violation_is_attack and attack(x, airspace(p))))
  norm collective_assistance: every party q other than p: must assist(q, p)
    when aggression(x, p) and party(p)
    unless defence_against_party_prevails and q = x
  norm collective_force: every party q: may use_force(q, x, inside_alliance_area)
    when aggression(x, p) and party(p)
    unless q = x
}

article 7 "Scope of aggression" {
  text "Aggression under Art. 6 also covers an attack on the defence and security forces of one or more parties, including when deployed in a national capacity in a theatre of operations outside the Alliance's area, and an attack, anywhere, on the ships or aircraft of one or more parties."
  extend aggression(x, p) := x != p and (
    attack(x, forces(p, inside_alliance_area)) or attack(x, forces(p, outside_alliance_area))
    or attack(x, ships(p)) or attack(x, aircraft(p)))
}

article 8 "Non-aggression among parties" {
  text "The parties undertake (a) not to threaten, use force or commit aggression against one another's territorial integrity or political independence; (b) not to blockade, with armed forces, a party's ports, roads, coasts or strategic infrastructure; (c) not to perpetrate attacks or aggression against another party or against third states from a territory that a party has made available; (d) not to allow armed groups, irregular forces or mercenaries to attack a country of the field from a party's territory."
  define country_of_the_field(v: state) := if field_country_is_party then party(v) else state(v)
  define against_integrity(t: target, p: state) := t = territory(p) or t = sovereignty(p)
  norm no_aggression: every party q: must not attack(q, t)
    when against_integrity(t, r) and party(r) and r != q
    unless defence_against_party_prevails and aggression(r, p) and party(p) and p != r
  norm no_threat: every party q: must not threaten(q, r) when party(r) and r != q
  norm no_force: every party q: must not use_force(q, r, a) when party(r) and r != q
  norm no_blockade: every party q: must not blockade(q, r, armed_forces) when party(r) and r != q
  norm no_attack_from_territory: every party q: must not attack_from(q, v, h)
    when party(h) and v != q
  # groups attacking their host itself are a rebellion (Art. 5), not harbouring
  norm no_harbouring: every party q: must not allow_attack(q, g, v)
    when (armed_group(g) or mercenaries(g)) and country_of_the_field(v) and v != q
  priority force_against_threats over no_force when defence_against_party_prevails
  priority collective_force over no_force when defence_against_party_prevails
}

article decisions "Decisions" unverified {
  text "The Alliance's decisions are taken unanimously."
  note "Unanimity gives each party a veto: a measure is adopted only with the consent of every party."
  define adopted(m: measure) := proposed(m) and (all party r: consent(r, m))
  norm decide_by_consent: every party q: may consent(q, m) when proposed(m)
}

article accession "Accession" unverified {
  text "The charter is open to any other state that shares the same geographic, political and socio-cultural realities and accepts the Alliance's objectives. The states parties decide on accession unanimously."
  note "Unanimity is counted among the signatories still bound: the model keeps no order of accessions, so a later member's vote cannot be required without a cycle."
  define original_member(r: state) := in_force and signatory(r) and not withdrawn(r)
  define acceded(s: state) := accession_request(s) and not signatory(s)
    and (all original_member r: approve_accession(r, s))
  norm decide_on_accession: every original_member q: may approve_accession(q, s)
    when accession_request(s) and not signatory(s)
}

article depositary "Depositary" unverified {
  text "Mali is the depositary and receives accession requests."
  note "No norm and no definition: the clause assigns Mali a role (receiving accession requests), not a duty whose breach a scenario could show, and no other clause turns on it."
}

article denunciation "Denunciation" unverified {
  text "Any party may denounce the charter. It notifies all other signatories by letter through diplomatic channels, with acknowledgment of receipt, and with three months' notice."
  note "Six months are counted in calendar months: notice given on 2024-03-15 takes effect on 2024-09-15; from a day the sixth month lacks (31 August), it takes effect on the first day of the month after (1 March)."
  # only a party can denounce: a notice dated before entry into force is no denunciation
  define withdrawn(q: state) := denounce(q) and date of denounce(q) >= entry_into_force
    and (released_at_notice or today >= date of denounce(q) + 3 months)
  norm may_denounce: every party q: may denounce(q)
  norm notify_signatories: every party q: must notify_denunciation(q, r)
    when denounce(q) and signatory(r) and r != q
}

article additional_texts "Additional texts" unverified {
  text "Additional texts will supplement the charter to implement its provisions."
  note "No norm: it announces future instruments and binds no one to a specific act."
}

article entry_into_force "Entry into force" unverified {
  text "The charter enters into force on signature by all the parties (16 September 2023). Mali's transitional legislature also ratified it on 9 October 2023."
  define in_force := today >= entry_into_force
}

article disputes "Settlement of disputes" unverified {
  text "No source consulted gives the content of a clause on the settlement of disputes."
  note "Placeholder only: nothing is modelled, because nothing is known of the text."
}

article amendment "Amendment" unverified {
  text "No source consulted gives the content of a clause on amendment."
  note "Placeholder only: nothing is modelled, because nothing is known of the text."
}

article unidentified "Unidentified" unverified {
  text "Articles 9 to 17 are nine articles; the sources show eight subjects. The ninth article's content is not known."
  note "Placeholder only, so that the count of seventeen articles is kept without inventing content."
}
