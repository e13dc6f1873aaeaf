"""Answers in plain words: verdict sentences and derivations a reader who is not a programmer can
follow.

Everything here is built from the charter's own words: the wording of each event and act
(`"{helper} assists {victim}, ..."`), the display names of the actors, the titles of the
articles, and the wording a definition may have (`define withdrawn(q: state) "{q} has withdrawn
..."`); a definition without one is shown by its name. A one-place definition that norms use as a
class of holders (`every party q`) reads as a noun: "Mali is a party". Rendering is pure: the
same report gives the same bytes.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import replace

from ..analyses.derivation import Step
from ..model import types as m
from ..model import walk
from ..model.scenario import Scenario
from ..smt.decide import Verdict
from ..syntax.words import indefinite
from .answers import tree_lines, wording

_ATOM = re.compile(r"[A-Za-z_]\w*\(.*\)")
_TOKEN = re.compile(r"\s*([A-Za-z0-9_\-]+|[(),])")


# ---- values and atoms ---------------------------------------------------------------------------


def parse_key(text: str) -> tuple[str, tuple[object, ...]]:
    """An atom's text (`attack(chad, territory(niger))`) as (name, argument values), where an
    argument is a name or a (name, arguments) pair."""
    tokens = _TOKEN.findall(text)
    position = 0

    def term() -> tuple[str, tuple[object, ...]]:
        nonlocal position
        name = tokens[position]
        position += 1
        args: list[object] = []
        if position < len(tokens) and tokens[position] == "(":
            position += 1
            while tokens[position] != ")":
                inner = term()
                args.append(inner if inner[1] else inner[0])
                if tokens[position] == ",":
                    position += 1
            position += 1
        return name, tuple(args)

    try:
        return term()
    except IndexError:  # not an atom's text: shown as it is
        return text, ()


def words(name: str) -> str:
    """A name in words: `inside_alliance_area` is `inside alliance area`."""
    return name.replace("_", " ")


def value_words(charter: m.Charter, value: object) -> str:
    """A ground value in words: `Mali`, `aircraft of Mali`, `forces of Mali (inside alliance
    area)`. An actor the charter does not name is a proper name: `algeria` is `Algeria`."""
    if isinstance(value, tuple):
        name, args = value
        if not args:
            return value_words(charter, name)
        first, *rest = (value_words(charter, a) for a in args)
        extra = f" ({', '.join(rest)})" if rest else ""
        return f"{words(name)} of {first}{extra}"
    actor = charter.actors.get(str(value))
    if actor is not None:
        return actor.display
    if any(c.name == value for cs in charter.sorts.values() for c in cs):
        return words(str(value))
    # an actor of the question (`--actor algeria:state`) is a proper name
    return " ".join(w[:1].upper() + w[1:] for w in words(str(value)).split())


def event_words(charter: m.Charter, key: str) -> str | None:
    """An event, act or definition in the charter's wording, or None when it has none."""
    name, args = parse_key(key)
    return wording(charter, name, [value_words(charter, a) for a in args]) or None


def act_phrase(charter: m.Charter, key: str) -> str:
    """What the holder of the act `key` must (may, must not) do, as it reads after MUST:
    `assist Mali, ...`.

    The wording says "{helper} assists {victim}"; after a modal the holder goes and the verb
    loses its -s. A wording that does not start with the holder is kept whole, after a colon."""
    declared = charter.predicates.get(parse_key(key)[0])
    text = event_words(charter, key)
    if declared is None or text is None or not declared.params:
        return key
    holder = "{" + declared.params[0].name + "}"
    if not declared.description.startswith(holder + " "):
        return f"do this: {text}"
    rest = text[len(value_words(charter, parse_key(key)[1][0])) + 1:]
    verb, _, tail = rest.partition(" ")
    return f"{_base_form(verb)} {tail}".rstrip()


#: Third-person forms whose base is not the form less its ending.
_IRREGULAR = {"has": "have", "is": "be"}


