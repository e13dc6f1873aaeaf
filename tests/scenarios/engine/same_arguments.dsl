# A small charter for issue 10, point 16 (tests/scenarios/engine/same_arguments.scenario): two
# acts declared incompatible that take the same arguments.
charter "Incompatible acts with the same arguments" {
  signed 2023-09-16
}
kind state
party alpha "Alpha"
event promised(state: state)
event ordered(state: state)
act do_a(doer: state)
act refrain_a(doer: state)
incompatible a_or_not_a: do_a(q), refrain_a(q) "one cannot both do a and refrain from it"
article 1 "Promises" {
  norm keep_promise: every state q: must do_a(q) when promised(q)
}
article 2 "Orders" {
  norm obey_order: every state q: must refrain_a(q) when ordered(q)
}
