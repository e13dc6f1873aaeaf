"""Render `charterlogic report`: a static HTML site of the charter, its check and its scenarios.

The site works offline from file:// (no server, no network, no CDN) and reads without JavaScript:
derivations fold in <details>, which browsers open and close on their own; a few lines of plain
JavaScript only add "open all / close all". The pages are Jinja2 templates (templates/), so no
HTML is concatenated by hand, and Jinja2 escapes every text of the charter. Every citation, in a
sentence or in a derivation, is a link to its article's anchor on the charter page.

Rendering is pure: the same reports give the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..analyses.check import CheckReport, Finding
from ..analyses.derivation import Step
from ..analyses.query import Answer, QueryReport
from ..model import types as m
from ..model.scenario import Scenario
from ..model.walk import subexpressions
from ..smt.decide import Verdict
from . import plain
from .answers import witness_lines
from .vocabulary import (
    definition_text,
    definition_wording,
    norm_statement,
    norm_words,
    vocabulary_json,
)

#: The pages of the site, in the order of its navigation bar.
PAGES = (("index.html", "The charter"), ("check.html", "Check"),
         ("scenarios.html", "Scenarios"), ("vocabulary.html", "Vocabulary"))
#: Every file of the site, as `site` returns them.
FILES = (*(name for name, _ in PAGES), "style.css")


@dataclass(frozen=True)
class ScenarioAnswers:
    """One scenario of the report: where it comes from, its answers, its expectations met."""

    scenario: Scenario
    source: str  # `file:line`
    report: QueryReport
    expectations: tuple[tuple[str, bool], ...] = ()  # (expectation, passed)


def anchor(citation: m.Citation) -> str:
    """The id of an article on the charter page: `art-6`, `art-denunciation`."""
    return "art-" + re.sub(r"[^a-z0-9]+", "-", str(citation.label).lower()).strip("-")


#: An article number, perhaps with a paragraph: `6`, `8(a)`.
_NUMBER = r"\d+(?:\([a-z]\))?"
#: `Art. 6`, `Art. 8(a)`; a list or a range, whose every number is linked: `Arts. 5, 6 and 8(a)`,
#: `Arts. 5 to 8`, `Articles 9 to 17`; and a bare paragraph, as scenario titles and notes write
#: it after an article (`8(a): threats ...`, `so 8(a) forbids`).
_CITED = rf"\b(?:Art\.|Article) {_NUMBER}|\b(?:Arts\.|Articles) {_NUMBER}" \
    rf"(?:(?:, | and | or | to ){_NUMBER})*|\b(?P<bare>\d+)\((?P<paragraph>[a-z])\)"


class _Links:
    """Turns every citation in a text into a link to its article (the text is escaped first)."""

    def __init__(self, charter: m.Charter) -> None:
        self.by_text = {str(a.citation): anchor(a.citation) for a in charter.articles}
        self.numbered = {str(a.citation.label): anchor(a.citation) for a in charter.articles
                         if a.citation.verified}
        # a bare `8(a)` is a citation only where Art. 8 has a paragraph (a)
        self.paragraphs = {(str(a.citation.label), label) for a in charter.articles
                           if a.citation.verified for label, _ in a.paragraphs}
        texts = sorted((re.escape(t) for t in self.by_text if t not in
                        {f"Art. {n}" for n in self.numbered}), key=len, reverse=True)
        # each unverified clause by its whole citation
        self.pattern = re.compile("|".join([_CITED, *texts]))

    def __call__(self, text: str) -> str:
        from markupsafe import Markup, escape

        out, last = [], 0
        for match in self.pattern.finditer(text):
            if match.group("bare") and \
                    (match.group("bare"), match.group("paragraph")) not in self.paragraphs:
                continue
            for start, end, target in self._targets(match):
                out.append(str(escape(text[last:start])))
                out.append(f'<a href="index.html#{target}">{escape(text[start:end])}</a>')
                last = end
        out.append(str(escape(text[last:])))
        return Markup("".join(out))

    def _targets(self, match: re.Match[str]) -> list[tuple[int, int, str]]:
        """The links of one citation: (start, end, anchor), the first number's taking the `Art.`
        before it; a number that names no article of the charter is left as it is."""
        whole = self.by_text.get(match.group(0))
        if whole is not None:
            return [(match.start(), match.end(), whole)]
        found = []
        for index, number in enumerate(re.finditer(r"(\d+)(?:\([a-z]\))?", match.group(0))):
            target = self.numbered.get(number.group(1))
            if target is not None:
                start = match.start() + (0 if index == 0 else number.start())
                found.append((start, match.start() + number.end(), target))
        return found


# ---- what the templates show --------------------------------------------------------------------


def _tree(charter: m.Charter, scenario: Scenario | None, steps: Sequence[Step],
          expanded: set[tuple[str, str]] | None = None, settled: bool = True,
          ) -> list[dict[str, object]]:
    """A derivation as nested nodes {text, citation, children, again}: bindings left out and a
    definition met again not re-expanded, as in the text output."""
    seen = set() if expanded is None else expanded
    nodes: list[dict[str, object]] = []
    for step in steps:
        if step.kind == "binding" and not plain._is_example(step):
            nodes += _tree(charter, scenario, step.children, seen, settled)
            continue
        key = (step.kind, step.text)
        again = bool(step.children) and key in seen
        if step.children and step.kind == "definition":
            seen.add(key)
        nodes.append({
            "text": plain.step_sentence(charter, scenario, step, False, settled),
            # a widening's sentence names its article already ("as widened by Art. 7(b)")
            "citation": None if step.citation is None or step.kind == "widening"
            else str(step.citation),
            "again": again,
            "children": [] if again else _tree(charter, scenario, step.children, seen, settled),
        })
    return nodes


def _answer(charter: m.Charter, scenario: Scenario, answer: Answer) -> dict[str, object]:
    steps = answer.derivation[0].children if answer.derivation else ()
    return {
        "sentence": plain.verdict_sentence(charter, scenario, answer.holder, answer.modality,
                                           answer.predicate, answer.arguments,
                                           answer.articles[0], steps, answer.status),
        "modality": answer.modality.value,
        "act": f"{answer.modality.keyword} {answer.action}",
        "norm": answer.norm,
        "citation": str(answer.articles[0]),
        "status": answer.status,
        "depends_on": list(answer.depends_on),
        "interpretations": list(answer.interpretations),
        "tree": _tree(charter, scenario, steps, settled=answer.status is Verdict.HOLDS),
    }


def _interpretations_of(charter: m.Charter, article: m.Article) -> list[str]:
    """The interpretations that this article's norms and definitions turn on."""
    expressions: list[m.Expr] = []
    for name in article.norms:
        norm = charter.norms[name]
        expressions += [norm.guard, norm.condition, *([norm.exception] if norm.exception else [])]
    for name in (*article.definitions, *article.widens):
        expressions += [c.body for c in charter.definitions[name].clauses
                        if c.citation.article() == article.citation]
    expressions += [p.condition for p in charter.priorities
                    if p.citation.article() == article.citation]
    found = {node.name for e in expressions for node in subexpressions(e)
             if isinstance(node, m.InterpRef)}
    return [name for name in charter.interpretations if name in found]


