"""`charterlogic lsp`: the language server, over stdin and stdout, on pygls.

The protocol layer only: session.py and completion.py give the answers; here they become LSP
messages. Positions: the editor counts UTF-16 code units from 0, spans count characters from 1;
pygls's position codec converts between them.

`check` runs on save, in a worker thread, within the solver limits, and its findings are published
only if the file has not changed since: typing is never blocked by the solver. One check runs per
file at a time; a save during it is checked when it ends, so the latest save gets its findings.
"""

from __future__ import annotations

import asyncio
import logging
import re
from importlib import metadata

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from .. import api
from ..smt.solver import Limits
from ..syntax.diagnostics import Diagnostic, Severity
from ..syntax.source import Span
from . import index as ix
from .completion import complete
from .session import Document, Location, Session, findings_on_norms

#: The solver's limits for `check` on save (per call), and how long its findings may take.
CHECK_LIMITS = Limits(timeout_ms=10_000)
CHECK_DEADLINE_S = 120.0
#: How long typing must pause before a changed file is re-read.
TYPING_PAUSE_S = 0.3

_SEVERITIES = {Severity.ERROR: lsp.DiagnosticSeverity.Error,
               Severity.WARNING: lsp.DiagnosticSeverity.Warning,
               Severity.NOTE: lsp.DiagnosticSeverity.Information}
_SYMBOLS = {"article": lsp.SymbolKind.Namespace, "scenario": lsp.SymbolKind.Namespace,
            "charter": lsp.SymbolKind.File, "norm": lsp.SymbolKind.Method,
            "definition": lsp.SymbolKind.Function, "event": lsp.SymbolKind.Event,
            "act": lsp.SymbolKind.Function, "kind": lsp.SymbolKind.Class,
            "party": lsp.SymbolKind.Constant, "actor": lsp.SymbolKind.Constant,
            "sort": lsp.SymbolKind.Enum, "value": lsp.SymbolKind.EnumMember,
            "interpretation": lsp.SymbolKind.Boolean, "date": lsp.SymbolKind.Constant}
_COMPLETIONS = {"keyword": lsp.CompletionItemKind.Keyword,
                "act": lsp.CompletionItemKind.Function, "event": lsp.CompletionItemKind.Event,
                "definition": lsp.CompletionItemKind.Function,
                "interpretation": lsp.CompletionItemKind.Variable,
                "norm": lsp.CompletionItemKind.Reference, "kind": lsp.CompletionItemKind.Class,
                "sort": lsp.CompletionItemKind.Class, "date": lsp.CompletionItemKind.Constant}


class CharterServer(LanguageServer):
    """The server and its session: the open charter and scenario files."""

    def __init__(self) -> None:
        try:
            version = metadata.version("charterlogic")
        except metadata.PackageNotFoundError:  # run from a source tree
            version = "0"
        super().__init__("charterlogic", version)
        self.session = Session()
        self.checking: set[str] = set()  # the files a check is running on
        self.saved: dict[str, int | None] = {}  # the version of each file last saved
        self.versions: dict[str, int | None] = {}  # the version of each file last read


server = CharterServer()


def serve() -> None:
    """Serve over stdin and stdout until the editor says exit."""
    logging.basicConfig(level=logging.WARNING)
    server.start_io()


# ---- positions ----------------------------------------------------------------------------------


def _range(document: TextDocument | None, span: Span) -> lsp.Range:
    if span.line <= 0:
        return lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
    start = ServerTextPosition(span.line - 1, span.column - 1)
    end = ServerTextPosition(span.end_line - 1, span.end_column - 1)
    if document is None:
        return lsp.Range(lsp.Position(start.line, start.character),
                         lsp.Position(end.line, end.character))
    return document.range_to_client_units(ServerTextRange(start, end))


def _cursor(document: TextDocument, position: lsp.Position) -> tuple[int, int]:
    """The (line, column) from 1 of an editor's position."""
    server_position = document.position_from_client_units(position)
    return server_position.line + 1, server_position.character + 1


def _path(uri: str) -> str:
    return to_fs_path(uri) or uri


def _uri(path: str) -> str:
    return from_fs_path(path) or path


def _location(location: Location) -> lsp.Location:
    uri = _uri(location.path)
    opened = server.workspace.text_documents.get(uri)
    return lsp.Location(uri, _range(opened, location.span))


