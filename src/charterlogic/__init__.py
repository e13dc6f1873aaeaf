"""charterlogic: a treaty as a formal model, checked with Z3 (see api.py for the Python API)."""