def _clause_text(definition: m.Definition, clause: m.Clause) -> str:
    said = definition_wording(definition, clause)
    return definition_text(definition, clause) + (f' (in words: "{said}")' if said else "")


def _articles(charter: m.Charter) -> list[dict[str, object]]:
    articles = []
    for article in charter.articles:
        clauses = [_clause_text(charter.definitions[name], clause)
                   for name in (*article.definitions, *article.widens)
                   for clause in charter.definitions[name].clauses
                   if clause.citation.article() == article.citation]
        articles.append({
            "id": anchor(article.citation),
            "citation": str(article.citation),
            "heading": f"{article.citation.title} clause" if not article.citation.verified
            else f"{article.citation} · {article.citation.title}",
            "title": article.citation.title,
            "unverified": not article.citation.verified,
            "text": article.text,
            "notes": list(article.notes),
            # the article's notes may say so already (`No norm: a statement of purpose ...`)
            "says_no_norm": any(n.startswith("No norm") for n in article.notes),
            "norms": [{"name": n, "words": norm_words(charter, charter.norms[n]),
                       "paragraph": str(charter.norms[n].citation)
                       if charter.norms[n].citation.paragraph else None,
                       "statement": norm_statement(charter, charter.norms[n])}
                      for n in article.norms],
            "definitions": clauses,
            "widens": list(article.widens),
            "interpretations": _interpretations_of(charter, article),
            "priorities": [f"{p.stronger} prevails over {p.weaker}"
                           for p in charter.priorities if p.citation.article() == article.citation],
        })
    return articles


