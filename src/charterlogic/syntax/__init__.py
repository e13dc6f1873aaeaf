"""The surface form: source text, diagnostics, the Lark grammar, the parser and the surface tree
(text -> syntax.ast).
"""
