"""The spec suite: scenario files with expectations, their runner, coverage and mutation. Reports
only; render/suite.py draws them.
"""
