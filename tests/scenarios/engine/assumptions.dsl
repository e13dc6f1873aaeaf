# A small charter for issue 10, point 15 (tests/scenarios/engine/assumptions.scenario): an
# `assume` clause that a query must honour.
charter "Assumptions" {
  signed 2023-09-16
}
kind state
party alpha "Alpha"
party beta "Beta"
event crisis(state: state)
event calm(state: state)
act help(helper: state, victim: state)
assume calm_or_crisis: not (crisis(beta) and calm(beta)) "Beta is not both calm and in crisis."
article 1 "One" {
  norm helping: every state q: must help(q, p) when crisis(p) and q != p
}
