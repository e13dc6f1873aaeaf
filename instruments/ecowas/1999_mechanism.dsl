# The ECOWAS Protocol relating to the Mechanism for Conflict Prevention, Management, Resolution,
# Peace-Keeping and Security (Lomé, 10 December 1999).
#
# Source: ../../../shared/ecowas/REFERENCE.md, section 4. Only the definitions were read in a
# stored text; the triggers of the use of force come from analyses (content medium, the number
# Art. 25 low), so that clause is labelled by subject, `unverified`, and `secondary`. Arts.
# 26-27 (who may start the mechanism) are from memory and carry no norm. Load it with
# 1993_revised_treaty.dsl (membership) and 1978_non_aggression.dsl (the priorities name its Art. 1).

charter "Protocol relating to the Mechanism for Conflict Prevention, Management, Resolution, Peace-Keeping and Security" {
  signed 1999-12-10 at "Lomé"
  cited "ECOWAS Mechanism Protocol (1999)"
}

use "shared/vocabulary.dsl"

interpretation coup_rule:
    later_text "The later text prevails: the 1999 Protocol's coup trigger makes force available whatever the 1981 Protocol's 'purely internal' exclusion and the 1978 Protocol's Art. 1 say."
  | both "Both must be met: a coup is internal, so force needs the outside backing of the 1981 Protocol's Art. 4(b) as well, and the 1978 Protocol's Art. 1 still binds."
  default later_text literal both
  "Does 'purely internal' exclude a coup? ECOWAS relies on the later 1999 text, or pleads foreign backing to fit the 1981 Protocol's Art. 4(b)."

article definitions "Definitions" unverified {
  text "ECOMOG is the Community's intervention force."
  note "The number of the definitions article is not in the reference; its content was read in a stored text."
}

article triggers "Triggers of the use of force" unverified secondary {
  text "The use of force is available on an actual or attempted overthrow of a democratically elected government; also on a humanitarian disaster or grave violations of human rights (from memory: also on aggression, and on inter-State and internal conflict)."
  note "Analyses place it at Art. 25; the number rests on one source, so the clause is labelled by subject."
  note "Modelled as a permission of each member to take part in the Community's use of force against the state where the coup took place; under coup_rule = both, only with outside backing."
  norm coup_force_1999: every member q: may use_force(q, v, a)
    when coup(v) and member(v) and q != v and (coup_rule = later_text or outside_engineered(v))
  priority coup_force_1999 over no_force_1978 when coup_rule = later_text
  priority coup_force_1999 over no_force_4d when coup_rule = later_text
}
