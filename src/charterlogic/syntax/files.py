"""Files, safely: every byte charterlogic reads from or writes to the file system goes through here.

`read_source` is the one place that opens charter and scenario files, so that a missing file, a
folder or bad UTF-8 reads the same whichever command met it. The rules (docs/errors.md, "Safety"):

- Input is read only from regular files of at most MAX_INPUT_BYTES, checked on the open file
  before a byte is read, so `/dev/zero`, a FIFO or a huge file never hangs or exhausts memory.
- Output is written atomically (a temporary file in the same folder, then a rename), never
  through a symbolic link, and never over an existing file unless the caller says `force`.
  Without `force` the file is created exclusively, so two concurrent writers cannot silently
  overwrite each other: the second one fails, naming the file.
- A private file (a cache) is trusted only if it is a regular file in a folder of ours, owned by
  the current user and writable by no one else: nothing is ever loaded from a shared place.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

from .diagnostics import CharterError, Diagnostic
from .source import Source, Span, decode, normalise_newlines

#: The charter shipped inside the package (package data of `charterlogic`).
SHIPPED = "charter.dsl"


def read_source(path: str | Path | None) -> Source:
    """The text of `path` as a Source (None: the charter shipped with the package).

    Decoded as UTF-8, byte-order mark dropped, line endings normalised. Raises CharterError
    (E011: missing, a folder, not a regular file, over MAX_INPUT_BYTES or unreadable; E012:
    invalid UTF-8, with the line and column of the
    first bad byte), never OSError or UnicodeDecodeError."""
    if path is None:
        data = resources.files("charterlogic").joinpath(SHIPPED).read_bytes()
        return _decode(SHIPPED, data)
    name = str(path)
    try:
        data = read_input(path)
    except FileProblem as problem:
        raise _file_error(name, "E011", str(problem)) from None
    return _decode(name, data)


#: Seconds that `git show` may take to read a revision before it is stopped.
GIT_TIMEOUT = 20


def read_revision(spec: str) -> Source:
    """The text of `REV:PATH` as git has it (`git show`, run without a shell). PATH is relative
    to the current folder, as a file name on the command line is. A blob over MAX_INPUT_BYTES
    is E011, as a file is, refused before it is read."""
    revision, _, path = spec.partition(":")
    if not revision or not path or revision.startswith("-"):
        raise _file_error(spec, "E011", f"not a file, nor a git revision and path: {spec} "
                          "(write REV:PATH, e.g. HEAD~1:charter.dsl)")
    relative = path if path.startswith(("./", "../", "/")) else f"./{path}"
    blob = f"{revision}:{relative}"
    # the size first, as for a file: a huge blob is refused before a byte of it is read
    sized = _git(spec, ["cat-file", "-s", blob])
    size = int(sized.stdout) if sized.returncode == 0 and sized.stdout.strip().isdigit() else 0
    if size > MAX_INPUT_BYTES:
        raise _file_error(spec, "E011", f"{spec} is {size:,} bytes; the limit is "
                          f"{MAX_INPUT_BYTES:,}")
    done = _git(spec, ["show", blob])  # also when cat-file failed: git show says why best
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        reason = said[0].removeprefix("fatal: ") if said else f"git exited {done.returncode}"
        raise _file_error(spec, "E011", f"cannot read {spec} from git: {reason}")
    if len(done.stdout) > MAX_INPUT_BYTES:  # not a blob: what git printed is the limit's business
        raise _file_error(spec, "E011", f"{spec} is over {MAX_INPUT_BYTES:,} bytes, the limit")
    return _decode(spec, done.stdout)


def _git(spec: str, argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    """`git ARGV`, run without a shell; E011 (naming `spec`) if git is missing or hangs."""
    try:
        return subprocess.run(["git", *argv], capture_output=True, timeout=GIT_TIMEOUT,
                              check=False, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise _file_error(spec, "E011", f"cannot read {spec}: git is not installed") from None
    except subprocess.TimeoutExpired:
        raise _file_error(spec, "E011", f"cannot read {spec}: git did not answer within "
                          f"{GIT_TIMEOUT} s") from None


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


#: The largest input file charterlogic reads: 2 MiB, over a hundred times the shipped charter
#: (about 15 KB). Parsing is linear in the file, and this keeps it within seconds.
MAX_INPUT_BYTES = 2 * 1024 * 1024


class FileProblem(Exception):
    """A file that cannot be read or written as asked; the message says why, naming it."""


def read_input(path: str | Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file `path`, of at most `limit` bytes.

    Raises FileProblem for a missing file, a folder, a device, a FIFO, a socket, or a file over
    the limit; the checks are made on the opened file, before reading.
    """
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise FileProblem(f"no such file: {name}") from None
    except IsADirectoryError:
        raise FileProblem(f"{name} is a directory, not a file") from None
    except OSError as error:
        raise FileProblem(f"cannot read {name}: {error.strerror}") from None
    status = os.fstat(descriptor)
    problem = None
    if stat.S_ISDIR(status.st_mode):
        problem = f"{name} is a directory, not a file"
    elif not stat.S_ISREG(status.st_mode):
        problem = f"{name} is not a regular file ({_kind(status.st_mode)})"
    elif status.st_size > limit:
        problem = f"{name} is {status.st_size:,} bytes; the limit is {limit:,}"
    if problem is not None:
        os.close(descriptor)
        raise FileProblem(problem)
    with os.fdopen(descriptor, "rb") as file:
        try:
            data = file.read(limit + 1)
        except OSError as error:
            raise FileProblem(f"cannot read {name}: {error.strerror}") from None
    if len(data) > limit:  # it grew while we read it
        raise FileProblem(f"{name} is over {limit:,} bytes, the limit")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def usable_folder(directory: str | Path) -> Path:
    """`directory`, created if missing, checked to be a folder we can write into.

    Raises FileProblem for an empty name, a symbolic link (its target is not written into: the
    link may have been planted), a file in the way, or a folder we cannot write.
    """
    name = str(directory)
    if not name.strip():
        raise FileProblem("the folder name is empty")
    folder = Path(directory)
    refuse_linked_folders(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FileProblem(f"{name} exists and is not a folder") from None
    except OSError as error:
        raise FileProblem(f"cannot create the folder {name}: {error.strerror}") from None
    # again: a link planted while the missing folders were being created is refused too
    refuse_linked_folders(folder)
    if not folder.is_dir():
        raise FileProblem(f"{name} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileProblem(f"cannot write into the folder {name}: permission denied")
    return folder


def refuse_linked_folders(folder: Path) -> None:
    """Raise FileProblem if `folder`, or any folder on the way to it as it is written (`a` and
    `a/b` of `a/b/c`), is a symbolic link: the files would land in the link's target, and the
    link may have been planted. Folders that do not exist yet are created by us, not linked."""
    parts = folder.parts
    for count in range(1, len(parts) + 1):
        part = Path(*parts[:count])
        if part.is_symlink():
            where = "" if part == folder else f" (on the way to {folder})"
            raise FileProblem(f"{part}{where} is a symbolic link; charterlogic never writes "
                              "through one: give the real folder")


def refuse_existing(path: Path, force: bool) -> None:
    """Raise FileProblem if writing `path` would follow a link, or overwrite without `force`."""
    if path.is_symlink():
        raise FileProblem(f"{path} is a symbolic link; charterlogic never writes through one")
    if path.exists() and not force:
        raise FileProblem(f"{path} exists; give --force to overwrite it")
    if path.exists() and not path.is_file():
        raise FileProblem(f"{path} exists and is not a regular file")


def write_atomic(path: Path, data: bytes, force: bool = False, mode: int = 0o644) -> None:
    """Write `data` to `path`: all of it or nothing, never through a link.

    Without `force`, `path` must not exist, and it is created exclusively (a hard link of the
    finished temporary file), so a concurrent writer of the same name fails rather than being
    overwritten. With `force`, an existing regular file is replaced by a rename, which replaces
    the directory entry itself: a link planted there in the meantime is replaced, not followed.
    Raises FileProblem naming the file.
    """
    refuse_existing(path, force)
    folder = path.parent
    refuse_linked_folders(folder)
    try:
        # mkstemp creates with O_EXCL (and so never follows a link) and mode 0600
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.",
                                                 suffix=".tmp")
    except OSError as error:
        raise FileProblem(f"cannot write into {folder}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode & ~_umask())
        if force:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path, follow_symlinks=False)
            except FileExistsError:
                raise FileProblem(
                    f"{path} was created by someone else meanwhile; give --force to "
                    "overwrite it") from None
    except OSError as error:
        raise FileProblem(f"cannot write {path}: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def private_folder(directory: Path) -> Path:
    """`directory`, created with mode 0700 if missing, checked to be ours alone.

    Raises FileProblem unless it is a real folder (not a link), owned by the current user and
    writable by no one else. For caches: what they hold is loaded only from such a folder.
    """
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = os.lstat(directory)
    except OSError as error:
        raise FileProblem(f"cannot create the folder {directory}: {error.strerror}") from None
    if not stat.S_ISDIR(status.st_mode):
        raise FileProblem(f"{directory} is not a folder (a link is not trusted)")
    _check_ours(directory, status)
    return directory


def read_private(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes | None:
    """The bytes of a private file (a cache entry), or None if it is missing or not trusted.

    Trusted: the folder passes `private_folder`, and the file itself is a regular file (opened
    without following a link), owned by the current user and writable by no one else.
    """
    try:
        private_folder(path.parent)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except (OSError, FileProblem):
        return None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        try:
            _check_ours(path, status)
        except FileProblem:
            return None
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        data = file.read(limit + 1)
    return data if len(data) <= limit else None


def _check_ours(path: Path, status: os.stat_result) -> None:
    if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
        raise FileProblem(f"{path} belongs to another user")
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise FileProblem(f"{path} is writable by other users")
