"""The resolved charter: its types, ground values, the traversal library, the resolver (syntax.ast
-> model.types) and scenarios.
"""
