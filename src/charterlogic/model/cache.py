"""The compiled-charter cache: a resolved charter kept as plain JSON in the user's cache folder.

Parsing and resolving the shipped charter costs more than every analysis of a query; with the
cache, a command reads the resolved charter back without importing the parser (or Lark) at all.

Safety (docs/errors.md, "Safety"): the cache is plain data, never code. The file is JSON, and
`decode` builds only the model's own dataclasses, enums, tuples and dicts from it: nothing in the
file can name a function or a class outside that list, so even a hostile file cannot run code. It
is still trusted only from a private folder (syntax/files.py: a real folder, not a link, owned by
the current user, writable by no one else) and read without following links; its content carries
a SHA-256 of itself. An entry is keyed by the source's name and text, the package version, the
Python version and a fingerprint of the code that parses and resolves (so a changed resolver in
a development checkout never answers from an old entry). Anything wrong - missing, corrupt,
stale, hostile, unwritable - and the cache is ignored: the charter is parsed as if there were
none. `--no-cache` (or CHARTERLOGIC_NO_CACHE=1) bypasses it.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..syntax import files
from ..syntax.source import Span
from . import types as m

#: Bump when the layout of a cache file changes.
FORMAT = 1

#: The classes a cache file may build: the model's dataclasses and enums, and spans.
_CLASSES: dict[str, type] = {
    cls.__name__: cls for cls in vars(m).values()
    if isinstance(cls, type) and (dataclasses.is_dataclass(cls) or issubclass(cls, enum.Enum))
    and cls.__module__ == m.__name__
}
_CLASSES[Span.__name__] = Span


class Corrupt(ValueError):
    """A cache file that does not decode to a charter."""


def encode(value: object) -> Any:
    """`value` (a charter, or any part of one) as JSON-ready plain data."""
    if isinstance(value, enum.Enum):
        return {"$e": type(value).__name__, "v": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"$": type(value).__name__,
                "f": [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]}
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"$d": [[key, encode(item)] for key, item in value.items()]}
    if value is None or isinstance(value, (bool, int, str)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(data: Any) -> Any:
    """The value `encode` gave `data` for; raises Corrupt for anything it could not have given."""
    if isinstance(data, list):
        return tuple(decode(item) for item in data)
    if isinstance(data, dict):
        try:
            if "$d" in data:
                return {key: decode(item) for key, item in data["$d"]}
            if "$e" in data:
                cls = _CLASSES[data["$e"]]
                if not issubclass(cls, enum.Enum):
                    raise Corrupt(data["$e"])
                return cls(data["v"])
            cls = _CLASSES[data["$"]]
            if not dataclasses.is_dataclass(cls):
                raise Corrupt(data["$"])
            return cls(*(decode(item) for item in data["f"]))
        except (KeyError, TypeError, ValueError) as error:
            raise Corrupt(str(error)) from None
    if data is None or isinstance(data, (bool, int, str)):
        return data
    raise Corrupt(f"unexpected {type(data).__name__}")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code that turns text into a resolved charter (syntax/ and model/)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for folder in ("syntax", "model"):
        for path in sorted((package / folder).iterdir()):
            if path.suffix in (".py", ".lark"):
                digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(name: str, text: str) -> str:
    """The cache key of a source: its name and text, the versions, the code fingerprint."""
    from importlib import metadata

    try:
        version = metadata.version("charterlogic")
    except metadata.PackageNotFoundError:
        version = "unknown"
    parts = (str(FORMAT), version, sys.version, code_fingerprint(), name, text)
    # surrogatepass: a file name that is not UTF-8 (os.fsdecode gives surrogates) is a key too
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def folder() -> Path | None:
    """The user's cache folder for charterlogic (platformdirs), or None without platformdirs."""
    try:
        import platformdirs
    except ImportError:
        return None
    return Path(platformdirs.user_cache_dir("charterlogic", appauthor=False)) / "charters"


def disabled() -> bool:
    """Whether the environment switches the cache off (CHARTERLOGIC_NO_CACHE=1)."""
    return os.environ.get("CHARTERLOGIC_NO_CACHE", "") not in ("", "0")


def _path(cache_key: str) -> Path | None:
    where = folder()
    return None if where is None else where / f"{cache_key}.json"


def load(cache_key: str) -> m.Charter | None:
    """The charter cached under `cache_key`, or None if there is none that can be trusted."""
    path = _path(cache_key)
    if path is None:
        return None
    data = files.read_private(path)
    if data is None:
        return None
    header, _, payload = data.partition(b"\n")
    try:
        meta = json.loads(header)
        if (meta.get("format") != FORMAT or meta.get("key") != cache_key
                or meta.get("sha256") != hashlib.sha256(payload).hexdigest()):
            return None
        charter = decode(json.loads(payload))
    except (ValueError, AttributeError, RecursionError):
        return None
    return charter if isinstance(charter, m.Charter) else None


def store(cache_key: str, charter: m.Charter) -> None:
    """Keep `charter` under `cache_key`; silently does nothing if the folder is not ours or not
    writable (a cache is never worth an error)."""
    path = _path(cache_key)
    if path is None:
        return
    try:
        payload = json.dumps(encode(charter), separators=(",", ":")).encode()
        header = json.dumps({"format": FORMAT, "key": cache_key,
                             "sha256": hashlib.sha256(payload).hexdigest()}).encode()
        files.private_folder(path.parent)
        files.write_atomic(path, header + b"\n" + payload, force=True, mode=0o600)
    except (files.FileProblem, OSError, TypeError, RecursionError):
        return