def _base_form(verb: str) -> str:
    """The verb without its third-person -s: assists -> assist, notifies -> notify, goes -> go,
    has -> have."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb


def date_words(number: int) -> str:
    """A date in words: 16 September 2023."""
    try:
        day = datetime.date(number // 10000, number // 100 % 100, number % 100)
    except ValueError:  # a day past a month's end, as "+ 6 months" can make
        return m.number_date(number)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _iso_words(text: str) -> str:
    return re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b",
                  lambda d: date_words(int(d.group(1) + d.group(2) + d.group(3))), text)


# ---- derivation steps ---------------------------------------------------------------------------


def holder_classes(charter: m.Charter) -> set[str]:
    """The one-place definitions that norms use as classes of holders (`every party q`): nouns."""
    found = set()
    for norm in charter.norms.values():
        for part in (norm.guard.operands if isinstance(norm.guard, m.And) else (norm.guard,)):
            if isinstance(part, m.DefCall) and len(part.args) == 1:
                found.add(part.definition)
    return found


def _definition_words(charter: m.Charter, text: str, holds: bool) -> str:
    name, args = parse_key(text)
    if len(args) == 1 and name in holder_classes(charter):
        subject = value_words(charter, args[0])
        return f"{subject} {'is' if holds else 'is not'} {indefinite(words(name))}"
    said = event_words(charter, text)
    if said:
        return said if holds else f"it is not the case that {said}"
    shown = name if not args else \
        f"{name}({', '.join(value_words(charter, a) for a in args)})"
    return f"{shown}: {'yes' if holds else 'no'}"


_DATE_OPS = {">=": "on or after", ">": "after", "<=": "on or before", "<": "before", "=": "on"}
_NEGATED_OPS = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "=": "!="}


def _date_sentence(text: str) -> str:
    negated = text.startswith("not (") and text.endswith(")")
    inner = text[5:-1] if negated else text
    # each side may be a phrase with its day: `today (2025-04-01)`, `date of denounce(niger)
    # (2024-01-01) + 6 months (2024-07-01)`; the operator is the one word between spaces
    match = re.fullmatch(r"(.+?) (>=|<=|>|<|=) (.+)", inner)
    if match is None:
        return _iso_words(text)
    left, op, right = match.groups()
    if negated:
        op = _NEGATED_OPS[op]
    relation = "not on" if op == "!=" else _DATE_OPS[op]
    return f"{_iso_words(left)} is {relation} {_iso_words(right)}"


def _fact_dates(scenario: Scenario | None, key: str) -> str:
    # the scenario's facts are keyed by atom; a derivation step names its atom by its text
    fact = next((f for k, f in scenario.facts.items() if str(k) == key), None) \
        if scenario is not None else None
    if fact is None:
        return ""
    parts = []
    if fact.start is not None:
        parts.append(f"from {date_words(fact.start)}")
    if fact.end is not None:
        parts.append(f"until {date_words(fact.end)}")
    return f", {' '.join(parts)}" if parts else ""


def _citation_suffix(step: Step) -> str:
    return f" ({step.citation})" if step.citation is not None else ""


def step_sentence(charter: m.Charter, scenario: Scenario | None, step: Step,
                  cite: bool = True, settled: bool = True) -> str:
    """One derivation step as a sentence, with its article in parentheses (unless not `cite`:
    the HTML report links the article apart). Not `settled` (the answer depends on open facts):
    a definition or norm is named without a yes, since it may be what is still open."""
    if not cite:
        return step_sentence(charter, scenario, replace(step, citation=None), True, settled)
    kind, text = step.kind, step.text
    if not settled and kind in ("definition", "norm") and not text.startswith("not "):
        name, args = parse_key(text)
        if kind == "norm":
            return f"the norm {name}{_citation_suffix(step)}"
        if len(args) == 1 and name in holder_classes(charter):
            subject = f"whether {value_words(charter, args[0])} is {indefinite(words(name))}"
        elif said := event_words(charter, text):
            subject = f"whether {said}"
        else:
            subject = name if not args else \
                f"{name}({', '.join(value_words(charter, a) for a in args)})"
        return subject + _citation_suffix(step)
    if kind == "fact":
        said = event_words(charter, text) or text
        return f"{said} (stated in the scenario{_fact_dates(scenario, text)})"
    if kind == "denied":  # an act the scenario states was not done
        key = text.removeprefix("not ")
        return f"stated in the scenario as not done: {event_words(charter, key) or key}"
    if kind == "absent":
        key = text.removeprefix("not ").removeprefix("no fact ")
        return f"not stated in the scenario: {event_words(charter, key) or key}"
    if kind == "unknown":
        key = text.removeprefix("unknown: ")
        return f"open in the scenario: {event_words(charter, key) or key}"
    if kind == "interpretation":
        match = re.fullmatch(r"interpretation (\S+) \((\w+)\)(?:, not (\w+))?", text)
        if match and match.group(3):  # a reading that fails (explain's why not)
            name, setting, tested = match.groups()
            other = "" if {setting, tested} == {"on", "off"} else f", not {tested}"
            return f"the interpretation {name} is {setting}{other}"
        if match:
            return f"relying on the interpretation {match.group(1)} ({match.group(2)})"
        return text
    if kind == "date":
        return _date_sentence(text)
    if kind == "test" and _ATOM.fullmatch(text.removeprefix("not ")):
        negated = text.startswith("not ")
        name, args = parse_key(text.removeprefix("not "))
        subject = value_words(charter, args[0]) if args else "?"
        label = "a signatory" if name == "signatory" else f"{indefinite(words(name))}"
        return f"{subject} {'is not' if negated else 'is'} {label}"
    if kind == "definition":
        holds = not text.startswith("not ")
        return _definition_words(charter, text.removeprefix("not "), holds) + \
            _citation_suffix(step)
    if kind == "widening":
        return f"as {text}" if text.startswith("widened") else text
    if kind == "binding":  # a chosen case of an existential: `x = chad (the closest case)`
        return re.sub(r"(\w+) = ([\w(), ]+?)(?=,? (?:for instance|\(the closest case\))|$)",
                      lambda b: f"{b.group(1)} = {value_words(charter, parse_key(b.group(2)))}",
                      text)
    if kind == "norm":
        fails = text.startswith("not ")
        name = text.removeprefix("not ")
        verb = "does not apply" if fails else "applies"
        return f"the norm {name} {verb}{_citation_suffix(step)}"
    return _iso_words(text) + _citation_suffix(step)


def _is_example(step: Step) -> bool:
    """A binding that `explain` chose as the case to show (kept: it says which case it is)."""
    return step.text.endswith(("(the closest case)", "for instance"))


def plain_lines(charter: m.Charter, scenario: Scenario | None, steps: Sequence[Step],
                indent: str, settled: bool = True) -> list[str]:
    """A derivation as indented sentences. The bindings of variables are left out (their values
    are in the sentences under them); a definition met again is not re-expanded. Not `settled`:
    the answer depends on open facts (see step_sentence)."""
    return tree_lines(steps, indent,
                      lambda step: step_sentence(charter, scenario, step, settled=settled),
                      lambda step: step.kind == "binding" and not _is_example(step))


# ---- verdicts -----------------------------------------------------------------------------------


def headline_citation(citation: m.Citation, steps: Sequence[Step]) -> str:
    """The norm's article, and the articles that widened a definition it rests on:
    `Art. 6, as widened by Art. 7`.

    Only the branch that holds counts: a definition that fails (`not aggression(...)`, `nor as
    widened by`) or one that defeats the norm (`but:`) lists widenings that did not apply."""
    widenings: dict[str, None] = {}
    stack = [s for s in steps if _on_holding_branch(s)]
    while stack:
        step = stack.pop(0)
        if step.kind == "widening" and step.citation is not None:
            widenings.setdefault(str(step.citation))
        stack[:0] = [s for s in step.children if _on_holding_branch(s)]
    extra = "".join(f", as widened by {w}" for w in widenings)
    return f"{citation}{extra}"


def _on_holding_branch(step: Step) -> bool:
    return step.kind in ("norm", "definition", "widening", "binding") \
        and not step.text.startswith(("not ", "nor "))


def reasons(charter: m.Charter, scenario: Scenario | None, holder: str,
            steps: Sequence[Step]) -> list[str]:
    """The reasons a verdict sentence gives: the scenario's facts it rests on (with their dates)
    and the classes of the others it names ("Mali is a party"), in order of first use."""
    found: dict[str, None] = {}
    classes = holder_classes(charter)

    def visit(step: Step, top: bool) -> None:
        if step.kind == "definition" and step.text.startswith("not "):
            # a condition that holds by its absence (`not withdrawn(niger)`): the facts under it
            # are why it might have failed, not reasons for the verdict
            return
        if step.kind == "fact":
            said = event_words(charter, step.text) or step.text
            found.setdefault(said + _fact_dates(scenario, step.text).replace(",", "", 1))
            return
        if step.kind == "definition" and top:
            name, args = parse_key(step.text.removeprefix("not "))
            if name in classes and len(args) == 1 and args[0] != holder:
                found.setdefault(step_sentence(charter, scenario, step).split(" (")[0])
                return
        for child in step.children:
            visit(child, top and step.kind in ("binding", "norm"))

    for step in steps:
        visit(step, True)
    return list(found)


def _walk(steps: Sequence[Step]) -> list[Step]:
    """Every step of a derivation, in order."""
    found: list[Step] = []
    for step in steps:
        found.append(step)
        found += _walk(step.children)
    return found


def verdict_sentence(charter: m.Charter, scenario: Scenario | None, holder: str,
                     modality: m.Modality, predicate: str, arguments: Sequence[str],
                     citation: m.Citation, steps: Sequence[Step],
                     status: str = Verdict.HOLDS) -> str:
    """`Burkina Faso MUST assist Mali (Art. 6, as widened by Art. 7): Algeria attacks aircraft of
    Mali from 1 April 2025, and Mali is a party.` For an answer that does not hold, the sentence
    says the norm does not apply (`Mali is not bound by Art. 6: it need not ...`); for one that
    depends, what it turns on."""
    who = value_words(charter, holder)
    what = act_phrase(charter, f"{predicate}({', '.join(arguments)})")
    where = headline_citation(citation, steps)
    if status in (Verdict.DEPENDS, Verdict.UNKNOWN):
        open_ = list(dict.fromkeys(step_sentence(charter, scenario, s).removeprefix(
            "open in the scenario: ") for s in _walk(steps) if s.kind == "unknown"))
        turns = f": {' or '.join(open_)}" if open_ else ""
        return (f"whether {who} {modality.keyword.upper()} {what} ({where}) turns on what the "
                f"scenario leaves open{turns}.")
    if status == Verdict.FAILS:
        head = f"{who} is not bound by {where}: it need not {what}" \
            if modality is m.Modality.OBLIGED else \
            f"{who} {modality.keyword.upper()} {what} only if {where} applies, and it does not"
        return head + "."
    because = reasons(charter, scenario, holder, steps)
    sentence = f"{who} {modality.keyword.upper()} {what} ({where})"
    if because:
        listed = because[0] if len(because) == 1 else \
            ", ".join(because[:-1]) + f", and {because[-1]}"
        sentence += f": {listed}"
    return sentence + "."


def not_in_force_sentence(charter: m.Charter, scenario: Scenario) -> str:
    """`the charter is not in force on 1 September 2023 (Entry into force clause ...; reading
    entry_into_force_on = signature)`: why, for a charter whose `in_force` is a definition."""
    readings: list[str] = []
    citations: list[str] = []
    definition = charter.definitions.get("in_force")
    for clause in definition.clauses if definition is not None else ():
        citations.append(str(clause.citation))
        for expr in walk.subexpressions(clause.body):
            if isinstance(expr, m.InterpRef) and expr.name not in readings:
                readings.append(expr.name)
    grounds = [*dict.fromkeys(citations),
               *(f"reading {name} = {scenario.interpretations[name]}" for name in readings
                 if name in scenario.interpretations)]
    why = f" ({'; '.join(grounds)})" if grounds else ""
    return f"the charter is not in force on {date_words(scenario.today)}{why}"


def in_force_sentence(charter: m.Charter, scenario: Scenario) -> str | None:
    """`the charter has been in force since 16 September 2023` (or is not yet in force)."""
    if charter.in_force is None:
        return None
    if scenario.today >= charter.in_force:
        return f"the charter has been in force since {date_words(charter.in_force)}"
    return (f"the charter is not in force on {date_words(scenario.today)}: it enters into force "
            f"on {date_words(charter.in_force)}")
