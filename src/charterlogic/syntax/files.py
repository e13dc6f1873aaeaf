"""Reading input files: bytes on disk -> a Source, every failure a diagnostic.

The one place that opens charter and scenario files, so that a missing file, a folder or bad
UTF-8 reads the same whichever command met it.
"""

from __future__ import annotations

import subprocess
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


#: Seconds that `git show` may take to read a revision before it is stopped.
GIT_TIMEOUT = 20


def read_revision(spec: str) -> Source:
    """The text of `REV:PATH` as git has it (`git show`, run without a shell). PATH is relative
    to the current folder, as a file name on the command line is."""
    revision, _, path = spec.partition(":")
    if not revision or not path or revision.startswith("-"):
        raise _file_error(spec, "E011", f"not a file, nor a git revision and path: {spec} "
                          "(write REV:PATH, e.g. HEAD~1:charter.dsl)")
    relative = path if path.startswith(("./", "../", "/")) else f"./{path}"
    try:
        done = subprocess.run(["git", "show", f"{revision}:{relative}"], capture_output=True,
                              timeout=GIT_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise _file_error(spec, "E011", f"cannot read {spec}: git is not installed") from None
    except subprocess.TimeoutExpired:
        raise _file_error(spec, "E011", f"cannot read {spec}: git did not answer within "
                          f"{GIT_TIMEOUT} s") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        reason = said[0].removeprefix("fatal: ") if said else f"git exited {done.returncode}"
        raise _file_error(spec, "E011", f"cannot read {spec} from git: {reason}")
    return _decode(spec, done.stdout)


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
