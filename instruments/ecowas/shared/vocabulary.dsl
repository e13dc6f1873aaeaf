# The vocabulary the ECOWAS instruments share, and share with the Liptako-Gourma Charter.
#
# Each instrument of this folder uses this file (`use "shared/vocabulary.dsl"`). What the charter
# also declares (../../../charter.dsl) is repeated here word for word: loaded together,
# identical declarations are one declaration, and a different one of the same name is E108
# (docs/instruments.md). The charter keeps its own, so that it still reads alone, unchanged.
# Source of the ECOWAS terms: ../../../../shared/ecowas/REFERENCE.md.

# ---- shared with the charter ------------------------------------------------------------------

kind state "a sovereign state"
kind organisation "an international or regional organisation"

actor burkina_faso "Burkina Faso": state
actor mali "Mali": state
actor niger "Niger": state
actor ecowas "ECOWAS": organisation

sort area = inside_alliance_area | outside_alliance_area
sort deployment = deployed_in_area | national_capacity_abroad | mission_abroad
sort target = territory(state)
            | sovereignty(state)
            | political_independence(state)
            | forces(state, deployment)
            | ships(state)
            | aircraft(state)
            | airspace(state)

act attack(attacker: actor, target: target) "{attacker} attacks {target}"
act assist(helper: state, victim: state)
  "{helper} assists {victim}, individually or collectively, including by armed force"
act use_force(user: state, against: actor, where: area)
  "{user} uses armed force against {against}, {where}"
act threaten(source: state, victim: state) "{source} threatens {victim} with force"

# ---- the ECOWAS instruments' own --------------------------------------------------------------

# Named because the reference's scenario has the ECOWAS force enter Niger from Benin, a member
# state; any other member state is a scenario's `fact member_state(q)`.
actor benin "Benin": state

event member_state(state: state)
  "{state} is a member state of ECOWAS (a state this model does not name)"
event withdrawal_notice(state: state)
  "{state} gives the Executive Secretary written notice of withdrawal from ECOWAS"
event suspended(state: state)
  "{state} is suspended from voting and from participation in Community activities"
event coup(state: state)
  "the democratically elected government of {state} is overthrown, or an attempt is made"
event outside_backing(state: state)
  "the armed conflict in {state} is engineered and actively supported from outside"
event subversion(perpetrator: actor, base: state, victim: state)
  "{perpetrator}, from the territory of {base}, carries out subversion against {victim}"
event resident(foreigner: actor, host: state) "{foreigner} is a foreigner resident in {host}"

act support_subversion(supporter: state, victim: state)
  "{supporter} commits or supports subversion against {victim}"
act stop_subversion(host: state, perpetrator: actor, victim: state)
  "{host} stops {perpetrator} from using its territory for subversion against {victim}"
