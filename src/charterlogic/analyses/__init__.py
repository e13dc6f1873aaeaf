"""The analyses: each takes a charter, a request and limits, and returns a report of plain data (no
JSON, no text).
"""
