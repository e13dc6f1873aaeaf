"""Reading input files: bytes on disk -> a Source, every failure a diagnostic.

The one place that opens charter and scenario files, so that a missing file, a folder or bad
UTF-8 reads the same whichever command met it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .diagnostics import CharterError, Diagnostic
from .source import Source, Span, decode, normalise_newlines

#: The charter shipped inside the package (package data of `charterlogic`).
SHIPPED = "charter.dsl"


def read_source(path: str | Path | None) -> Source:
    """The text of `path` as a Source (None: the charter shipped with the package).

    Decoded as UTF-8, byte-order mark dropped, line endings normalised. Raises CharterError
    (E011: missing, a folder or unreadable; E012: invalid UTF-8, with the line and column of the
    first bad byte), never OSError or UnicodeDecodeError."""
    if path is None:
        data = resources.files("charterlogic").joinpath(SHIPPED).read_bytes()
        return _decode(SHIPPED, data)
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise _file_error(name, "E011", f"no such file: {name}") from None
    except IsADirectoryError:
        raise _file_error(name, "E011", f"{name} is a directory, not a file") from None
    except OSError as error:
        raise _file_error(name, "E011", f"cannot read {name}: {error.strerror}") from None
    return _decode(name, data)


def _decode(name: str, data: bytes) -> Source:
    try:
        return decode(name, data)
    except UnicodeDecodeError as error:
        prefix = normalise_newlines(data[: error.start].decode("utf-8", errors="replace"))
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        # shown with the bad bytes replaced, so that the caret can point at the first of them
        shown = Source(name, normalise_newlines(data.decode("utf-8", errors="replace")))
        raise CharterError((Diagnostic(
            "E012", f"invalid UTF-8 at byte offset {error.start} "
            f"(byte 0x{data[error.start]:02x})", Span(name, line, column, line, column + 1),
            notes=("charterlogic reads UTF-8 text: save the file as UTF-8",)),),
            {name: shown}) from None


def _file_error(name: str, code: str, message: str) -> CharterError:
    """A file-level problem (no line or column): E011 cannot read."""
    return CharterError((Diagnostic(code, message, Span(name, 0, 0, 0, 0)),), {})
