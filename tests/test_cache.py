"""The compiled-charter cache (model/cache.py): used when it can be trusted, ignored otherwise,
never the source of an answer to a changed charter, and never a way to run code."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from charterlogic import api, cli
from charterlogic.model import cache
from charterlogic.model import types as m

CHARTER = Path(__file__).resolve().parent.parent / "charter.dsl"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, private cache folder for one test."""
    home = tmp_path / "home-cache"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("CHARTERLOGIC_NO_CACHE", raising=False)
    _forget()
    return home


def _forget() -> None:
    """Drop the charters this process has already loaded (api's in-memory cache), so that the
    next load reads the cache folder, as a new process does."""
    api._resolved.cache_clear()


def _entry(path: Path | None = None) -> Path:
    source = api.read_source(path)
    where = cache.folder()
    assert where is not None
    return where / f"{cache.key(source.name, source.text)}.json"


def _plant(entry: Path, title: str) -> None:
    """Write a well-formed entry under `entry`'s key whose charter has another title: if a load
    returns that title, it came from the cache."""
    charter = dataclasses.replace(api.load_charter(cache=False), title=title)
    payload = json.dumps(cache.encode(charter)).encode()
    header = json.dumps({"format": cache.FORMAT, "key": entry.stem,
                         "sha256": cache.hashlib.sha256(payload).hexdigest()}).encode()
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    entry.write_bytes(header + b"\n" + payload)
    entry.chmod(0o600)


def _run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue()


def test_round_trip_is_exact() -> None:
    charter = api.load_charter(cache=False)
    back = cache.decode(json.loads(json.dumps(cache.encode(charter))))
    assert back == charter and repr(back) == repr(charter)


def test_load_stores_then_reads_back(cache_home: Path) -> None:
    entry = _entry()
    assert not entry.exists()
    first = api.load_charter()
    assert entry.is_file() and (entry.stat().st_mode & 0o777) == 0o600
    assert (entry.parent.stat().st_mode & 0o777) == 0o700
    _plant(entry, "planted")  # a trusted entry is what the next load returns
    _forget()
    assert api.load_charter().title == "planted"
    assert api.load_charter(cache=False).title == first.title != "planted"


def test_check_output_is_the_same_cold_warm_and_without_cache(cache_home: Path) -> None:
    cold = _run("check")
    _forget()
    runs = [cold, _run("check"), _run("check", "--no-cache")]
    assert runs[0][1] and runs[0] == runs[1] == runs[2]


def test_no_cache_neither_reads_nor_writes(cache_home: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    api.load_charter(cache=False)
    assert not _entry().exists()
    _plant(_entry(), "planted")
    _forget()
    assert api.load_charter(cache=False).title != "planted"
    monkeypatch.setenv("CHARTERLOGIC_NO_CACHE", "1")
    assert api.load_charter().title != "planted"


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not json", "wrong key", "empty"])
def test_a_corrupt_entry_is_ignored_and_replaced(cache_home: Path, damage: str) -> None:
    api.load_charter()
    entry = _entry()
    data = entry.read_bytes()
    header, _, payload = data.partition(b"\n")
    broken = {
        "truncated": data[: len(data) // 2],
        "flipped": header + b"\n" + payload.replace(b"Liptako", b"Liptakx", 1),
        "not json": b"{not json\n[",
        "wrong key": header.replace(entry.stem.encode(), b"0" * 64) + b"\n" + payload,
        "empty": b"",
    }[damage]
    entry.write_bytes(broken)
    assert cache.load(entry.stem) is None
    _forget()
    assert api.load_charter() == api.load_charter(cache=False)
    assert cache.load(entry.stem) is not None  # the load re-compiled and re-stored it


def test_a_stale_entry_is_never_used(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _entry()
    _plant(entry, "planted")
    # another package version or another Python: another key, so the planted entry is not read
    monkeypatch.setattr(cache.sys, "version", sys.version + " (another build)")
    assert api.load_charter().title != "planted"
    _forget()
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    from importlib import metadata

    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: real(name) + ".post1")
    _forget()
    assert api.load_charter().title != "planted"


def test_a_changed_charter_is_never_answered_from_the_cache(cache_home: Path,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "charter.dsl"
    text = CHARTER.read_text()
    path.write_text(text)
    before = api.load_charter(path)
    assert before.norms["no_threat"].modality is m.Modality.FORBIDDEN
    # one word changed: the prohibition to threaten becomes a permission
    path.write_text(text.replace("q: must not threaten(q, r)", "q: may threaten(q, r)"))
    after = api.load_charter(path)
    assert after.norms["no_threat"].modality is m.Modality.PERMITTED
    path.write_text(text)
    assert api.load_charter(path) == before


@pytest.mark.parametrize("hostile", ["file writable by others", "folder writable by others",
                                     "file is a symlink", "folder is a symlink", "other owner"])
def test_a_hostile_entry_is_never_loaded(cache_home: Path, tmp_path: Path, hostile: str) -> None:
    entry = _entry()
    if hostile == "file is a symlink":
        elsewhere = tmp_path / "elsewhere.json"
        _plant(elsewhere, "planted")
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        entry.symlink_to(elsewhere)
    elif hostile == "folder is a symlink":
        real = tmp_path / "real-folder"
        _plant(real / entry.name, "planted")
        entry.parent.parent.mkdir(parents=True, exist_ok=True)
        entry.parent.symlink_to(real)
    else:
        _plant(entry, "planted")
        if hostile == "file writable by others":
            entry.chmod(0o666)
        elif hostile == "folder writable by others":
            entry.parent.chmod(0o777)
        else:
            if os.geteuid() != 0:
                pytest.skip("changing a file's owner needs root")
            os.chown(entry, 12345, 12345)
    charter = api.load_charter()
    assert charter.title != "planted"
    assert charter == api.load_charter(cache=False)
    if hostile.startswith(("file is", "folder is")):
        assert (tmp_path / "elsewhere.json").exists() or (tmp_path / "real-folder").exists()


def test_a_file_naming_other_classes_cannot_run_code() -> None:
    for data in ({"$": "Path", "f": ["/etc"]}, {"$": "system", "f": ["true"]},
                 {"$e": "Charter", "v": 1}, {"$": "Modality", "f": []}, {"$d": "x"}, 1.5):
        with pytest.raises(cache.Corrupt):
            cache.decode(data)
    assert isinstance(cache.decode({"$e": "Modality", "v": "obliged"}), m.Modality)


def test_an_unwritable_cache_folder_is_ignored(cache_home: Path) -> None:
    (cache_home / "charterlogic").write_text("a file where the folder should be")
    assert api.load_charter() == api.load_charter(cache=False)


def test_check_with_a_warm_cache_does_not_load_lark(cache_home: Path) -> None:
    program = ("import sys, io; from charterlogic import cli; "
               "cli.main(['check'], stdout=io.StringIO()); print('lark' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    cold = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          env=env, check=True).stdout
    warm = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          env=env, check=True).stdout
    assert (cold, warm) == ("True\n", "False\n")