# ---- diagnostics --------------------------------------------------------------------------------


def _diagnostic(document: TextDocument, diagnostic: Diagnostic) -> lsp.Diagnostic:
    message = diagnostic.message
    if diagnostic.suggestion:
        message += f"; {diagnostic.suggestion}"
    message += "".join(f"\nnote: {note}" for note in diagnostic.notes)
    data = {"suggestion": diagnostic.suggestion} if diagnostic.suggestion else None
    return lsp.Diagnostic(range=_range(document, diagnostic.span), message=message,
                          severity=_SEVERITIES[diagnostic.severity], code=diagnostic.code,
                          source="charterlogic", data=data)


def _publish(uri: str, document: Document) -> None:
    text_document = server.workspace.get_text_document(uri)
    found = [_diagnostic(text_document, d) for d in [*document.diagnostics, *document.findings]]
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=text_document.version))


def _refresh(uri: str) -> Document:
    """Re-read a file from the editor's text, publish its diagnostics and those of the open
    scenario files that read it."""
    text_document = server.workspace.get_text_document(uri)
    path = _path(uri)
    document = server.session.update(path, text_document.source)
    server.versions[uri] = text_document.version
    _publish(uri, document)
    if not document.scenario:
        for other_path, other in list(server.session.documents.items()):
            if other.scenario and server.session.reading(other).path == path:
                other_uri = _uri(other_path)
                if other_uri in server.workspace.text_documents:
                    _publish(other_uri, server.session.update(
                        other_path, server.workspace.get_text_document(other_uri).source))
    return document


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
    """Read the opened file and publish its diagnostics."""
    _refresh(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
    """Re-read the file once typing pauses: each keystroke does not re-resolve the charter."""
    uri = params.text_document.uri
    await asyncio.sleep(TYPING_PAUSE_S)
    if server.workspace.get_text_document(uri).version == params.text_document.version:
        _current(uri)


def _current(uri: str) -> Document | None:
    """The session's view of an open file, re-read first if the editor's text is newer."""
    text_document = server.workspace.text_documents.get(uri)
    if text_document is None:
        return None
    if server.versions.get(uri) != text_document.version:
        return _refresh(uri)
    return server.session.documents.get(_path(uri))


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
    """Forget the closed file and clear its diagnostics."""
    server.session.close(_path(params.text_document.uri))
    server.versions.pop(params.text_document.uri, None)
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
async def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
    """Run `check` on a saved charter that loads, in a thread; publish its findings if the file
    is unchanged when they come. A save while a check of the file runs is checked after it."""
    uri = params.text_document.uri
    document = _refresh(uri)
    if document.scenario or not document.loads:
        return
    server.saved[uri] = server.workspace.get_text_document(uri).version
    if uri in server.checking:
        return  # the running check sees the new save when it ends, and checks again
    server.checking.add(uri)
    try:
        checked: int | None = None
        while server.saved.get(uri) != checked:
            checked = server.saved.get(uri)
            await _check(uri, checked)
    finally:
        server.checking.discard(uri)


async def _check(uri: str, version: int | None) -> None:
    """`check` on the file as saved at `version`, its findings published if it is still that
    version when they come (else a later change, or save, has made them stale)."""
    document = _current(uri)
    if document is None or document.charter is None or not document.loads \
            or document.scenario or server.workspace.get_text_document(uri).version != version:
        return
    loop = asyncio.get_running_loop()
    future = loop.run_in_executor(server.thread_pool, api.check, document.charter, None,
                                  CHECK_LIMITS)
    try:
        report = await asyncio.wait_for(asyncio.shield(future), CHECK_DEADLINE_S)
    except asyncio.TimeoutError:
        server.window_log_message(lsp.LogMessageParams(
            lsp.MessageType.Warning, f"charterlogic check: no answer in {CHECK_DEADLINE_S:.0f} s"))
        # a thread cannot be stopped: the next check of the file waits for it to end
        await asyncio.gather(future, return_exceptions=True)
        return
    current = server.session.documents.get(_path(uri))
    if current is None or server.workspace.get_text_document(uri).version != version:
        return
    current.findings = findings_on_norms(report, current.path)
    _publish(uri, current)


# ---- questions at the cursor --------------------------------------------------------------------


def _at(params: lsp.HoverParams | lsp.DefinitionParams | lsp.ReferenceParams,
        ) -> tuple[TextDocument, str, int, int]:
    """The file of a request at the cursor, read afresh if need be: its text, path, line and
    column (from 1)."""
    uri = params.text_document.uri
    text_document = server.workspace.get_text_document(uri)
    _current(uri)
    line, column = _cursor(text_document, params.position)
    return text_document, _path(uri), line, column


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(params: lsp.HoverParams) -> lsp.Hover | None:
    """Markdown about the name or article under the cursor (session.Session.hover)."""
    text_document, path, line, column = _at(params)
    found = server.session.hover(path, line, column)
    if found is None:
        return None
    text, span = found
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text),
                     _range(text_document, span))


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(params: lsp.DefinitionParams) -> lsp.Location | None:
    """Where the name under the cursor is declared, in this file or in its charter."""
    _, path, line, column = _at(params)
    found = server.session.definition(path, line, column)
    return _location(found) if found else None


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(params: lsp.ReferenceParams) -> list[lsp.Location]:
    """Every occurrence of the name under the cursor (session.Session.references)."""
    _, path, line, column = _at(params)
    return [_location(found) for found in server.session.references(
        path, line, column, params.context.include_declaration)]


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                lsp.CompletionOptions(trigger_characters=["(", ",", " ", ":"]))
def completion(params: lsp.CompletionParams) -> lsp.CompletionList:
    """What the grammar accepts at the cursor (completion.complete), keywords last."""
    uri = params.text_document.uri
    text_document = server.workspace.get_text_document(uri)
    document = server.session.documents.get(_path(uri))
    vocabulary = server.session.vocabulary(document) if document else None
    offset = text_document.offset_at_position(params.position)
    items = complete(text_document.source, offset, vocabulary,
                     bool(document and document.scenario))
    return lsp.CompletionList(is_incomplete=False, items=[
        lsp.CompletionItem(label=i.label, detail=i.detail or i.kind,
                           kind=_COMPLETIONS.get(i.kind, lsp.CompletionItemKind.Value),
                           sort_text=f"{int(i.kind == 'keyword')}{n:04d}")
        for n, i in enumerate(items)])


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    """The outline of the file: its declarations, each article with its norms inside."""
    text_document = server.workspace.get_text_document(params.text_document.uri)
    _current(params.text_document.uri)

    def convert(symbol: ix.Symbol) -> lsp.DocumentSymbol:
        extent = _range(text_document, symbol.extent)
        selection = _range(text_document, symbol.span)
        return lsp.DocumentSymbol(name=symbol.name, detail=symbol.kind,
                                  kind=_SYMBOLS.get(symbol.kind, lsp.SymbolKind.Variable),
                                  range=extent, selection_range=selection,
                                  children=[convert(c) for c in symbol.children])

    return [convert(s) for s in server.session.symbols(_path(params.text_document.uri))]


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_actions(params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """A quick fix for each diagnostic that suggests a name: replace the name with it."""
    actions = []
    for diagnostic in params.context.diagnostics:
        suggestion = (diagnostic.data or {}).get("suggestion") or ""
        named = re.fullmatch(r"did you mean `([^`]+)`\?", suggestion)
        if diagnostic.source == "charterlogic" and named:
            edit = lsp.TextEdit(diagnostic.range, named.group(1))
            actions.append(lsp.CodeAction(
                title=f"Replace with `{named.group(1)}`", kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], is_preferred=True,
                edit=lsp.WorkspaceEdit(changes={params.text_document.uri: [edit]})))
    return actions


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
def formatting(params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit] | None:
    """`charterlogic fmt` on the editor's text: one edit replacing it, if it parses."""
    from ..syntax.diagnostics import CharterError
    from ..syntax.printer import format_source
    from ..syntax.source import Source

    text_document = server.workspace.get_text_document(params.text_document.uri)
    try:
        text = format_source(Source(text_document.path, text_document.source))
    except CharterError:
        return None
    if text == text_document.source:
        return []
    lines = text_document.source.split("\n")
    end = lsp.Position(len(lines) - 1, len(lines[-1].encode("utf-16-le")) // 2)
    return [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), end), text)]
