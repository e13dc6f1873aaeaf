"""Render the charter's vocabulary: every name a question can use, with its meaning.

`charterlogic vocab` prints it; docs/vocabulary.md shows it; the HTML report has a page of it.
The text is for a reader who has not opened charter.dsl; the JSON lists the same, exactly.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace

from ..model import types as m
from ..schemas import schema_id
from .answers import charter_json, citation_json, display, to_json, wording

VOCAB_SCHEMA = schema_id("vocab")


# ---- expressions as the DSL writes them ---------------------------------------------------------


def term_text(term: m.Term) -> str:
    """A term in the charter's notation: `q`, `territory(p)`."""
    if isinstance(term, m.Var):
        return term.name
    return term.name + (f"({', '.join(term_text(a) for a in term.args)})" if term.args else "")


def _date_text(term: m.DateTerm) -> str:
    if isinstance(term, m.DateConst):
        return m.number_date(term.value)
    if isinstance(term, m.TodayTerm):
        return "today"
    if isinstance(term, m.DateOfTerm):
        return f"date of {atom_text(term.atom)}"
    return f"{_date_text(term.term)} + {term.months} months"


def atom_text(atom: m.EventAtom) -> str:
    """An event or act in the charter's notation: `assist(q, p)`."""
    return f"{atom.predicate}({', '.join(term_text(a) for a in atom.args)})"


def expr_text(expr: m.Expr) -> str:
    """A model expression in the charter's own notation (`aggression(x, p) and party(p)`)."""
    if isinstance(expr, m.EventAtom):
        return atom_text(expr)
    if isinstance(expr, m.DefCall):
        args = ", ".join(term_text(a) for a in expr.args)
        return f"{expr.definition}({args})" if expr.args else expr.definition
    if isinstance(expr, m.KindTest):
        return f"{expr.kind}({term_text(expr.arg)})"
    if isinstance(expr, m.SignatoryTest):
        return f"signatory({term_text(expr.arg)})"
    if isinstance(expr, m.InterpRef):  # an on/off reading reads as its name alone, as in the DSL
        return expr.name if expr.option == "on" else f"{expr.name} = {expr.option}"
    if isinstance(expr, m.Equal):
        return f"{term_text(expr.left)} = {term_text(expr.right)}"
    if isinstance(expr, m.DateCompare):
        return f"{_date_text(expr.left)} {expr.op} {_date_text(expr.right)}"
    if isinstance(expr, m.BoolConst):
        return "true" if expr.value else "false"
    if isinstance(expr, m.Not):
        if isinstance(expr.operand, m.Equal):
            return f"{term_text(expr.operand.left)} != {term_text(expr.operand.right)}"
        return f"not {_grouped(expr.operand)}"
    if isinstance(expr, m.And | m.Or):
        word = " and " if isinstance(expr, m.And) else " or "
        return word.join(_grouped(o) for o in expr.operands)
    if isinstance(expr, m.Ite):
        return (f"if {expr_text(expr.test)} then {expr_text(expr.then)} "
                f"else {expr_text(expr.otherwise)}")
    return (f"{expr.quantifier} {expr.variable.sort} {expr.variable.name}: "
            f"{_grouped(expr.body)}")


def _grouped(expr: m.Expr) -> str:
    text = expr_text(expr)
    return f"({text})" if isinstance(expr, m.And | m.Or | m.Ite) else text


def norm_statement(charter: m.Charter, norm: m.Norm) -> str:
    """The norm in the charter's notation: `every party q: must assist(q, p) when ...`."""
    guard = "" if isinstance(norm.guard, m.BoolConst) else f" with {expr_text(norm.guard)}"
    text = (f"every {term_text(norm.holder)}{guard}: {norm.modality.keyword} "
            f"{atom_text(norm.action)}")
    if not (isinstance(norm.condition, m.BoolConst) and norm.condition.value):
        text += f" when {expr_text(norm.condition)}"
    if norm.exception is not None:
        text += f" unless {expr_text(norm.exception)}"
    return text


def norm_words(charter: m.Charter, norm: m.Norm) -> str:
    """The norm's act in words, with its modality in capitals: `MUST: q assists p, ...`."""
    words = wording(charter, norm.action.predicate,
                    [a.name if isinstance(a, m.Var) else display(charter, term_text(a))
                     for a in norm.action.args])
    return f"{norm.modality.keyword.upper()}: {words or atom_text(norm.action)}"


def _signature(predicate: m.Predicate) -> str:
    return f"{predicate.name}({', '.join(f'{p.name}: {p.sort}' for p in predicate.params)})"


def _value_text(constructor: m.Constructor) -> str:
    if not constructor.arg_sorts:
        return constructor.name
    return f"{constructor.name}({', '.join(constructor.arg_sorts)})"




# ---- text ---------------------------------------------------------------------------------------


