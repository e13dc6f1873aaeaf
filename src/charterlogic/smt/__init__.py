"""Z3: the encoder of ground formulas and the solver's configuration. The only package that imports
z3.
"""
