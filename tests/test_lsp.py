"""`charterlogic lsp`, driven over stdio by pygls's client as an editor drives it.

Needs the `lsp` extra (`pip install '.[lsp]'`; CI installs it); without it, skipped. The answers
themselves are tested without the extra in tests/test_lsp_session.py.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra: "
                    "pip install 'charterlogic[lsp]'")

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from charterlogic import api
from helpers import MINI_CHARTER

ROOT = Path(__file__).resolve().parent.parent
CHARTER = (ROOT / "charter.dsl").read_text(encoding="utf-8")
#: The shipped charter with a party misspelt in Art. 6's condition.
MISSPELT = CHARTER.replace("when aggression(x, p) and party(p)\n    unless defence",
                           "when aggression(x, p) and party(nigr)\n    unless defence", 1)
TIMEOUT = 60


def position(text: str, line_containing: str, word: str, skip: int = 0) -> lsp.Position:
    """The position of the start of `word` on the first line holding `line_containing`."""
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines) if line_containing in line)
    return lsp.Position(number, lines[number].index(word) + skip)


class Editor:
    """A pygls client that keeps the diagnostics the server publishes."""

    def __init__(self) -> None:
        self.client = LanguageClient("charterlogic-test", "1")
        self.diagnostics: dict[str, list[lsp.Diagnostic]] = {}
        self.published = asyncio.Event()

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: lsp.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = params.diagnostics
            self.published.set()

    async def start(self, root: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "charterlogic.cli", "lsp")
        await asyncio.wait_for(self.client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri())), TIMEOUT)
        self.client.initialized(lsp.InitializedParams())

    async def open(self, path: Path, text: str) -> list[lsp.Diagnostic]:
        self.published.clear()
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=path.as_uri(), language_id="charterdsl", version=1,
                                 text=text)))
        await asyncio.wait_for(self.published.wait(), TIMEOUT)
        return self.diagnostics[path.as_uri()]

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def test_the_server_over_stdio(tmp_path: Path) -> None:
    asyncio.run(asyncio.wait_for(_session(tmp_path), 4 * TIMEOUT))


async def _session(tmp_path: Path) -> None:
    editor = Editor()
    await editor.start(tmp_path)
    try:
        await _exercise(editor, tmp_path)
    finally:
        await editor.stop()


async def _exercise(editor: Editor, tmp_path: Path) -> None:
    client = editor.client
    path = tmp_path / "charter.dsl"
    path.write_text(MISSPELT, encoding="utf-8")
    uri = path.as_uri()
    document = lsp.TextDocumentIdentifier(uri)

    # the misspelt party: E101 at its range, with the suggestion
    [diagnostic] = await editor.open(path, MISSPELT)
    start = position(MISSPELT, "party(nigr)", "nigr")
    assert diagnostic.code == "E101"
    assert diagnostic.severity == lsp.DiagnosticSeverity.Error
    assert diagnostic.range == lsp.Range(start, lsp.Position(start.line, start.character + 4))
    assert "unknown name `nigr`" in diagnostic.message
    assert "did you mean `niger`?" in diagnostic.message
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=document, range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic])))
    assert [a.title for a in actions] == ["Replace with `niger`"]
    assert list(actions[0].edit.changes[uri]) == [lsp.TextEdit(diagnostic.range, "niger")]

    # hover: an act's wording; a norm's modality and article
    at = position(MISSPELT, "norm collective_assistance", "assist(", 2)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=document, position=at))
    assert hover is not None
    assert "act assist(helper: state, victim: state)" in hover.contents.value
    assert "{helper} assists {victim}, individually or collectively" in hover.contents.value
    at = position(MISSPELT, "norm collective_assistance", "collective_assistance", 3)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=document, position=at))
    assert hover is not None
    assert "**obliged** (`must`)" in hover.contents.value
    assert "Art. 6, Collective defence" in hover.contents.value

    # go to definition: from a use of `aggression` to its `define`
    at = position(MISSPELT, "when aggression(x, p) and party(nigr)", "aggression", 1)
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(text_document=document, position=at))
    define = position(MISSPELT, "define aggression(", "aggression")
    assert found == lsp.Location(uri, lsp.Range(define, lsp.Position(define.line,
                                                                     define.character + 10)))
    found = await client.text_document_references_async(lsp.ReferenceParams(
        context=lsp.ReferenceContext(include_declaration=True), text_document=document,
        position=at))
    assert len(found) == MISSPELT.count("aggression(")

    # completion of `attack(x, `: the six targets
    typed = MISSPELT.replace("  priority force_against_threats",
                             "  norm n: every party q: must not attack(q, t) when attack(x, \n"
                             "  priority force_against_threats", 1)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(version=2, uri=uri),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=typed)]))
    at = position(typed, "when attack(x, ", "when attack(x, ", len("when attack(x, "))
    completions = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=document, position=at))
    assert completions is not None
    labels = [item.label for item in completions.items]
    # the values of the sort `target`, in the charter's order (the issue's six, and issue 10's
    # political_independence of Art. 8(a))
    targets = [c.name for c in api.load_charter_text(CHARTER, "charter.dsl").sorts["target"]]
    assert {"territory", "sovereignty", "forces", "ships", "aircraft", "airspace"} <= set(targets)
    assert labels == targets

    # the outline: by article
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(version=3, uri=uri),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=CHARTER)]))
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=document))
    assert symbols is not None
    articles = {s.name: [c.name for c in s.children] for s in symbols if s.detail == "article"}
    assert {"aggression", "collective_assistance", "collective_force"} <= set(
        articles["Art. 6 Collective defence"])
    assert len([s for s in symbols if s.detail == "article"]) == len(
        [line for line in CHARTER.split("\n") if line.startswith("article ")])

    # on save, check's findings as warnings on the norms involved
    editor.published.clear()
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=document))
    while not any(str(d.code).startswith("C") for d in editor.diagnostics.get(uri, [])):
        await asyncio.wait_for(editor.published.wait(), TIMEOUT)
        editor.published.clear()
    found = {(d.code, d.range.start.line) for d in editor.diagnostics[uri]}
    assert ("C003", position(CHARTER, "norm collective_assistance", "c").line) in found
    assert ("C002", position(CHARTER, "norm no_force:", "n").line) in found

    # a scenario file, read against the charter it names
    scenario = tmp_path / "s.scenario"
    text = ('# charter: charter.dsl\nscenario "s" {\n  on 2024-01-01\n  actor chad: state\n'
            '  fact attack(chad, territory(nigeria))\n}\n')
    [problem] = await editor.open(scenario, text)
    assert (problem.code, problem.range.start) == ("E101", lsp.Position(4, 30))
    assert "did you mean `niger`?" in problem.message
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=lsp.TextDocumentIdentifier(scenario.as_uri()),
        position=lsp.Position(4, 9)))
    assert found is not None and found.uri == uri


def test_without_the_extra_the_command_says_how_to_install_it(monkeypatch) -> None:
    import io

    from charterlogic import cli

    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "charterlogic.lsp.server", raising=False)
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["lsp"], out, err) == 2
    assert "python3 -m pip install 'charterlogic[lsp]'" in err.getvalue()


#: A small charter whose `check` finds one conflict (C001) on the norm `refrain`.
CONFLICTED = MINI_CHARTER.replace(
    "  norm help_duty:",
    "  norm refrain: every party q other than p: must not help(q, p) when attacked(p)\n"
    "  norm help_duty:")


def test_a_save_during_a_check_gets_its_findings(tmp_path: Path, monkeypatch) -> None:
    """Saved, edited and saved again while the first check runs: the first check's findings
    are stale, and the second save's come once it ends (not only at a third save)."""
    from pygls.workspace import Workspace

    from charterlogic.lsp import server as served

    server = served.server
    monkeypatch.setattr(server.protocol, "_workspace", Workspace(tmp_path.as_uri()))
    published: list[lsp.PublishDiagnosticsParams] = []
    monkeypatch.setattr(server, "text_document_publish_diagnostics", published.append)
    started, release = threading.Event(), threading.Event()
    checked: list[list[str]] = []
    check = api.check

    def slow_check(charter, settings, limits):  # the first check waits to be released
        checked.append(list(charter.norms))
        started.set()
        release.wait(TIMEOUT)
        return check(charter, settings, limits)

    monkeypatch.setattr(served.api, "check", slow_check)
    uri = (tmp_path / "mini.dsl").as_uri()
    renamed = CONFLICTED.replace("norm refrain:", "norm abstain:")
    saved = lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri))

    async def edit_and_save_while_checking() -> None:
        item = lsp.TextDocumentItem(uri, "charterdsl", 1, CONFLICTED)
        server.workspace.put_text_document(item)  # what pygls does before did_open
        served.did_open(lsp.DidOpenTextDocumentParams(item))
        first = asyncio.create_task(served.did_save(saved))
        await asyncio.to_thread(started.wait, TIMEOUT)
        server.workspace.update_text_document(
            lsp.VersionedTextDocumentIdentifier(2, uri),
            lsp.TextDocumentContentChangeWholeDocument(renamed))
        await served.did_save(saved)  # returns at once: a check of the file is running
        release.set()
        await asyncio.wait_for(first, TIMEOUT)

    try:
        asyncio.run(edit_and_save_while_checking())
    finally:
        server.session.close(str(tmp_path / "mini.dsl"))
    assert checked == [["refrain", "help_duty"], ["abstain", "help_duty"]]
    last = published[-1]
    assert last.version == 2
    line = renamed.split("\n").index(next(x for x in renamed.split("\n") if "abstain" in x))
    assert ("C001", line) in {(d.code, d.range.start.line) for d in last.diagnostics}