def vocabulary_text(charter: m.Charter) -> str:
    """Every name of the charter, grouped, each with its meaning."""
    lines = [f"vocabulary of {charter.title} ({charter.source_name})", ""]
    parties = [a for a in charter.actors.values() if a.signatory]
    others = [a for a in charter.actors.values() if not a.signatory]
    lines.append("parties (the signatories):")
    lines += [f"  {a.name:<24} {a.display} ({a.kind})" for a in parties]
    lines.append("other named actors:")
    lines += [f"  {a.name:<24} {a.display} ({a.kind})" for a in others] or ["  none"]
    lines.append("  (any other actor is declared in a question: --actor NAME:KIND, a kind below)")
    lines.append("")
    lines.append("kinds of actor (for --actor NAME:KIND):")
    lines += [f"  {name:<24} {description}" for name, description in charter.kinds.items()]
    lines.append("")
    lines.append("sorts and their values:")
    for sort, constructors in charter.sorts.items():
        lines += _wrapped(f"{sort}: {' | '.join(_value_text(c) for c in constructors)}", "  ",
                          "      ")
    for role, title in (("event", "events (facts a scenario states; no one is obliged to them)"),
                        ("act", "acts (what norms oblige, permit and forbid)")):
        lines.append("")
        lines.append(f"{title}:")
        for predicate in charter.predicates.values():
            if predicate.role == role:
                lines.append(f"  {_signature(predicate)}")
                lines.append(f"      \"{predicate.description}\"")
    lines.append("")
    lines.append("interpretations (set with --interpretation NAME=OPTION; --literal: each at its "
                 "literal option):")
    for interpretation in charter.interpretations.values():
        lines.append(f"  {interpretation.name} (default {interpretation.default}; "
                     f"options: {', '.join(interpretation.option_names)}; "
                     f"literal: {interpretation.literal})")
        if interpretation.justification:
            lines += _wrapped(interpretation.justification, "      ")
        for option in interpretation.options:
            if option.justification:
                lines += _wrapped(f"{option.name}: {option.justification}", "      ", "        ")
    lines.append("")
    lines.append("norms, article by article:")
    for article in charter.articles:
        if not (article.norms or article.definitions or article.widens):
            continue
        lines.append(f"  {article.citation} {article.citation.title}:")
        clauses = [(clause.citation.paragraph, "defines" if name in article.definitions
                    else "widens", definition_text(charter.definitions[name], clause),
                    definition_wording(charter.definitions[name], clause))
                   for name in (*article.definitions, *article.widens)
                   for clause in charter.definitions[name].clauses
                   if clause.citation.article() == article.citation]
        # the article's own norms and clauses, then each paragraph's under its citation
        for paragraph in (None, *(label for label, _ in article.paragraphs)):
            norms = [charter.norms[n] for n in article.norms
                     if charter.norms[n].citation.paragraph == paragraph]
            defined = [(verb, text, said) for at, verb, text, said in clauses if at == paragraph]
            if not (norms or defined):
                continue
            indent = "    "
            if paragraph is not None:
                lines.append(f"    {replace(article.citation, paragraph=paragraph)}:")
                indent = "      "
            for norm in norms:
                lines.append(f"{indent}{norm.name}: {norm_words(charter, norm)}")
                lines += _wrapped(norm_statement(charter, norm), indent + "    ", indent + "      ")
            for verb, text, said in defined:
                lines += _wrapped(f"{verb} {text}", indent, indent + "    ")
                if said:
                    lines.append(f"{indent}    \"{said}\"")
    return "\n".join(lines) + "\n"


def definition_text(definition: m.Definition, clause: m.Clause) -> str:
    """One article's clause of a definition: `aggression(x, p) := x != p and (...)`."""
    head = definition.name
    if definition.params:
        head += f"({', '.join(p.name for p in definition.params)})"
    return f"{head} := {expr_text(clause.body)}"


def definition_wording(definition: m.Definition, clause: m.Clause) -> str:
    """The definition's wording, shown with its defining clause (the first); "" with a clause
    that widens it, or when it has none."""
    return definition.description if clause is definition.clauses[0] else ""


def _wrapped(text: str, indent: str, hanging: str | None = None) -> list[str]:
    """`text` wrapped at 100 columns, never breaking a word or a name."""
    return textwrap.wrap(text, 100, initial_indent=indent,
                         subsequent_indent=hanging if hanging is not None else indent,
                         break_long_words=False, break_on_hyphens=False)


# ---- JSON ---------------------------------------------------------------------------------------


def vocabulary_json(charter: m.Charter) -> str:
    """The vocabulary as JSON (schema charterlogic.vocab/2, docs/json.md)."""
    data = {
        "schema": VOCAB_SCHEMA,
        "charter": charter_json(charter),
        "actors": [{"name": a.name, "display": a.display, "kind": a.kind,
                    "party": a.signatory} for a in charter.actors.values()],
        "kinds": [{"name": k, "description": d} for k, d in charter.kinds.items()],
        "sorts": [{"name": sort, "values": [
            {"name": c.name, "arguments": list(c.arg_sorts)} for c in constructors]}
            for sort, constructors in charter.sorts.items()],
        "predicates": [
            {"name": p.name, "role": p.role,
             "parameters": [{"name": v.name, "sort": v.sort} for v in p.params],
             "wording": p.description}
            for p in charter.predicates.values()],
        "definitions": [
            {"name": d.name, "parameters": [{"name": v.name, "sort": v.sort} for v in d.params],
             "wording": d.description, "article": str(d.citation)}
            for d in charter.definitions.values()],
        "interpretations": [
            {"name": i.name, "default": i.default, "options": list(i.option_names),
             "justification": i.justification,
             "option_justifications": {o.name: o.justification for o in i.options
                                       if o.justification}}
            for i in charter.interpretations.values()],
        "articles": [
            {**citation_json(a.citation),
             "norms": [{"name": n, "paragraph": charter.norms[n].citation.paragraph,
                        "modality": charter.norms[n].modality.value,
                        "act": charter.norms[n].action.predicate,
                        "words": norm_words(charter, charter.norms[n]),
                        "statement": norm_statement(charter, charter.norms[n])}
                       for n in a.norms],
             "definitions": list(a.definitions), "widens": list(a.widens)}
            for a in charter.articles],
    }
    return to_json(data)
