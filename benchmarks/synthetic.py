"""Synthetic charters in the DSL, and batches of random scenarios for them.

A synthetic charter has N parties and K articles of the shapes the real charter has, cycling:
collective defence, a widened definition of aggression, non-aggression prohibitions (with a
priority of collective force over them), a notice period for denunciation, and accession. Each
article has its own acts and events (suffix `_i`), so K articles give K independent sets of norms.
A fixed base (establishment, entry into force, accession, denunciation) defines `party`.

    python benchmarks/synthetic.py 15 10 > charter15.dsl   # N parties, K articles
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass

SHAPES = ("defence", "widening", "non_aggression", "notice", "accession")

BASE = '''\
charter "Synthetic charter: {n} parties, {k} articles" {{
  signed 2023-09-16 at "Nowhere"
  in_force 2023-09-16
}}

kind state "a sovereign state"
kind armed_group "a non-state armed group"

{parties}

sort target = territory(state) | sovereignty(state) | forces(state) | aircraft(state)

event accession_request(candidate: state) "{{candidate}} requests accession"
act approve_accession(party: state, candidate: state) "{{party}} approves {{candidate}}"
act denounce(party: state) "{{party}} denounces the charter"

interpretation defence_prevails on "collective force prevails over the non-aggression norms"

article 1 "Establishment" {{
  text "The parties establish the alliance."
  define party(q: state) := in_force and (signatory(q) or acceded(q)) and not withdrawn(q)
}}

article 2 "Entry into force" {{
  text "The charter enters into force on signature."
  define in_force := today >= entry_into_force
}}

article 3 "Accession" {{
  text "Any state may accede with the approval of every original member."
  define original_member(r: state) := in_force and signatory(r) and not withdrawn(r)
  define acceded(s: state) := accession_request(s) and not signatory(s)
    and (all original_member r: approve_accession(r, s))
  norm decide_on_accession: every original_member q: may approve_accession(q, s)
    when accession_request(s) and not signatory(s)
}}

article 4 "Denunciation" {{
  text "A party may denounce the charter with six months' notice."
  define withdrawn(q: state) := denounce(q) and today >= date of denounce(q) + 6 months
  norm may_denounce: every party q: may denounce(q)
}}
'''


def _vocabulary(i: int, shape: str) -> str:
    if shape in ("defence", "widening", "non_aggression"):
        return (f'act attack_{i}(attacker: actor, target: target) '
                f'"{{attacker}} attacks {{target}}"\n'
                f'act assist_{i}(helper: state, victim: state) "{{helper}} assists {{victim}}"\n'
                f'act use_force_{i}(user: state, against: actor) "{{user}} uses force"\n')
    if shape == "notice":
        return (f'act leave_{i}(party: state) "{{party}} gives notice"\n'
                f'act notify_{i}(party: state, addressee: state) "{{party}} notifies"\n')
    return (f'event request_{i}(candidate: state) "{{candidate}} requests"\n'
            f'act admit_{i}(party: state, candidate: state) "{{party}} admits"\n')


def _article(i: int, shape: str) -> str:
    number = i + 4
    if shape == "defence":
        return f'''
article {number} "Collective defence {i}" {{
  text "An attack on one party is an aggression against all."
  define aggression_{i}(x: actor, p: state) := x != p
    and (attack_{i}(x, territory(p)) or attack_{i}(x, sovereignty(p)))
  norm assistance_{i}: every party q other than p: must assist_{i}(q, p)
    when aggression_{i}(x, p) and party(p) unless q = x
  norm collective_force_{i}: every party q: may use_force_{i}(q, x)
    when aggression_{i}(x, p) and party(p) unless q = x
}}
'''
    if shape == "widening":
        return f'''
article {number} "Aggression {i}" {{
  text "Aggression also covers attacks on forces and aircraft."
  define aggression_{i}(x: actor, p: state) := x != p
    and (attack_{i}(x, forces(p)) or attack_{i}(x, aircraft(p)))
  norm relief_{i}: every party q other than p: must assist_{i}(q, p)
    when aggression_{i}(x, p) and party(p) unless q = x
}}
'''
    if shape == "non_aggression":
        return f'''
article {number} "Non-aggression {i}" {{
  text "The parties do not attack or use force against one another."
  define against_integrity_{i}(t: target, p: state) := t = territory(p) or t = sovereignty(p)
  norm no_attack_{i}: every party q: must not attack_{i}(q, t)
    when against_integrity_{i}(t, r) and party(r) and r != q
  norm no_force_{i}: every party q: must not use_force_{i}(q, r) when party(r) and r != q
  norm may_respond_{i}: every party q: may use_force_{i}(q, x)
    when attack_{i}(x, territory(p)) and party(p) and x != q
  priority may_respond_{i} over no_force_{i} when defence_prevails
}}
'''
    if shape == "notice":
        return f'''
article {number} "Notice {i}" {{
  text "A party that leaves notifies the others; it is released after six months."
  define released_{i}(q: state) := leave_{i}(q) and today >= date of leave_{i}(q) + 6 months
  norm notice_{i}: every party q: must notify_{i}(q, r)
    when leave_{i}(q) and signatory(r) and r != q and not released_{i}(q)
}}
'''
    return f'''
article {number} "Admission {i}" {{
  text "A state is admitted with the approval of every original member."
  define admitted_{i}(s: state) := request_{i}(s) and not signatory(s)
    and (all original_member r: admit_{i}(r, s))
  norm may_admit_{i}: every original_member q: may admit_{i}(q, s)
    when request_{i}(s) and not signatory(s)
}}
'''


def party_names(n: int) -> list[str]:
    width = len(str(n))
    return [f"p{i:0{width}d}" for i in range(1, n + 1)]


def charter_text(n: int, k: int) -> str:
    """A synthetic charter with `n` parties and `k` articles of the charter's shapes."""
    parties = "\n".join(f'party {name} "Party {name[1:]}"' for name in party_names(n))
    shapes = [(i, SHAPES[(i - 1) % len(SHAPES)]) for i in range(1, k + 1)]
    return (BASE.format(n=n, k=k, parties=parties)
            + "\n" + "".join(_vocabulary(i, s) for i, s in shapes)
            + "".join(_article(i, s) for i, s in shapes))


