# Version 1 of a small charter, for the tests of `charterlogic diff`.
charter "Small" {
  signed 2024-01-01 at "Nowhere"
  in_force 2024-01-01
}

kind state "a state"
party alpha "Alpha"
party beta "Beta"
sort target = territory(state) | sovereignty(state)

act attack(attacker: actor, target: target) "{attacker} attacks {target}"
act assist(helper: state, victim: state) "{helper} assists {victim}"
act report(reporter: state) "{reporter} reports to the others"

interpretation wide off "Off: only an attack on territory counts; on: any attack does."

article 1 "Defence" {
  text "An attack on a party's territory is an aggression; the other parties assist it."
  define party(q: state) := signatory(q)
  define aggression(x: actor, p: state) := x != p
    and (attack(x, territory(p)) or (wide and attack(x, sovereignty(p))))
  norm help: every party q other than p: must assist(q, p) when aggression(x, p)
  norm tell: every party q: must report(q) when aggression(x, q)
}