def _finding(report: CheckReport, finding: Finding) -> dict[str, object]:
    charter = report.charter
    return {
        "code": finding.code, "severity": finding.severity, "kind": finding.kind,
        "message": finding.message, "detail": finding.detail,
        "resolved_by": list(finding.resolved_by),
        "witness": witness_lines(finding.witness, report.interpretations)
        if finding.witness is not None else None,
        # in words, as the scenarios page says its answers: `Burkina Faso MAY use armed force
        # against Niger, inside alliance area`
        "sides": [{"heading": f"{plain.value_words(charter, side.holder)} "
                              f"{side.modality.keyword.upper()} "
                              f"{plain.act_phrase(charter, side.action)}",
                   "norm": side.norm,
                   "citation": str(side.article),
                   "tree": _tree(charter, None, side.derivation[0].children
                                 if side.derivation else ())}
                  for side in finding.sides],
    }


def _scenario(charter: m.Charter, item: ScenarioAnswers, index: int) -> dict[str, object]:
    scenario, report = item.scenario, item.report
    shown = [a for a in report.answers if a.triggered_by or a.status is Verdict.DEPENDS]
    order = list(m.Modality)
    shown.sort(key=lambda a: (list(dict.fromkeys(x.holder for x in report.answers))
                              .index(a.holder), order.index(a.modality)))
    facts = []
    for key, fact in scenario.facts.items():
        words = plain.event_words(charter, str(key)) or str(key)
        dates = "".join(f" {word} {plain.date_words(d)}" for word, d in
                        (("from", fact.start), ("until", fact.end)) if d is not None)
        status = {"true": "", "false": "not: ", "unknown": "open: "}[fact.status]
        facts.append(f"{status}{words}{dates}  ({key})")
    changed = [f"{n} {v}" for n, v in scenario.interpretations.items()
               if charter.interpretations[n].default != v]
    return {
        "id": f"scenario-{index}",
        "name": scenario.name,
        "source": item.source,
        "date": plain.date_words(scenario.today),
        "in_force": plain.in_force_sentence(charter, scenario),
        "actors": [f"{n}: {k}" for n, k in scenario.actors.items()],
        "facts": facts,
        "interpretations": changed,
        "answers": [_answer(charter, scenario, a) for a in shown],
        "standing": len(report.answers) - len(shown),
        "violations": [f"{plain.value_words(charter, v.answer.holder)}: {v.answer.action} "
                       f"({v.answer.articles[0]}, {v.answer.norm}); evidence: {v.evidence}"
                       for v in report.violations],
        "expectations": [{"text": t, "passed": p} for t, p in item.expectations],
    }


# ---- the site -----------------------------------------------------------------------------------


def site(check: CheckReport, scenarios: Sequence[ScenarioAnswers]) -> list[tuple[str, str]]:
    """The report's pages as (file name, HTML text), in the order of PAGES, then style.css."""
    import jinja2

    charter = check.charter
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("charterlogic.render", "templates"),
        autoescape=True, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)
    environment.filters["cite"] = _Links(charter)
    environment.globals.update(pages=PAGES, title=charter.title, source=charter.source_name)
    context = {
        "charter": charter,
        "signed": plain.date_words(charter.signed) if charter.signed else None,
        "place": charter.place,
        "in_force": plain.date_words(charter.in_force) if charter.in_force else None,
        "articles": _articles(charter),
        "interpretations": [
            {"name": i.name, "default": i.default,
             "on_now": check.interpretations.get(i.name, i.default),
             "options": list(i.option_names), "literal": i.literal,
             "option_justifications": [(o.name, o.justification) for o in i.options
                                       if o.justification],
             "justification": i.justification}
            for i in charter.interpretations.values()],
        "findings": [_finding(check, f) for f in check.findings],
        "satisfiable": check.satisfiable.value,
        "unknown": list(check.unknown),
        "scenarios": [_scenario(charter, s, i) for i, s in enumerate(scenarios, 1)],
        "vocab": json.loads(vocabulary_json(charter)),
    }
    pages = []
    for name, _ in PAGES:
        template = environment.get_template(name.replace(".html", ".html.j2"))
        pages.append((name, template.render(page=name, **context)))
    pages.append(("style.css", environment.get_template("style.css").render()))
    return pages