def padded_text(size: int) -> str:
    """A synthetic charter of at least `size` bytes (more articles until it is that large)."""
    k = 5
    text = charter_text(15, k)
    while len(text.encode()) < size:
        k = k * max(2, size // max(1, len(text.encode()))) if len(text) < size // 4 else k + 50
        text = charter_text(15, k)
    return text


@dataclass(frozen=True)
class Flags:
    """A scenario as command-line flags (what `api.scenario_from_flags` takes)."""

    events: tuple[str, ...]
    failures: tuple[str, ...]
    unknowns: tuple[str, ...]
    actors: tuple[str, ...]
    on: str


def random_scenarios(n: int, k: int, count: int, seed: int = 0) -> list[Flags]:
    """`count` random scenarios for `charter_text(n, k)`: one to three events (attacks, notices,
    accession requests) by parties or an outside state, some stated not done or unknown."""
    rng = random.Random(seed)
    parties = party_names(n)
    actors = [*parties, "outsider"]
    targets = ["territory", "sovereignty", "forces", "aircraft"]
    shapes = [(i, SHAPES[(i - 1) % len(SHAPES)]) for i in range(1, k + 1)]
    batch = []
    for _ in range(count):
        events, failures, unknowns = [], [], []
        for _ in range(rng.randint(1, 3)):
            i, shape = rng.choice(shapes)
            if shape in ("defence", "widening", "non_aggression"):
                attacker, victim = rng.choice(actors), rng.choice(parties)
                event = f"attack_{i}({attacker}, {rng.choice(targets)}({victim}))"
                if event in events:
                    continue
                events.append(event)
                act = f"assist_{i}({rng.choice(parties)}, {victim})"
                if act not in failures and act not in unknowns:
                    (failures if rng.random() < 0.5 else unknowns).append(act)
            elif shape == "notice":
                party = rng.choice(parties)
                if any(e.startswith(f"leave_{i}({party})") for e in events):
                    continue
                events.append(f"leave_{i}({party}) from 2024-0{rng.randint(1, 9)}-01")
            else:
                act = f"admit_{i}({rng.choice(parties)}, outsider)"
                if act not in unknowns:
                    events.append(f"request_{i}(outsider)")
                    unknowns.append(act)
        day = f"20{rng.randint(23, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        batch.append(Flags(tuple(events), tuple(failures), tuple(unknowns),
                           ("outsider:state",), day))
    return batch


if __name__ == "__main__":
    sys.stdout.write(charter_text(int(sys.argv[1]), int(sys.argv[2])))
