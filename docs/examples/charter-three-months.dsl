# charter.dsl with three months' notice of denunciation instead of six (docs/diff.md).
# The Liptako-Gourma Charter establishing the Alliance of Sahel States (AES), transcribed.
# Source of every clause: ../shared/charter/REFERENCE.md (paraphrases of the French text and of
# the English translation, and the press reports that quote Arts. 5 to 8 and the final clauses).
# Articles 1 to 8 carry their numbers; Art. 8's four undertakings are its paragraphs (a) to (d).
# Of the final clauses (Arts. 9 to 17), only the accession clause's number is confirmed
# (Art. 11, by three sources); the others are labelled by subject and marked `unverified`, and
# every answer that cites them says so. Three of the nine final articles are of unknown content.

charter "Liptako-Gourma Charter establishing the Alliance of Sahel States" {
  signed 2023-09-16 at "Bamako"
  cited "Liptako-Gourma Charter"
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
# The two other states of the CEMOC (Tamanrasset, 2010) with Mali and Niger: the reference
# confirms its membership (Algeria, Mali, Mauritania, Niger) from the Algerian press. They are
# named because the reading `field_country = sahel_field_states` of Art. 8(d) lists them.
actor algeria "Algeria": state
actor mauritania "Mauritania": state

# Where force is used (Art. 6 speaks of security "within the area covered by the Alliance").
sort area = inside_alliance_area | outside_alliance_area

# Where a party's defence and security forces are, and in what capacity (Art. 7 covers them
# "including when they are deployed in a national capacity" outside the area).
sort deployment = deployed_in_area | national_capacity_abroad | mission_abroad

# What an attack can be aimed at (Arts. 6, 7 and 8(a)).
sort target = territory(state)
            | sovereignty(state)
            | political_independence(state)
            | forces(state, deployment)
            | ships(state)
            | aircraft(state)
            | airspace(state)

# The means of a blockade (Art. 8(b) covers only blockades by armed forces).
sort means = armed_forces | other_means

# An armed rebellion is an insurgency by a non-state group: a state does not rebel (its hostile
# conduct is a threat, Art. 5, or an attack, Arts. 6 and 8).
event rebellion(rebel: armed_group, state: state) "{rebel} leads an armed rebellion in {state}"
event threat(source: actor, state: state)
  "{source} threatens the territorial integrity or sovereignty of {state}"
event force_necessary(against: actor, state: state)
  "peaceful means have failed: force is necessary against {against} to restore peace in {state}"
event terrorism(perpetrator: actor, state: state) "{perpetrator} commits terrorist acts in {state}"
event organised_crime(perpetrator: actor, state: state)
  "{perpetrator} carries on organised crime in {state}"
event hosts(host: state, guest: state) "{host} makes its territory available to {guest}"
# Where a use of force starts from (Art. 8(c)): a fact about the strike, so that the norm still
# speaks of use_force, the act of Arts. 5, 6 and 8(a).
event launched_from(user: state, against: actor, base: state)
  "{user}'s force against {against} is launched from the territory of {base}"
event accession_request(candidate: state) "{candidate} requests accession"
event shares_realities(candidate: state)
  "{candidate} shares the parties' geographic, political and socio-cultural realities"
event accepts_objectives(candidate: state) "{candidate} accepts the Alliance's objectives"
event accession_decision(candidate: state)
  "the States Parties decide on the accession request of {candidate}"
event ratify(state: state) "{state} ratifies the charter"
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
act allow_attack(host: state, attacker: actor, victim: state)
  "{host} allows {attacker} to attack {victim} from its territory"
act blockade(blockader: actor, state: state, means: means)
  "{blockader} blockades the ports, roads, coasts or strategic infrastructure of {state} by {means}"
act approve_accession(party: state, candidate: state)
  "{party} approves the accession of {candidate}"
act consent(party: state, measure: measure) "{party} consents to {measure}"
act denounce(party: state)
  "{party} denounces the charter by a letter notified to the other signatories"
act notify_denunciation(party: state, addressee: state)
  "{party} notifies {addressee} of its denunciation by letter through diplomatic channels, with acknowledgment of receipt"

# ---- Interpretations: the open readings of ../shared/charter/REFERENCE.md -------------------------
# Each is named in every answer that depends on it. `--literal` sets each to its literal option:
# off for an on/off reading, the option marked `literal` for a reading with named options.

interpretation rebellion_is_attack off
  "Off: Art. 5 governs armed rebellion and Art. 6 speaks only of an attack; on: a rebellion in a party also counts as an attack on its territorial integrity under Art. 6."
interpretation airspace_violation_is_attack off
  "Off: an airspace violation without damage is not an attack; on: it counts as an attack on the party's sovereignty under Art. 6."
interpretation force_limited_to_area on
  "On: Art. 6's 'to restore and ensure security within the area covered by the Alliance' limits where force may be used, to the Alliance's area; off: it states the purpose of the response only, and force may be used wherever needed to restore security within the area (Art. 7 brings in attacks on forces abroad and on ships and aircraft anywhere)."
interpretation mission_forces_covered off
  "Off (the plain reading): forces serving abroad under another organisation's command (a UN, AU or ECOWAS mission) are not 'deployed in a national capacity', so Art. 7 does not cover them; on: Art. 7 covers them too."
interpretation field_country:
    party "Reading (1): a 'country of the field' (pays du champ) of Art. 8(d) is a party to the charter."
  | sahel_field_states "Reading (2), the Sahel security usage: the Sahelo-Saharan states of the CEMOC, set up at Tamanrasset in 2010 (Algeria, Mali, Mauritania, Niger; membership confirmed by the Algerian press), and Burkina Faso, which the reference calls plausible: its inclusion is a choice of this reading. The list of states is itself part of the interpretation; no stored source defines the term."
  | any_state "Reading (3): any state."
  default sahel_field_states literal any_state
  "Art. 8(d) forbids letting armed groups attack a 'country of the field' (pays du champ)."
interpretation released_at_notice off
  "Off (the plain reading): a denouncing party stays bound until its six months' notice has run; on: it is released on giving notice."
interpretation notice_to_acceded_parties off
  "Off (the literal reading): a denunciation is notified to 'all the other signatory parties', which a state that acceded is not; on: every other party, acceded ones included, must be notified, and the notice runs only once each of them is."
interpretation entry_into_force_on:
    signature "miroirdafrique.info: the charter entered into force on signature by all the parties (16 September 2023)."
  | ratification "maliactu.net: it enters into force once the three states have ratified it (Mali's transitional legislature did so on 9 October 2023; the other two dates were not found, so they are facts of a scenario)."
  default signature literal signature
  "The sources conflict on when the charter entered into force: a question of fact, not of reading, so `--literal` keeps the default."
interpretation defence_against_party_prevails on
  "Art. 8(a) is a promise between parties; a party that is itself the aggressor or the threat cannot invoke it against the response of Arts. 5 and 6, and owes no assistance against itself."
interpretation defence_is_not_aggression on
  "On: force used in the defence that Arts. 5 and 6 permit is not the 'attack or aggression' that Art. 8(c) forbids from a territory made available by a party; off: Art. 8(c) forbids it too."

# A fact of the world, not of the text: one cannot assist both sides of a war.
incompatible both_sides: assist(q, p), assist(q, r)
  when aggression(p, r) and aggression(r, p)
  "assisting each of two states against the other is impossible"

# ---- The articles ---------------------------------------------------------------------------------

article 1 "Establishment" {
  text "The contracting parties establish among themselves the Alliance of Sahel States (AES)."
  note "Declares the parties. Who is a party on a given day is derived here from the final clauses: the signatories and the states that have acceded, from entry into force until their denunciation takes effect."
  define party(q: state)
    "{q} is a party" := in_force and (signatory(q) or acceded(q)) and not withdrawn(q)
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
  text "The parties also work to prevent, manage and settle any armed rebellion or other threat to the territorial integrity or sovereignty of each of them, favouring peaceful and diplomatic means and, in case of necessity, using force to face breaches of peace and stability."
  note "An armed rebellion is an insurgency by a non-state group inside a state: only an armed group rebels. A state's hostile conduct is an 'other threat', or an attack under Arts. 6 and 8."
  note "A party does not owe the settlement of a threat it poses itself, nor may it use force against itself."
  # a state neither rebels against nor threatens itself
  define rebellion_or_threat(x: actor, p: state)
    "{x} rebels in or threatens {p}" := (rebellion(x, p) or threat(x, p)) and x != p
  norm settle_threats: every party q: must settle(q, x, p)
    when rebellion_or_threat(x, p) and party(p)
    unless q = x
  norm force_against_threats: every party q: may use_force(q, x, inside_alliance_area)
    when rebellion_or_threat(x, p) and party(p) and force_necessary(x, p)
    unless q = x
  # under rebellion_is_attack, a rebellion in a party is also an aggression against it (Art. 6)
  extend aggression(x, p) := rebellion_is_attack and rebellion(x, p)
}

article 6 "Collective defence" {
  text "Any attack on the sovereignty or territorial integrity of one or more parties is considered an aggression against the other parties and engages a duty of assistance and relief of all the parties, individually or collectively, including the use of armed force, to restore and ensure security within the area covered by the Alliance."
  note "'All the parties' is literal: the text does not exclude the aggressor if it is itself a party (see defence_against_party_prevails)."
  note "Whether 'within the area' limits where force may be used, or states the purpose only, is the reading force_limited_to_area."
  # what an attack must be aimed at to be an aggression against p; Art. 7 widens it
  define targeted(t: target, p: state)
    "an attack on {t} is an attack on {p}" := t = territory(p)
    or t = sovereignty(p)
    or (airspace_violation_is_attack and t = airspace(p))
  # aggression is by another: what a state does to its own forces is not an attack on it
  define aggression(x: actor, p: state)
    "{x} commits an aggression against {p}" := attack(x, t) and targeted(t, p) and x != p
  norm collective_assistance: every party q other than p: must assist(q, p)
    when aggression(x, p) and party(p)
    unless defence_against_party_prevails and q = x
  norm collective_force: every party q: may use_force(q, x, a)
    when aggression(x, p) and party(p) and (a = inside_alliance_area or not force_limited_to_area)
    unless q = x
}

article 7 "Scope of aggression" {
  text "Aggression under Art. 6 also covers (a) an attack on the defence and security forces of one or more parties, including when they are deployed in a national capacity in a theatre of operations outside the Alliance's area, and (b) any attack, in any place, on the ships or aircraft of one or more parties."
  paragraph a {
    text "An attack on the defence and security forces of a party, including when deployed in a national capacity outside the Alliance's area."
    note "Forces serving abroad under another organisation's command are covered only under mission_forces_covered."
    extend targeted(t, p) := t = forces(p, deployed_in_area)
      or t = forces(p, national_capacity_abroad)
      or (mission_forces_covered and t = forces(p, mission_abroad))
  }
  paragraph b {
    text "Any attack, in any place, on the ships or aircraft of a party."
    extend targeted(t, p) := t = ships(p) or t = aircraft(p)
  }
}

article 8 "Non-aggression among parties" {
  text "The parties undertake:"
  note "Each undertaking binds every party toward the others; Art. 7 says what aggression covers, so 8(a) forbids an attack on another party's forces, ships or aircraft too."
  paragraph a {
    text "not to resort among themselves to the threat or use of force, or to aggression, against the territorial integrity or political independence of a party;"
    note "Political independence is its own protected interest, beside territorial integrity."
    norm no_aggression: every party q: must not attack(q, t)
      when (targeted(t, r) or t = political_independence(r)) and party(r) and r != q
      unless defence_against_party_prevails and aggression(r, p) and party(p) and p != r
    norm no_threat: every party q: must not threaten(q, r) when party(r) and r != q
    norm no_force: every party q: must not use_force(q, r, a) when party(r) and r != q
    priority force_against_threats over no_force when defence_against_party_prevails
    priority collective_force over no_force when defence_against_party_prevails
  }
  paragraph b {
    text "not to blockade, with armed forces, the ports, roads, coasts or strategic infrastructure of a party;"
    note "A blockade by other means, or by a non-state group, is not covered."
    norm no_blockade: every party q: must not blockade(q, r, armed_forces) when party(r) and r != q
  }
  paragraph c {
    text "not to perpetrate attacks or aggression against another party or against third states from a territory made available by a party;"
    note "The territory is one that a party made available to another, and the force is launched from it: a party using force from its own territory is not covered, even while another party hosts it. Attacks are uses of force, so the norm speaks of the same act as Arts. 5, 6 and 8(a)."
    norm no_attack_from_territory: every party q: must not use_force(q, v, a)
      when hosts(h, q) and launched_from(q, v, h) and party(h) and h != q and state(v) and v != q
    priority collective_force over no_attack_from_territory when defence_is_not_aggression
    priority force_against_threats over no_attack_from_territory when defence_is_not_aggression
  }
  paragraph d {
    text "not to allow armed groups, irregular armed forces or mercenaries to perpetrate attacks against a country of the field."
    note "What a 'country of the field' (pays du champ) is, is the reading field_country; its second option names a list of states, which is part of that reading."
    define field_state(v: state)
      "{v} is on the list of states of the Sahelo-Saharan field" := v = algeria
      or v = burkina_faso
      or v = mali
      or v = mauritania
      or v = niger
    define country_of_the_field(v: state)
      "{v} is a country of the field" := (field_country = party and party(v))
      or (field_country = sahel_field_states and field_state(v))
      or field_country = any_state
    # groups attacking their host itself are a rebellion (Art. 5), not harbouring
    norm no_harbouring: every party q: must not allow_attack(q, g, v)
      when (armed_group(g) or mercenaries(g)) and country_of_the_field(v) and v != q
  }
}

article decisions "Decisions" unverified {
  text "The Alliance's decisions are taken unanimously."
  note "Unanimity gives each party a veto: a measure is adopted only with the consent of every party."
  define adopted(m: measure) "{m} is adopted" := proposed(m) and (all party r: consent(r, m))
  norm decide_by_consent: every party q: may consent(q, m) when proposed(m)
}

article 11 "Accession" {
  text "The charter may be opened to any other state that shares the same geographic, political and socio-cultural realities and accepts the Alliance's objectives. The request for accession is accepted by the unanimity of the States Parties."
  note "The States Parties are those at the time of the decision: the signatories and the states that acceded earlier, less those whose denunciation had taken effect. The decision's day is the date of the event accession_decision."
  note "An earlier accession is counted as accepted by the signatories that were parties at its own decision: counting its acceded voters as well would make the definition refer to itself, so a chain of three accessions is beyond this model."
  note "Eligibility (shared realities, accepting the objectives) is a fact of the scenario."
  define eligible(s: state)
    "{s} is eligible to accede" := accession_request(s)
    and not signatory(s)
    and shares_realities(s)
    and accepts_objectives(s)
  # r was a party on the day of the decision on s, and had not withdrawn by then
  define voter(r: state, s: state)
    "{r} votes on the accession of {s}" := r != s
    and in_force
    and (signatory(r)
      or (accepted_by_signatories(r)
        and date of accession_decision(r) < date of accession_decision(s)))
    and not (denounce(r) and date of denounce(r) + 6 months <= date of accession_decision(s))
  define accepted_by_signatories(s: state)
    "the signatories accepted the accession of {s}" := accession_decision(s)
    and eligible(s)
    and (all signatory r:
        approve_accession(r, s)
        or (denounce(r) and date of denounce(r) + 6 months <= date of accession_decision(s)))
  define acceded(s: state)
    "{s} has acceded to the charter" := accession_decision(s)
    and eligible(s)
    and (all state r: not voter(r, s) or approve_accession(r, s))
  norm decide_on_accession: every party q: may approve_accession(q, s)
    when accession_request(s) and not signatory(s) and q != s
}

article depositary "Depositary" unverified {
  text "Mali is the depositary of the charter and receives accession requests."
  note "No norm and no definition: the clause assigns Mali a role (receiving accession requests), not a duty whose breach a scenario could show, and no other clause turns on it."
}

article denunciation "Denunciation" unverified {
  text "Any contracting party may denounce the charter. The denunciation is notified by its author to all the other signatory parties, by letter through diplomatic channels with acknowledgment of receipt, with three months' notice."
  note "The denunciation is the notified letter: a denunciation not notified to every addressee is not one, and the six months run from the notification. The date of denounce(q) is the day the letter is notified, and the months run from it; notify_denunciation(q, r) says to whom it went. Whether notification is the sending or the acknowledged receipt is not stated: a scenario dates denounce(q) on the day it takes."
  note "'All the other signatory parties' is literal: a signatory that left earlier is still a signatory, so it is an addressee. Whether a state that acceded must be notified is notice_to_acceded_parties."
  note "Six months are counted in calendar months: notice given on 2024-03-15 takes effect on 2024-09-15; from a day the sixth month lacks (31 August), it takes effect on the first day of the month after (1 March)."
  define addressee(r: state, q: state)
    "{q} must notify {r} of a denunciation" := r != q
    and (signatory(r) or (notice_to_acceded_parties and acceded(r)))
  # only a party can denounce: a letter dated before the signature is no denunciation
  define notified(q: state)
    "{q} notified every addressee" := all state r: not addressee(r, q) or notify_denunciation(q, r)
  define withdrawn(q: state)
    "{q} has withdrawn from the charter" := denounce(q)
    and date of denounce(q) >= signature
    and notified(q)
    and (released_at_notice or today >= date of denounce(q) + 3 months)
  norm may_denounce: every party q: may denounce(q)
  norm notify_signatories: every party q: must notify_denunciation(q, r)
    when denounce(q) and addressee(r, q)
}

article additional_texts "Additional texts" unverified {
  text "Additional texts will supplement the charter to implement its provisions."
  note "No norm: it announces future instruments and binds no one to a specific act."
}

article entry_into_force "Entry into force" unverified {
  text "Sources conflict: one report says the charter entered into force on signature by all the parties (16 September 2023); another, once the three states have ratified it. Mali's transitional legislature ratified it on 9 October 2023; the other two dates were not found."
  note "Which report is followed is the reading entry_into_force_on; under the second, the ratifications are facts of a scenario."
  define in_force
    "the charter is in force" := (entry_into_force_on = signature and today >= signature)
    or (entry_into_force_on = ratification and (all signatory r: ratify(r)))
}

article unknown_content "Unknown content" unverified {
  text "Articles 9 to 17 are nine articles. Six subjects are known from the sources: decisions, accession (Art. 11), depositary, denunciation, additional texts and entry into force. No source consulted shows the content of the other three."
  note "Nothing is modelled, because nothing is known of their text; no subject is given to them."
}
