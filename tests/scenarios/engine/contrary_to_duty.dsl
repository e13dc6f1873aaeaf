# A small charter for issue 10, point 17 (tests/scenarios/engine/contrary_to_duty.scenario): a
# duty that a violation of another duty triggers.
charter "Contrary to duty" {
  signed 2023-09-16
}
kind state
party alpha "Alpha"
act go(x: state)
act tell(x: state)
article 1 "One" {
  norm must_go: every state x: must go(x)
  norm no_tell: every state x: must not tell(x) when not go(x)
}
