"""The JSON Schemas (2020-12) of every `--format json` output, shipped with the package.

Each output names the schema it follows in its `schema` field, `charterlogic.NAME/VERSION`; the
schema is the file `NAME.json` of this folder, whose `$id` is `urn:charterlogic:schema:NAME`. The
pieces the outputs share are in `common.json`. A field may be added without changing the
version; a field renamed, removed or retyped changes it.
"""

from __future__ import annotations

import json
from importlib import resources

#: The version of each output's schema: bump it when a field is renamed, removed or retyped.
VERSIONS = {
    "check": 2, "query": 2, "explain": 3, "find": 2, "timeline": 2, "clash": 2,
    "test": 2, "coverage": 2, "mutation": 2, "diagnostics": 1, "diff": 2, "vocab": 2,
}


def schema_id(name: str) -> str:
    """The value of the `schema` field of output `name`: `charterlogic.check/2`."""
    return f"charterlogic.{name}/{VERSIONS[name]}"


def load(name: str) -> dict[str, object]:
    """The schema of output `name` (or "common"), as a JSON object."""
    text = resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def names() -> list[str]:
    """Every schema shipped, "common" included."""
    return sorted(p.name.removesuffix(".json") for p in resources.files(__package__).iterdir()
                  if p.name.endswith(".json"))
