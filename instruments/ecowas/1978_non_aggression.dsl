# The ECOWAS Protocol on Non-Aggression (Lagos, 22 April 1978).
#
# Source: ../../../shared/ecowas/REFERENCE.md, section 1. The text was NOT found in the stores:
# the date and place are recited by the 1999 Protocol (high), the content comes from one
# secondary source with memory agreeing (low*), so every article is marked `secondary`; what
# only memory gives is said so in the text, or marked `memory`. Entry into force, signatories
# and the number of articles were not found. Its duties bind Member States (the Revised
# Treaty's `member`, Art. 91): load it with 1993_revised_treaty.dsl.

charter "Protocol on Non-Aggression" {
  signed 1978-04-22 at "Lagos"
  cited "ECOWAS Non-Aggression Protocol (1978)"
}

use "shared/vocabulary.dsl"

interpretation self_defence_excepted off
  "Off: Art. 1, as the sources give it, makes no exception; on (reading (A) of the reference): force used to help a state repel an armed attack by a member is self-defence, which Art. 1 does not forbid."
interpretation armed_assistance_is_force on
  "On: the assistance the Liptako-Gourma Charter's Art. 6 requires against an armed attack includes armed force (its words), so assisting a state against a member's armed attack is a use of force against that member, which Art. 1 forbids; off (the literal reading): assistance may take other forms (relief, supplies), and Art. 1 forbids only the use of force itself."

article 1 "No use of force" secondary {
  text "The Member States refrain from the threat or use of force against one another's territorial integrity and sovereignty (from memory: and political independence)."
  note "A prohibition between members only."
  define armed_attack(x: actor, p: state)
    "{x} attacks the territory of {p}" := attack(x, territory(p))
    or attack(x, sovereignty(p))
    or attack(x, forces(p, d))
  norm no_force_1978: every member q: must not use_force(q, r, a)
    when member(r) and r != q
    unless self_defence_excepted and armed_attack(r, p) and p != r
  norm no_threat_1978: every member q: must not threaten(q, r) when member(r) and r != q
  norm no_armed_assistance_1978: every member q: must not assist(q, p)
    when armed_assistance_is_force and armed_attack(r, p) and member(r) and r != q and r != p
    unless self_defence_excepted
}

article 2 "Subversion" secondary {
  text "The Member States do not commit or support subversion (from memory: hostility or aggression) against another member."
  note "Indirect means count."
  norm no_subversion_1978: every member q: must not support_subversion(q, r)
    when member(r) and r != q
}

article 3 "Resident foreigners" secondary {
  text "Each Member State stops foreigners resident on its soil from subversion against other members."
  note "A host state's due diligence."
  norm stop_residents_1978: every member q: must stop_subversion(q, x, r)
    when subversion(x, q, r) and resident(x, q) and member(r) and r != q
}

article 4 "Non-resident foreigners" secondary {
  text "Each Member State stops non-resident foreigners from using its territory as a base for such acts."
  norm stop_bases_1978: every member q: must stop_subversion(q, x, r)
    when subversion(x, q, r) and not resident(x, q) and member(r) and r != q
}

article 5 "Disputes" memory {
  text "The Member States settle their disputes peacefully (from memory: unsettled disputes go to a committee of the Authority, then to the Authority)."
  note "No court is named; no norm a scenario could show breached."
}

article final_clauses "Final clauses" unverified memory {
  text "Not seen. From memory: provisional force on signature, definitive force after a set number of ratifications."
  note "Nothing is modelled: the Protocol binds members through the Revised Treaty's membership (Art. 92 keeps it valid)."
}
