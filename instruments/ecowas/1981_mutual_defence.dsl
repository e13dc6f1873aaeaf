# The ECOWAS Protocol A/SP3/5/81 relating to Mutual Assistance on Defence (Freetown, 29 May 1981).
#
# Source: ../../../shared/ecowas/REFERENCE.md, section 2. Arts. 1-3 were read in a stored text
# (africanlii; high); Art. 4's items are medium (`secondary`); Arts. 16-18 are from memory; the
# final clauses (in force September 1986; Cape Verde, Guinea-Bissau and Mali abstained from
# signing) come from one thesis citing Okolo 1983 (low). Whether Mali signed is unverified: the
# reading mali_signed_1981, which every answer resting on it names. Load it with
# 1993_revised_treaty.dsl (membership).

charter "Protocol relating to Mutual Assistance on Defence" {
  signed 1981-05-29 at "Freetown"
  cited "ECOWAS Defence Protocol (1981)"
}

use "shared/vocabulary.dsl"

interpretation mali_signed_1981:
    abstained "The one source (a thesis citing Okolo 1983): Cape Verde, Guinea-Bissau and Mali abstained from signing, so Mali is not bound."
  | signed "Mali signed after all (no source shows it; the reference marks the question unverified)."
  default abstained literal abstained
  "Whether Mali ever signed the 1981 Protocol is unverified: a question of fact, not of reading."
interpretation mutual_aid_is_duty off
  "Off: in Art. 3 the members 'resolve' to aid each other, not that they 'shall': a permission; on: a duty."

article 1 "Aggression" {
  text "Aggression is the use of armed force by any State against the sovereignty, territorial integrity or political independence of another State, or in any other manner inconsistent with the Charters of the UN and the OAU. Defence assistance is all military aid."
  note "The aggressor must be a State."
  define aggression_1981(x: actor, v: state)
    "{x} commits an aggression against {v} (1981 Protocol)" := state(x)
    and x != v
    and (attack(x, territory(v))
      or attack(x, sovereignty(v))
      or attack(x, political_independence(v)))
}

article 2 "One for all" {
  text "An armed threat or aggression against any Member State is an armed threat or aggression against the whole Community."
  note "The trigger of Art. 3: an aggression on a member bound by the Protocol."
}

article 3 "Mutual aid" {
  text "The Member States resolve to give each other aid against any armed threat or aggression."
  note "'Resolve', not 'shall': a permission, or a duty under mutual_aid_is_duty."
  note "External aggression: an armed conflict between members is Art. 4(a)'s case, for the Community's measures of Arts. 17-18 (mediation first), so the aggressor here is not a member."
  norm mutual_aid_1981: every defence_protocol_state q other than v: may assist(q, v)
    when aggression_1981(x, v) and defence_protocol_state(v) and not member(x)
    unless q = x
  norm mutual_aid_duty_1981: every defence_protocol_state q other than v: must assist(q, v)
    when mutual_aid_is_duty
      and aggression_1981(x, v)
      and defence_protocol_state(v)
      and not member(x)
    unless q = x
}

article 4 "Other cases" secondary {
  text "The Member States also take the measures of Arts. 17 and 18 in the listed cases: (a) an armed conflict between Member States when peaceful settlement fails; (b) an internal armed conflict engineered and actively supported from outside, that endangers the Community's peace."
  note "The lead-in was read in a stored text; the items are from several secondary sources. External aggression sits in Arts. 2-3, not here. The measures are the Community's (Arts. 17-18), not a member's duty."
  define outside_engineered(v: state)
    "the armed conflict in {v} is engineered and supported from outside" := outside_backing(v)
}

article 18 "Internal conflict" memory {
  text "From memory: Arts. 6, 9 and 16 apply if the conflict is sustained from outside; Community forces do not intervene in a conflict that stays purely internal."
  note "Whether 'purely internal' excludes a coup is the 1999 Protocol's reading coup_rule."
}

article final_clauses "Entry into force and signatories" unverified secondary {
  text "In force September 1986; Cape Verde, Guinea-Bissau and Mali abstained from signing (a thesis citing Okolo 1983)."
  note "Only its signatories are bound (Revised Treaty Art. 56(2)); of the states this model names, only Mali's signature is in doubt."
  define defence_protocol_state(q: state)
    "{q} is bound by the 1981 Protocol" := member(q) and (q != mali or mali_signed_1981 = signed)
}
