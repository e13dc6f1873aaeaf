"""`use "vocabulary.dsl"`: a file that uses another, read safely (docs/instruments.md).

A charter file may `use` a vocabulary file: its kinds, actors, sorts, events and acts are read
in place of the `use`, as if written there. The rules (docs/errors.md, "Safety"):

- The path is relative to the using file's folder and stays inside that folder's tree: an
  absolute path, a `..` part, or a path whose real location (symbolic links followed) lies
  outside the folder is E123, located at the `use`. So is a used file that holds anything but
  vocabulary (a header, an article, a scenario...).
- A file that uses itself, directly or through others, is E124, with the chain of files.
- A file used twice in one model (by two instruments, or twice in one file) is read once, so
  that what it declares is declared once.
- The used file is read by `files.read_source`, with its checks (regular file, size, UTF-8);
  a missing or unreadable one is E011, located at the `use`.
- A file read from a git revision (`REV:PATH`, for `diff`) uses the files of the same revision,
  read by `files.read_revision`, under the same rules. Git keeps a symbolic link as a file
  holding the name of its target: it is read as that text, never followed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from . import ast
from .diagnostics import CharterError, Diagnostic
from .files import read_revision, read_source
from .parser import parse
from .source import Source

#: What a used file may hold: vocabulary, and the files it uses in turn.
VOCABULARY = (ast.UseDecl, ast.KindDecl, ast.ActorDecl, ast.SortDecl, ast.PredicateDecl)


@dataclass
class Loaded:
    """The files read for one model: each file's source, and the real paths already used."""

    sources: dict[str, Source] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)


def load_document(path: str | Path, loaded: Loaded | None = None, source: Source | None = None,
                  revision: str | None = None) -> tuple[ast.Document, Source, dict[str, Source]]:
    """The file `path` parsed, every `use` replaced by the declarations of the file it names.

    Returns the document, the file's own source, and every source read (the used files' too,
    for diagnostics). `loaded` is shared by the instruments of one model, so that a vocabulary
    they all use is read once. `source` is the file's text when the caller has read it already
    (reading it again could see another text). With `revision`, `path` and the files it uses
    are read as git has them at that revision. Raises CharterError with every problem found."""
    loaded = loaded if loaded is not None else Loaded()
    files = _Files(revision)
    source = source if source is not None else files.read(Path(path))
    loaded.sources[source.name] = source
    document = parse(source)
    if not any(isinstance(d, ast.UseDecl) for d in document.declarations):
        return document, source, loaded.sources
    problems: list[Diagnostic] = []
    real = files.identity(Path(path))
    loaded.used.add(real)
    declarations = _expand(document, Path(path), [real], loaded, problems, files, root=True)
    if problems:
        raise CharterError(tuple(problems), loaded.sources)
    return ast.Document(tuple(declarations), document.problems), source, loaded.sources


@dataclass(frozen=True)
class _Files:
    """Where the files of one instrument are read: the disk, or a git revision."""

    revision: str | None

    def read(self, path: Path) -> Source:
        return read_source(path) if self.revision is None \
            else read_revision(f"{self.revision}:{path}")

    def identity(self, path: Path) -> str:
        """What makes two paths one file: its real location on disk; in a revision, its path
        there (a link is not followed, so it is a file of its own)."""
        return os.path.realpath(path) if self.revision is None \
            else f"{self.revision}:{os.path.normpath(path)}"

    def escapes(self, folder: Path, target: Path) -> bool:
        """Whether `target` lies outside `folder` once symbolic links are followed (never, in a
        revision, where none is followed)."""
        if self.revision is not None:
            return False
        inside = os.path.realpath(folder)
        return os.path.commonpath([inside, os.path.realpath(target)]) != inside


def _expand(document: ast.Document, path: Path, chain: list[str], loaded: Loaded,
            problems: list[Diagnostic], files: _Files, root: bool) -> list[ast.Declaration]:
    declarations: list[ast.Declaration] = []
    for d in document.declarations:
        if not isinstance(d, ast.UseDecl):
            if not root and not isinstance(d, VOCABULARY):
                problems.append(Diagnostic(
                    "E123", f"{path} is used as a vocabulary, so it may hold only kinds, "
                    "actors, sorts, events and acts", d.span,
                    notes=("move the other declarations to the file that uses it",)))
                continue
            declarations.append(d)
            continue
        target = _target(d, path, problems, files)
        if target is None:
            continue
        real = files.identity(target)
        if real in chain:
            shown = [*chain[chain.index(real):], real]
            problems.append(Diagnostic(
                "E124", f"`use {_quoted(d.path)}` makes a cycle of files", d.span,
                "a vocabulary file must not use, directly or not, a file that uses it",
                notes=("the cycle: " + " -> ".join(_relative(p) for p in shown),)))
            continue
        if real in loaded.used:
            continue  # already read for this model: what it declares is declared once
        loaded.used.add(real)
        try:
            used = files.read(target)
            loaded.sources[used.name] = used
            parsed = parse(used)
        except CharterError as error:
            for diagnostic in error.diagnostics:
                if diagnostic.span.line == 0:  # a file-level problem: locate it at the `use`
                    problems.append(Diagnostic(diagnostic.code, diagnostic.message, d.span,
                                               None, diagnostic.notes))
                else:
                    problems.append(diagnostic)
            loaded.sources.update(error.sources)
            continue
        declarations.extend(_expand(parsed, target, [*chain, real], loaded, problems, files,
                                    False))
        problems.extend(parsed.problems)
    return declarations


def _target(d: ast.UseDecl, path: Path, problems: list[Diagnostic], files: _Files,
            ) -> Path | None:
    """The file `use` names, if it lies in the using file's folder tree; else E123."""
    written = d.path
    refusal = None
    if not written.strip():
        refusal = "`use` needs a file name"
    elif PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute() \
            or PureWindowsPath(written).drive or written.startswith(("/", "\\", "~")):
        refusal = f"`use {_quoted(written)}`: an absolute path"
    elif ".." in PureWindowsPath(written).parts or ".." in PurePosixPath(written).parts:
        refusal = f"`use {_quoted(written)}` leaves the folder through `..`"
    if refusal is not None:
        problems.append(Diagnostic("E123", refusal, d.span,
                                   "name a file in this file's folder or below it",
                                   notes=(_confinement(path),)))
        return None
    folder = path.parent
    target = folder / written
    if files.escapes(folder, target):
        problems.append(Diagnostic(
            "E123", f"`use {_quoted(written)}` leads outside the folder through a symbolic link",
            d.span, "name a file in this file's folder or below it",
            notes=(_confinement(path), f"{target} is really {os.path.realpath(target)}")))
        return None
    return target


def _confinement(path: Path) -> str:
    folder = str(path.parent) if str(path.parent) != "." else "the current folder"
    return f"a file may use only files in its own folder's tree ({folder})"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _relative(real: str) -> str:
    try:
        return os.path.relpath(real)
    except ValueError:
        return real
