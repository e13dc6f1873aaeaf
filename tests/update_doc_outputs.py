"""Rewrite the output shown under each `$ charterlogic ...` console block of the docs.

Run after a reviewed change of output: `python tests/update_doc_outputs.py`; the tests in
test_doc_outputs.py then hold the docs to it (docs/errors.md too, through its catalogue in
tests/hardening/). `--screenshot` also re-takes docs/report.png, the
README's picture of `charterlogic report` (deliberately: a human looks at it, so no test does).
"""

from __future__ import annotations

import io
import os
import re
import shlex
import sys
from pathlib import Path

from charterlogic import cli

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Example charters the docs run: charter.dsl with one reviewed change each (regenerated here, so
#: that they follow the charter; test_doc_outputs.py holds them to it).
EXAMPLES = {
    ROOT / "docs" / "examples" / "charter-three-months.dsl": (
        "# charter.dsl with three months' notice of denunciation instead of six (docs/diff.md).\n",
        [("today >= date of denounce(q) + 6 months", "today >= date of denounce(q) + 3 months"),
         ("with acknowledgment of receipt, with six months' notice.",
          "with acknowledgment of receipt, with three months' notice.")]),
}
BLOCK = re.compile(r"```console\n\$ (charterlogic [^\n]*)\n(.*?)```", re.DOTALL)


def _grep(text: str, arguments: str) -> str:
    """`| grep [-A N] 'PATTERN'` on the output: the lines that contain PATTERN (and N after)."""
    words = shlex.split(arguments)
    after = 0
    if words[0].startswith("-A"):
        after = int(words[0][2:] or words[1])
    pattern = words[-1]
    lines = text.splitlines(keepends=True)
    keep: set[int] = set()
    for index, line in enumerate(lines):
        if pattern in line:
            keep.update(range(index, min(index + after + 1, len(lines))))
    return "".join(lines[i] for i in sorted(keep))


def run(command: str) -> str:
    """The output of a documented command, as the docs show it (`| head -N`, `| tail -N` and
    `| grep [-A N] 'PATTERN'` honoured)."""
    command, _, grep = command.partition(" | grep ")
    pipeline = command.split(" | head -")
    tail = command.split(" | tail -")
    if len(tail) > 1:
        return "".join(run(tail[0]).splitlines(keepends=True)[-int(tail[1]):])
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(ROOT)  # the documented commands name files relative to the repository
    try:
        cli.main(shlex.split(pipeline[0])[1:], out, err)
    finally:
        os.chdir(here)
    text = out.getvalue() + err.getvalue()
    if len(pipeline) > 1:
        text = "".join(text.splitlines(keepends=True)[: int(pipeline[1])])
    if grep:
        text = _grep(text, grep)
    return text.rstrip("\n") + "\n"


def blocks(path: Path) -> list[tuple[str, str]]:
    return [(c, o) for c, o in BLOCK.findall(path.read_text("utf-8")) if "--save" not in c]


def take_screenshot() -> None:
    """Build the report in a temporary folder and take docs/report.png of its charter page."""
    import tempfile

    from browser import screenshot

    with tempfile.TemporaryDirectory() as folder:
        code = cli.main(["report", "--out", folder], io.StringIO(), io.StringIO())
        assert code == 0, "charterlogic report failed"
        screenshot(Path(folder) / "index.html", ROOT / "docs" / "report.png", height=1100)
    print("updated docs/report.png")


def example(path: Path) -> str:
    """The text of an example charter: charter.dsl with its changes made."""
    header, changes = EXAMPLES[path]
    text = (ROOT / "charter.dsl").read_text("utf-8")
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} is not once in charter.dsl: update EXAMPLES"
        text = text.replace(old, new)
    return header + text


def main() -> None:
    if "--screenshot" in sys.argv[1:]:
        take_screenshot()
    # docs/errors.md, the catalogue of every diagnostic, has its own renderer: run it from here,
    # so that one script regenerates every output the docs show
    sys.path.insert(0, str(ROOT / "tests" / "hardening"))
    import hardening_catalogue

    errors = ROOT / "docs" / "errors.md"
    if errors.read_text("utf-8") != hardening_catalogue.render():
        hardening_catalogue.main(["--write"])
        print("updated docs/errors.md")
    for path in EXAMPLES:
        text = example(path)
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    for path in DOCS:
        text = path.read_text("utf-8")
        updated = BLOCK.sub(
            lambda m: m.group(0) if "--save" in m.group(1)
            else f"```console\n$ {m.group(1)}\n{run(m.group(1))}```", text)
        if updated != text:
            path.write_text(updated, "utf-8")
            print(f"updated {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
