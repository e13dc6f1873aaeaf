"""Ground formulas: the domain of actors, its symmetry quotient, and the grounder (model.types ->
ground.G over a Domain).
"""
