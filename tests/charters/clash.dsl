# A small charter whose world assumptions clash with its definition of aggression.
charter "Clash" {
  signed 2024-01-01 at "Nowhere"
  in_force 2024-01-01
}

kind state "a state"
party alpha "Alpha"
party beta "Beta"
sort target = territory(state)

act attack(attacker: actor, target: target) "{attacker} attacks {target}"
act assist(helper: state, victim: state) "{helper} assists {victim}"

interpretation strict off "Unused here."

article 1 "Defence" {
  text "An attack on a party's territory is an aggression; the other parties assist it."
  define party(q: state) := signatory(q)
  define aggression(x: actor, p: state) := x != p and attack(x, territory(p))
  norm help: every party q other than p: must assist(q, p) when aggression(x, p)
}

assume beta_attacked: attack(beta, territory(alpha)) "Beta's troops crossed the border."
assume peace: not aggression(beta, alpha) "Alpha and Beta are at peace."
assume quiet: not attack(alpha, territory(beta)) "Alpha attacked no one."
