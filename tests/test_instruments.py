"""Several instruments loaded together (docs/instruments.md): the `use` of a vocabulary file and
its confinement, the shipped ECOWAS instruments beside the charter, citations by instrument, the
conflicts between instruments in `check` and `query`, and their spec suites."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from charterlogic import api
from test_json_schemas import validate

ROOT = Path(__file__).parent.parent
ECOWAS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "instruments" / "ecowas").glob("*.dsl"))
ALL = ["charter.dsl", *ECOWAS]
VOCABULARY = 'kind state\nact go(who: state) "{who} goes"\n'
INSTRUMENT = 'use "shared/vocabulary.dsl"\ncharter "Pact" { cited "The Pact" }\n' \
             'actor alpha "Alpha": state\narticle 1 "Going" {\n' \
             '  norm going: every state q: must go(q)\n}\n'
LOCATED = re.compile(r"^\S+:\d+:\d+: error\[E\d{3}\]", re.MULTILINE)


def _tree(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")


def _refused(run, folder: Path, code: str, *paths: str) -> str:  # type: ignore[no-untyped-def]
    result = run("check", *paths, cwd=folder)
    assert result.code == 2, result.err
    assert result.out == ""
    assert "Traceback" not in result.err
    assert f"error[{code}]" in result.err
    assert LOCATED.search(result.err), result.err  # file:line:column, never a bare message
    return str(result.err)


# ---- the include mechanism ---------------------------------------------------------------------


def test_a_used_vocabulary_is_read_in_place(tmp_path: Path) -> None:
    _tree(tmp_path, {"pact.dsl": INSTRUMENT, "shared/vocabulary.dsl": VOCABULARY})
    charter = api.load_charter(tmp_path / "pact.dsl")
    assert "go" in charter.predicates and charter.predicates["go"].span.file.endswith(
        "vocabulary.dsl")
    assert list(charter.norms) == ["going"]


@pytest.mark.parametrize("written, said", [
    ("/etc/passwd", "an absolute path"),
    ("../outside.dsl", "leaves the folder through `..`"),
    ("shared/../../outside.dsl", "leaves the folder through `..`"),
    ("", "needs a file name"),
])
def test_a_use_that_leaves_the_folder_is_refused_where_it_is_written(
        run, tmp_path: Path, written: str, said: str) -> None:  # type: ignore[no-untyped-def]
    inside = tmp_path / "inside"
    _tree(tmp_path, {"outside.dsl": VOCABULARY,
                     "inside/pact.dsl": f'use "{written}"\nkind state\n'})
    err = _refused(run, inside, "E123", "pact.dsl")
    assert said in err and "pact.dsl:1:5:" in err


def test_a_symbolic_link_out_of_the_folder_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _tree(tmp_path, {"secret/vocabulary.dsl": VOCABULARY,
                     "inside/pact.dsl": 'use "shared/vocabulary.dsl"\n'})
    (tmp_path / "inside" / "shared").mkdir()
    os.symlink(tmp_path / "secret" / "vocabulary.dsl",
               tmp_path / "inside" / "shared" / "vocabulary.dsl")
    err = _refused(run, tmp_path / "inside", "E123", "pact.dsl")
    assert "through a symbolic link" in err
    # a folder that is a link out of the tree is refused the same way
    os.remove(tmp_path / "inside" / "shared" / "vocabulary.dsl")
    os.rmdir(tmp_path / "inside" / "shared")
    os.symlink(tmp_path / "secret", tmp_path / "inside" / "shared")
    assert "through a symbolic link" in _refused(run, tmp_path / "inside", "E123", "pact.dsl")


def test_a_symbolic_link_inside_the_folder_is_followed(tmp_path: Path) -> None:
    _tree(tmp_path, {"pact.dsl": INSTRUMENT, "real/vocabulary.dsl": VOCABULARY})
    os.symlink(tmp_path / "real", tmp_path / "shared")
    assert "go" in api.load_charter(tmp_path / "pact.dsl").predicates


def test_files_that_use_each_other_are_a_located_cycle(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _tree(tmp_path, {"pact.dsl": 'use "a.dsl"\n', "a.dsl": 'use "b.dsl"\nkind state\n',
                     "b.dsl": 'use "a.dsl"\n'})
    err = _refused(run, tmp_path, "E124", "pact.dsl")
    assert "b.dsl:1:5:" in err and "the cycle: a.dsl -> b.dsl -> a.dsl" in err
    _tree(tmp_path, {"self.dsl": 'use "self.dsl"\nkind state\n'})
    assert "makes a cycle" in _refused(run, tmp_path, "E124", "self.dsl")


def test_a_missing_used_file_is_located_at_the_use(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _tree(tmp_path, {"pact.dsl": 'kind state\nuse "nowhere.dsl"\n'})
    err = _refused(run, tmp_path, "E011", "pact.dsl")
    assert "pact.dsl:2:5:" in err and "no such file" in err


def test_a_used_file_holds_vocabulary_only(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _tree(tmp_path, {"pact.dsl": INSTRUMENT,
                     "shared/vocabulary.dsl": VOCABULARY + 'charter "Other" { }\n'})
    err = _refused(run, tmp_path, "E123", "pact.dsl")
    assert "vocabulary.dsl:3:1:" in err and "may hold only" in err


def test_a_declaration_made_again_beside_its_vocabulary_is_located_twice(
        run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _tree(tmp_path, {"pact.dsl": INSTRUMENT + 'act go(who: state) "{who} leaves"\n',
                     "shared/vocabulary.dsl": VOCABULARY})
    err = _refused(run, tmp_path, "E108", "pact.dsl")
    assert "`go` is declared twice" in err
    # both places, each with its line and column
    assert "shared/vocabulary.dsl:2:5" in err and "pact.dsl:7:5" in err


def test_a_vocabulary_used_twice_is_read_once(tmp_path: Path) -> None:
    _tree(tmp_path, {"pact.dsl": 'use "shared/vocabulary.dsl"\nuse "shared/vocabulary.dsl"\n'
                                 + INSTRUMENT.split("\n", 1)[1],
                     "shared/vocabulary.dsl": VOCABULARY,
                     "treaty.dsl": 'use "shared/vocabulary.dsl"\ncharter "Treaty" { }\n'
                                   'article 1 "Staying" {\n'
                                   '  norm staying: every state q: may go(q)\n}\n'})
    model = api.load_instruments([tmp_path / "pact.dsl", tmp_path / "treaty.dsl"])
    assert list(model.norms) == ["going", "staying"]
    assert [i.cited for i in model.instruments] == ["The Pact", "Treaty"]


def test_a_second_instrument_may_not_declare_parties(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _tree(tmp_path, {"a.dsl": 'charter "A" { }\nkind state\nparty alpha "Alpha"\n',
                     "b.dsl": 'charter "B" { }\nkind state\nparty beta "Beta"\n'})
    err = _refused(run, tmp_path, "E108", "a.dsl", "b.dsl")
    assert "`beta` is declared a party of a second instrument" in err


def test_signatory_in_an_instrument_without_parties_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _tree(tmp_path, {"a.dsl": 'charter "A" { }\nkind state\nparty alpha "Alpha"\n',
                     "b.dsl": 'charter "B" { }\nkind state\nact go(who: state)\n'
                              'article 1 "Going" {\n'
                              '  norm going: every state q: may go(q) when signatory(q)\n}\n'})
    assert "which declares no parties" in _refused(run, tmp_path, "E104", "a.dsl", "b.dsl")


def test_each_instrument_has_its_own_signature_date(tmp_path: Path) -> None:
    _tree(tmp_path, {
        "a.dsl": 'charter "A" { signed 2001-01-01 }\nkind state\nact go(who: state)\n'
                 'article 1 "A" {\n'
                 '  norm a_go: every state q: may go(q) when today >= signature\n}\n',
        "b.dsl": 'charter "B" { signed 2010-01-01 }\nkind state\nact go(who: state)\n'
                 'article 1 "B" {\n'
                 '  norm b_go: every state q: may go(q) when today >= signature\n}\n'})
    model = api.load_instruments([tmp_path / "a.dsl", tmp_path / "b.dsl"])
    dates = {name: str(n.condition) for name, n in model.norms.items()}
    assert "20010101" in dates["a_go"] and "20100101" in dates["b_go"]
    # and article 1 of each is no E105: article numbers are per instrument
    assert [str(a.citation) for a in model.articles] == ["A, Art. 1", "B, Art. 1"]


def test_a_path_given_twice_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("query", "charter.dsl", "--charter", "charter.dsl", "--on", "2024-01-01")
    assert result.code == 2 and "give the charter once" in result.err


# ---- the shipped instruments ---------------------------------------------------------------------


def test_the_shipped_instruments_load_and_cite_their_confidence() -> None:
    model = api.load_instruments(ALL)
    assert [i.cited for i in model.instruments] == [
        "Liptako-Gourma Charter", "ECOWAS Non-Aggression Protocol (1978)",
        "ECOWAS Defence Protocol (1981)", "ECOWAS Revised Treaty (1993)",
        "ECOWAS Mechanism Protocol (1999)"]
    cited = {n: str(norm.citation) for n, norm in model.norms.items()}
    assert cited["collective_assistance"] == "Liptako-Gourma Charter, Art. 6"
    assert cited["no_force_1978"] == (
        "ECOWAS Non-Aggression Protocol (1978), Art. 1 (content from secondary sources)")
    assert cited["no_force_4d"] == "ECOWAS Revised Treaty (1993), Art. 4(d)"
    assert cited["coup_force_1999"].endswith(
        "(art. no. unverified) (content from secondary sources)")
    # the charter alone is cited as it always was
    assert str(api.load_charter().norms["collective_assistance"].citation) == "Art. 6"


def _query(run, on: str, *more: str) -> str:  # type: ignore[no-untyped-def]
    result = run("query", *ALL, "--on", on, "--event", "attack(benin, territory(niger))", *more,
                 cwd=ROOT)
    assert result.code == 0, result.err
    return str(result.out)


def test_query_october_2023_groups_duties_by_instrument_and_shows_the_conflict(run) -> None:  # type: ignore[no-untyped-def]
    out = _query(run, "2023-10-15")
    mali = out[out.index("\nMali:\n"):out.index("\nNiger:\n")]
    headings = re.findall(r"^ under the (.+):$", mali, re.MULTILINE)
    assert headings == ["Liptako-Gourma Charter", "ECOWAS Non-Aggression Protocol (1978)",
                        "ECOWAS Revised Treaty (1993)"]
    assert "Mali MUST assist Niger" in mali
    assert "Mali MUST NOT use armed force against Benin" in mali
    conflicts = out[out.index("conflicts between instruments ("):]
    assert ("Mali is obliged to assist(mali, niger) by collective_assistance "
            "[Liptako-Gourma Charter, Art. 6] and forbidden by no_armed_assistance_1978 "
            "[ECOWAS Non-Aggression Protocol (1978), Art. 1 (content from secondary sources)]"
            ) in conflicts
    assert ("Mali is permitted to use_force(mali, benin, inside_alliance_area) by "
            "collective_force [Liptako-Gourma Charter, Art. 6] and forbidden by no_force_4d "
            "[ECOWAS Revised Treaty (1993), Art. 4(d)]") in conflicts
    assert "armed_assistance_is_force (on)" in conflicts and "ecowas_exit (art91)" in conflicts


@pytest.mark.parametrize("on, more", [
    ("2025-01-29", ()),
    ("2025-03-01", ()),
    ("2024-01-28", ("--interpretation", "ecowas_exit=immediate")),
    ("2024-03-01", ("--interpretation", "ecowas_exit=immediate")),
])
def test_no_conflict_once_membership_has_ended(run, on: str, more: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    out = _query(run, on, *more)
    assert "conflicts between instruments: none in this scenario" in out
    assert "Mali MUST assist Niger" in out  # the charter still binds


def test_the_conflict_lasts_to_the_eve_of_the_exit(run) -> None:  # type: ignore[no-untyped-def]
    assert "conflicts between instruments (" in _query(run, "2025-01-28")
    assert "conflicts between instruments (" in _query(
        run, "2024-01-27", "--interpretation", "ecowas_exit=immediate")


def test_query_json_lists_the_conflicts_and_validates(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(_query(run, "2023-10-15", "--format", "json"))
    validate(data)
    pairs = {(c["norm"], c["forbidden_by"], c["holder"]) for c in data["conflicts"]}
    assert ("collective_assistance", "no_armed_assistance_1978", "mali") in pairs
    assert data["charter"]["instruments"][0]["cited"] == "Liptako-Gourma Charter"
    one = next(c for c in data["conflicts"] if c["forbidden_by"] == "no_force_1978")
    assert one["forbidding_article"]["confidence"] == "secondary"
    assert one["forbidding_article"]["instrument"] == "ECOWAS Non-Aggression Protocol (1978)"


def test_mali_and_the_1981_protocol_is_a_reading_answers_name(run) -> None:  # type: ignore[no-untyped-def]
    argv = ["query", *ECOWAS, "--on", "2023-10-15", "--actor", "chad:state",
            "--event", "attack(chad, territory(niger))", "--party", "mali"]
    plain = run(*argv, cwd=ROOT).out
    assert "mutual_aid_1981" not in plain
    signed = run(*argv, "--interpretation", "mali_signed_1981=signed", cwd=ROOT).out
    assert "may assist(mali, niger), by mutual_aid_1981" in signed
    assert "mali_signed_1981 (signed)" in signed


@pytest.mark.slow
def test_check_reports_the_charter_against_ecowas_for_niger(run) -> None:  # type: ignore[no-untyped-def]
    # the case: a party's Art. 6 duty to assist Niger against an ECOWAS member's
    # forces. `--about niger` keeps the conflicts whose party or act names Niger (the whole
    # model's check shows each pair of norms once, with whichever instance its witness has).
    # No whole-command budget: a loaded CI machine may take longer than the default 120 s
    result = run("check", *ALL, "--about", "niger", "--format", "json", "--budget", "0",
                 cwd=ROOT)
    assert result.code == 1
    data = json.loads(result.out)
    validate(data)
    assert data["about"] == ["niger"]
    conflicts = [f for f in data["findings"] if f["code"] in ("C001", "C002", "C003")]
    assert conflicts and all(
        any("niger" in (s["holder"], *s["action"]["arguments"]) for s in f["sides"])
        for f in conflicts)
    between = [f for f in data["findings"] if f.get("between_instruments")]
    duty = next(f for f in between if f["code"] == "C001" and f["severity"] == "error"
                and {s["norm"] for s in f["sides"]} == {"collective_assistance",
                                                        "no_armed_assistance_1978"})
    assert {s["action"]["text"] for s in duty["sides"]} in (
        {"assist(burkina_faso, niger)"}, {"assist(mali, niger)"})
    # Niger is attacked by another state, a member of ECOWAS on the witness's date (the 1978
    # Protocol's prohibition needs one; the other two parties were members until 29 January 2025)
    attacks = [f["atom"] for f in duty["witness"]["facts"] if f["atom"].startswith("attack(")]
    assert attacks and all("niger" in a and not a.startswith("attack(niger") for a in attacks)
    assert duty["witness"]["date"] < "2025-01-29"
    texts = {s["article"]["text"] for s in duty["sides"]}
    assert texts == {"Liptako-Gourma Charter, Art. 6",
                     "ECOWAS Non-Aggression Protocol (1978), Art. 1 (content from secondary "
                     "sources)"}
    force = {frozenset(s["norm"] for s in f["sides"]) for f in between if f["code"] == "C002"
             and f["severity"] == "error"}
    assert frozenset({"collective_force", "no_force_1978"}) in force
    assert frozenset({"collective_force", "no_force_4d"}) in force
    # a finding that needs another reading says which
    ecowas_only = next(f for f in between if {s["norm"] for s in f["sides"]}
                       == {"coup_force_1999", "no_force_1978"})
    assert ecowas_only["severity"] == "note" and ecowas_only["resolved_by"]
    assert ecowas_only["witness"]["interpretations"]["coup_rule"] == "both"


SUITES = {
    "ecowas": ECOWAS,
    "combined": ALL,
}


@pytest.mark.parametrize("suite", sorted(SUITES))
def test_the_instruments_spec_suites_pass(run, suite: str) -> None:  # type: ignore[no-untyped-def]
    charters = [a for path in SUITES[suite] for a in ("--charter", path)]
    result = run("test", *charters, f"tests/instruments/{suite}", "--format", "json", cwd=ROOT)
    assert result.code == 0, result.out
    data = json.loads(result.out)
    validate(data)
    summary = data["summary"]
    assert summary["pass"] == len(data["scenarios"]) >= 4
    assert summary["fail"] == summary["empty"] == summary["unknown"] == 0


@pytest.mark.parametrize("more, until", [
    ((), "2025-01-29"),
    (("--interpretation", "ecowas_exit=immediate"), "2024-01-28"),
])
def test_timeline_shows_when_two_instruments_bind_a_party_together(
        run, more: tuple[str, ...], until: str) -> None:  # type: ignore[no-untyped-def]
    result = run("timeline", *ALL, "--on", "2023-10-01", "--party", "mali", "--format", "json",
                 *more, cwd=ROOT)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    validate(data)
    together = {tuple(t["instruments"]): t["intervals"] for t in data["together"]
                if t["holder"] == "mali"}
    assert together[("Liptako-Gourma Charter", "ECOWAS Non-Aggression Protocol (1978)")] == [
        {"from": "2023-09-16", "until": until}]
    # the 1981 Protocol never binds Mali under the default reading: it abstained
    assert not any("ECOWAS Defence Protocol (1981)" in pair for pair in together)


EXIT_READINGS = ["--charter", "instruments/ecowas/1978_non_aggression.dsl",
                 "--charter", "instruments/ecowas/1993_revised_treaty.dsl",
                 "--interpretation", "ecowas_exit=immediate", "--norm", "no_force_1978"]


def test_diff_of_two_readings_of_several_instruments(run) -> None:  # type: ignore[no-untyped-def]
    # the immediate exit (28 January 2024) against Art. 91's year of notice: on the day of the
    # announcement the 1978 Protocol binds the AES states under one reading and not the other
    result = run("diff", *EXIT_READINGS)
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert lines[0] == ("diff of the 2 instruments (default reading) and the 2 instruments "
                        "(ecowas_exit=immediate)")
    assert lines[1] == ("  2 instruments: ECOWAS Non-Aggression Protocol (1978) "
                        "(instruments/ecowas/1978_non_aggression.dsl); ECOWAS Revised Treaty "
                        "(1993) (instruments/ecowas/1993_revised_treaty.dsl)")
    first = result.out.split("difference 1 of ")[1]
    assert "norm no_force_1978 [ECOWAS Non-Aggression Protocol (1978), Art. 1 (content from " \
           "secondary sources)]" in first
    assert "    on 2024-01-28\n" in first
    assert "  under ecowas_exit=immediate: nothing obliges, permits or forbids use_force(" in first
    data = json.loads(run("diff", *EXIT_READINGS, "--format", "json").out)
    assert validate(data) == "diff"
    assert [i["cited"] for i in data["old"]["charter"]["instruments"]] == [
        "ECOWAS Non-Aggression Protocol (1978)", "ECOWAS Revised Treaty (1993)"]


@pytest.mark.parametrize(("argv", "message"), [
    (["charter.dsl", "--charter", "charter.dsl", "--interpretation", "ecowas_exit=immediate"],
     "give the instruments with --charter, or OLD NEW as paths, not both"),
    (["--charter", "charter.dsl", "--charter", "instruments/ecowas/1993_revised_treaty.dsl"],
     "--interpretation NAME=OPTION (of one charter, or of the instruments given with --charter)"),
])
def test_diff_of_instruments_needs_readings_and_no_versions(run, argv: list[str],  # type: ignore[no-untyped-def]
                                                            message: str) -> None:
    result = run("diff", *argv)
    assert (result.code, result.out) == (2, "")
    assert message in result.err


# ---- diff of two versions: files that use a vocabulary, on disk and in git ----------------------

#: Version 1: the pact obliges going and forbids staying; the accord permits going. Version 2
#: drops `stay` from the vocabulary and the pact's prohibition of it, and the accord forbids going.
VERSION_1 = {"shared/vocabulary.dsl": VOCABULARY + 'act stay(who: state) "{who} stays"\n',
             "pact.dsl": INSTRUMENT.removesuffix("}\n")
             + "  norm no_staying: every state q: must not stay(q)\n}\n",
             "accord.dsl": 'use "shared/vocabulary.dsl"\ncharter "Accord" { cited "The Accord" }\n'
                           'article 1 "Leave" {\n  norm leave: every state q: may go(q)\n}\n'}
VERSION_2 = {"shared/vocabulary.dsl": VOCABULARY, "pact.dsl": INSTRUMENT,
             "accord.dsl": VERSION_1["accord.dsl"].replace("may go(q)", "must not go(q)")}


@pytest.fixture
def versions(tmp_path: Path) -> Path:
    """A git repository holding VERSION_1 at HEAD, with VERSION_2 on disk."""
    from test_diff import git

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _tree(tmp_path, VERSION_1)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    _tree(tmp_path, VERSION_2)
    return tmp_path


def test_diff_reads_a_file_that_uses_a_vocabulary(run, versions: Path) -> None:  # type: ignore[no-untyped-def]
    # on disk: the file and the vocabulary it uses (before, E123 "needs the file on disk")
    result = run("diff", "pact.dsl", "pact.dsl", cwd=versions)
    assert (result.code, result.err) == (0, ""), result.err
    # at a revision: the vocabulary of the same revision, which still declares `stay`
    result = run("diff", "HEAD:pact.dsl", "pact.dsl", "--format", "json", cwd=versions)
    assert result.code == 1, result.err
    data = json.loads(result.out)
    assert validate(data) == "diff"
    assert [(c["how"], c["name"]) for c in data["changes"] if c["what"] == "norm"] == [
        ("removed", "no_staying")]


def test_diff_of_two_versions_of_several_instruments(run, versions: Path) -> None:  # type: ignore[no-untyped-def]
    argv = ["diff", "--old", "HEAD:pact.dsl", "--old", "HEAD:accord.dsl",
            "--new", "pact.dsl", "--new", "accord.dsl"]
    result = run(*argv, cwd=versions)
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert lines[:3] == [
        "diff of the 2 instruments at HEAD (default reading) and the 2 instruments on disk "
        "(default reading)",
        "  old: 2 instruments: The Pact (HEAD:pact.dsl); The Accord (HEAD:accord.dsl)",
        "  new: 2 instruments: The Pact (pact.dsl); The Accord (accord.dsl)"]
    assert "  scenarios: the actors of both versions and up to " in lines[3]
    assert "  removed: norm no_staying [The Pact, Art. 1] (was HEAD:pact.dsl:6:8)" in result.out
    assert "  removed: act stay (was HEAD:shared/vocabulary.dsl:3:5)" in result.out
    assert "difference 1 of " in result.out and "norm leave [The Accord, Art. 1]" in result.out
    assert "  under the 2 instruments at HEAD:" in result.out
    data = json.loads(run(*argv, "--format", "json", cwd=versions).out)
    assert validate(data) == "diff"
    assert [i["path"] for i in data["old"]["charter"]["instruments"]] == [
        "HEAD:pact.dsl", "HEAD:accord.dsl"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--old", "pact.dsl"], "give both versions of the model: --old CHARTER... and --new"),
    (["--old", "pact.dsl", "--new", "pact.dsl", "pact.dsl", "pact.dsl"],
     "give the versions as --old and --new, or as OLD NEW, or the instruments with --charter"),
    (["--old", "pact.dsl", "--old", "pact.dsl", "--new", "pact.dsl"],
     "give each instrument once: pact.dsl is given twice"),
])
def test_diff_of_versions_refuses_a_mixed_command_line(run, versions: Path, argv: list[str],  # type: ignore[no-untyped-def]
                                                       message: str) -> None:
    result = run("diff", *argv, cwd=versions)
    assert (result.code, result.out) == (2, "")
    assert message in result.err and "Traceback" not in result.err


def test_a_use_in_a_revision_is_confined_as_on_disk(run, versions: Path) -> None:  # type: ignore[no-untyped-def]
    from test_diff import git

    _tree(versions, {"outside.dsl": VOCABULARY, "inside/pact.dsl": 'use "../outside.dsl"\n'})
    os.symlink(versions / "outside.dsl", versions / "inside" / "linked.dsl")
    _tree(versions, {"inside/linked_pact.dsl": 'use "linked.dsl"\nkind state\n',
                     "loop/a.dsl": 'use "b.dsl"\nkind state\n', "loop/b.dsl": 'use "a.dsl"\n'})
    git(versions, "add", ".")
    git(versions, "commit", "-q", "-m", "hostile")
    result = run("diff", "HEAD:inside/pact.dsl", "HEAD:inside/pact.dsl", cwd=versions)
    assert result.code == 2 and "error[E123]" in result.err
    assert "HEAD:inside/pact.dsl:1:5:" in result.err and "leaves the folder through `..`" \
        in result.err
    # git keeps the link as a file holding its target's name: read as that text, never followed
    result = run("diff", "HEAD:inside/linked_pact.dsl", "HEAD:inside/linked_pact.dsl",
                 cwd=versions)
    assert result.code == 2 and "Traceback" not in result.err
    assert "HEAD:inside/linked.dsl:1:" in result.err, result.err
    # a cycle of files in a revision is E124, with the chain, as on disk
    result = run("diff", "HEAD:loop/a.dsl", "HEAD:loop/a.dsl", cwd=versions)
    assert result.code == 2 and "error[E124]" in result.err
    assert "HEAD:loop/b.dsl:1:5:" in result.err
