# A small charter for issue 10, point 18 (tests/scenarios/engine/negated_kind.scenario): a
# negated kind test, `not party(x)`, in a norm's condition.
charter "Negated kind" {
  signed 2023-09-16
}
kind state
kind armed_group
party alpha "Alpha"
act blockade(blockader: actor, victim: state)
act denounce_it(host: state, blockader: actor)
article 1 "One" {
  define party(p: state) := signatory(p)
  norm report_blockade: every state q: must denounce_it(q, x)
    when blockade(x, p) and party(p) and not party(x)
}
