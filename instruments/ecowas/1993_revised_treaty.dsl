# The Revised ECOWAS Treaty (Cotonou, July 1993): the articles the AES model needs.
#
# Source of every clause: ../../../shared/ecowas/REFERENCE.md, section 3 (the French text,
# read in a stored copy: high confidence), and section 5 for the dated facts of 2024-2025
# (several press reports agree: marked `secondary`). The day of signature is given as 24 July
# by two sources and 23 July by the 1999 Protocol's preamble, so the header gives none; entry
# into force on 23 August 1995 rests on one secondary source (thisdaylive.com).

charter "Revised Treaty of the Economic Community of West African States" {
  in_force 1995-08-23
  cited "ECOWAS Revised Treaty (1993)"
}

use "shared/vocabulary.dsl"

interpretation ecowas_exit:
    art91 "Art. 91: membership ends one year after the written notice (29 January 2024), on 29 January 2025, and the state stays bound in the meantime; the ECOWAS summit of 15 December 2024 applied it."
  | immediate "The AES reading (Mali's letter rejects Art. 91's delay): the exit announced 'without delay' on 28 January 2024 took effect that day, ECOWAS's own breach having made the Treaty inoperative (the link to the Vienna rules of Art. 92(1) is this model's, not a source's)."
  default art91 literal art91
  "When did the AES states' ECOWAS membership end?"
interpretation suspension_ends_membership off
  "Off (Art. 77 makes suspension a sanction within membership): a suspended state remains a member, bound by the Treaty and the protocols; on: it is treated as outside ECOWAS while suspended."

article 4 "Fundamental principles" {
  text "The Member States adhere to principles that include:"
  note "Also (e) good-neighbourly peace, (f) peaceful settlement of disputes and (j) democratic government; they are principles that no scenario of this model can show breached, so they carry no norm."
  paragraph d {
    text "non-aggression between Member States;"
    note "This principle doubles the 1978 Protocol's Art. 1."
    norm no_force_4d: every member q: must not use_force(q, r, a) when member(r) and r != q
  }
}

article 56 "Political cooperation: the security protocols" {
  text "The signatories of the 1978 Protocol on Non-Aggression and of the 1981 Protocol on Mutual Assistance on Defence agree to cooperate on the aims of those protocols."
  note "It ties the protocols' duties to their signature: a member that did not sign the 1981 Protocol is not bound by it (see the 1981 Protocol's final clauses)."
}

article 58 "Regional security" {
  text "The Member States cooperate on mechanisms to prevent and resolve inter- and intra-State conflicts: mediation, a peace observatory, peacekeeping forces where needed, the details in protocols."
  note "The basis of the 1999 Mechanism Protocol; no norm of its own."
}

article 77 "Sanctions" {
  text "The sanctions include the suspension of voting rights and of participation in Community activities."
  note "Suspension is a sanction within membership, not an exit: Mali was suspended from 30 May 2021, and Burkina Faso and Niger later (January 2022 and July 2023, one source each), and all three remained members."
  define suspended_out(q: state)
    "{q} is out of ECOWAS by its suspension" := suspension_ends_membership and suspended(q)
}

article 89 "Entry into force" {
  text "The Treaty and its protocols enter into force on nine ratifications."
  note "The day, 23 August 1995, is from one secondary source; it is this instrument's entry_into_force."
}

article 91 "Withdrawal" {
  text "A Member State wishing to withdraw gives written notice to the Executive Secretary; its membership ends one year later unless the notice is withdrawn, and during that year it remains bound by the Treaty."
  note "Membership itself is not among the articles the reference covers: a member, here, is one of the states the reference names as members (the three AES states, and Benin) or a state a scenario states is one (member_state), from the Treaty's entry into force until its withdrawal takes effect; suspension does not end it (Art. 77)."
  note "The protocols bind 'Member States': they are read as ending with membership."
  date aes_announcement = 2024-01-28
  date aes_notice = 2024-01-29
  define member(q: state)
    "{q} is a member of ECOWAS" := ecowas_state(q)
    and today >= entry_into_force
    and not withdrawn_from_ecowas(q)
    and not suspended_out(q)
  define ecowas_state(q: state)
    "{q} is a state of ECOWAS" := aes_state(q) or q = benin or member_state(q)
  define withdrawn_from_ecowas(q: state)
    "{q} has withdrawn from ECOWAS" := not aes_state(q)
    and withdrawal_notice(q)
    and today >= date of withdrawal_notice(q) + 1 year
  paragraph aes_states secondary {
    text "The AES states' withdrawal (the dated facts): Burkina Faso, Mali and Niger announced their exit 'without delay' on 28 January 2024 and sent their notice on 29 January 2024; ECOWAS said then that no formal notice had reached it and that they remained members; its summit of 15 December 2024 declared the exit effective on 29 January 2025 under Art. 91, and on that day ECOWAS announced it effective."
    note "Which end date applies is the reading ecowas_exit."
    define aes_state(q: state)
      "{q} is one of the three states of the Alliance" := q = burkina_faso or q = mali or q = niger
    extend withdrawn_from_ecowas(q) := aes_state(q)
      and ((ecowas_exit = art91 and today >= aes_notice + 1 year)
        or (ecowas_exit = immediate and today >= aes_announcement))
  }
}

article 92 "Applicable law" {
  text "The Vienna Convention of 1969 governs the Member States' rights and duties; the protocols made since 1975 remain valid unless contrary to the Treaty."
  note "It keeps the 1978 and 1981 Protocols alive under the Revised Treaty."
}
