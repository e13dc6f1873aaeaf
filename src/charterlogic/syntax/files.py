"""Files, safely: every byte charterlogic reads from or writes to the file system goes through here.

The rules (docs/errors.md, "Safety"):

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
import tempfile
from pathlib import Path

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

    Raises FileProblem for an empty name, a file in the way, or a folder we cannot write.
    """
    name = str(directory)
    if not name.strip():
        raise FileProblem("the folder name is empty")
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise FileProblem(f"{name} exists and is not a folder") from None
    except OSError as error:
        raise FileProblem(f"cannot create the folder {name}: {error.strerror}") from None
    if not folder.is_dir():
        raise FileProblem(f"{name} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileProblem(f"cannot write into the folder {name}: permission denied")
    return folder


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
