"""Text for people and JSON for tools, for every report. All JSON of charterlogic is made here."""
