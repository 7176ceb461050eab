"""The validation cache under attack: a shared or planted folder, forged or odd entries.

Every attack must end in a full validation of the real file (the right answer, exit 0),
never in served data that was not validated, a traceback or a hang.
"""

from __future__ import annotations

import marshal
import os
import shutil
import stat
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

from coopcli import cache

from conftest import COOP, Run

MINIMAL = Path(__file__).parent / "data" / "minimal.toml"
IS_ROOT = os.geteuid() == 0


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("COOP_CACHE_DIR", str(path))
    return path


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "edition.toml"
    shutil.copy(MINIMAL, path)
    return path


def entry_path(folder: Path, dataset: Path) -> Path:
    return folder / (cache.content_key(dataset.read_bytes()) + ".coopcache")


def forged_value() -> dict[str, Any]:
    """A cache value of the right outline whose content no validation would pass."""
    partner = {
        "id": "not a slug!! ../x",
        "name": "Forged\x1b[31m",
        "kind": "country",
        "region": "Nowhere",
        "iso2": None,
        "iso3": None,
        "aliases": [],
        "members": [],
        "frameworks": [],
        "agreements": [{"kind": "readmission", "status": "agreed", "title": "\x1b]0;x\x07"}],
        "events": [],
        "areas": [],
        "agencies": [],
        "notes": [],
    }
    meta = {"title": "forged", "date": "2021", "covers": "", "source_file": ""}
    return {"meta": meta, "things": [], "partners": [partner]}


def write_old_style(path: Path, value: Any) -> None:
    """An entry as coop 0.2 wrote it: an Adler-32 checksum, then the marshalled value."""
    payload = marshal.dumps(value)
    path.write_bytes(zlib.adler32(payload).to_bytes(4, "big") + payload)


def write_entry(folder: Path, key: str, value: Any) -> Path:
    """An entry as coop writes it, with its checksum (what only the user, or code
    running as them, can put in their folder)."""
    payload = marshal.dumps(value)
    path = folder / (key + ".coopcache")
    path.write_bytes(cache.checksum(key, payload) + payload)
    path.chmod(0o600)
    return path


def ids(run: Run, dataset: Path) -> list[str]:
    return [partner["id"] for partner in run.json("list", "--data", str(dataset))]


def test_folder_and_files_are_private_whatever_the_umask(tmp_path: Path, dataset: Path) -> None:
    folder = tmp_path / "deep" / "cache"
    env = {**os.environ, "COOP_CACHE_DIR": str(folder)}
    env.pop("COOP_NO_CACHE", None)
    for umask in (0o000, 0o277):
        shutil.rmtree(tmp_path / "deep", ignore_errors=True)
        (tmp_path / "deep").mkdir()  # coop makes the cache folder, not a chain to it
        subprocess.run(
            [COOP, "list", "--json", "--data", str(dataset)],
            env=env,
            umask=umask,
            check=True,
            capture_output=True,
        )
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        names = sorted(p.name for p in folder.iterdir())
        assert len(names) == 1 and names[0].endswith(".coopcache"), names
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_folder_others_can_write_is_not_used(
    run: Run, folder: Path, dataset: Path, mode: int
) -> None:
    assert ids(run, dataset) == ["tunisia", "niger"]  # creates the folder and an entry
    folder.chmod(mode)
    write_entry(folder, cache.content_key(dataset.read_bytes()), forged_value())
    assert ids(run, dataset) == ["tunisia", "niger"]
    folder.chmod(0o700)  # the same entry in a private folder is served: the test can fail
    assert ids(run, dataset) == ["not a slug!! ../x"]


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a folder to another user")
def test_a_folder_of_another_user_is_not_used(run: Run, folder: Path, dataset: Path) -> None:
    assert ids(run, dataset) == ["tunisia", "niger"]
    write_entry(folder, cache.content_key(dataset.read_bytes()), forged_value())
    os.chown(folder, 4321, 4321)
    assert ids(run, dataset) == ["tunisia", "niger"]
    assert len(list(folder.iterdir())) == 1  # nothing written there either


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another user")
def test_an_entry_of_another_user_is_ignored(run: Run, folder: Path, dataset: Path) -> None:
    assert ids(run, dataset) == ["tunisia", "niger"]
    entry = write_entry(folder, cache.content_key(dataset.read_bytes()), forged_value())
    os.chown(entry, 4321, 4321)
    assert ids(run, dataset) == ["tunisia", "niger"]


def test_a_forged_entry_with_a_valid_old_checksum_is_a_miss(
    run: Run, folder: Path, dataset: Path
) -> None:
    assert ids(run, dataset) == ["tunisia", "niger"]
    entry = entry_path(folder, dataset)
    write_old_style(entry, forged_value())
    assert ids(run, dataset) == ["tunisia", "niger"]
    shown = run("show", "tunisia", "--data", str(dataset)).stdout
    assert "\x1b" not in shown and "Forged" not in shown


@pytest.mark.parametrize(
    "value",
    [
        {"records": {"meta": {}, "partners": [{"id": 5}]}, "haystacks": {}},
        {"records": {"partners": "x"}, "haystacks": None},
        {"records": 1, "haystacks": 2},
        [1, 2, 3],
        None,
    ],
)
def test_an_entry_of_the_wrong_shape_is_a_miss_not_a_traceback(
    run: Run, folder: Path, dataset: Path, value: Any
) -> None:
    assert ids(run, dataset) == ["tunisia", "niger"]
    write_old_style(entry_path(folder, dataset), value)
    for args in (["list"], ["show", "tunisia"], ["timeline"], ["agreements"], ["search", "x"]):
        result = run(*args, "--data", str(dataset))
        assert result.exception is None
    assert ids(run, dataset) == ["tunisia", "niger"]


def test_an_entry_moved_to_another_datasets_key_is_a_miss(
    run: Run, folder: Path, dataset: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.toml"
    other.write_text(MINIMAL.read_text().replace('"niger"', '"chad"'), encoding="utf-8")
    assert ids(run, other) == ["tunisia", "chad"]
    assert ids(run, dataset) == ["tunisia", "niger"]
    shutil.copy(entry_path(folder, other), entry_path(folder, dataset))
    assert ids(run, dataset) == ["tunisia", "niger"]


def test_a_fifo_at_the_entry_does_not_hang(folder: Path, dataset: Path) -> None:
    env = {**os.environ, "COOP_CACHE_DIR": str(folder)}
    command = [COOP, "list", "--json", "--data", str(dataset)]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=60)
    entry = entry_path(folder, dataset)
    entry.unlink()
    os.mkfifo(entry, 0o600)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and '"niger"' in result.stdout, result.stderr


def test_a_link_to_dev_zero_at_the_entry_is_ignored(run: Run, folder: Path, dataset: Path) -> None:
    assert ids(run, dataset) == ["tunisia", "niger"]
    entry = entry_path(folder, dataset)
    entry.unlink()
    entry.symlink_to("/dev/zero")
    assert ids(run, dataset) == ["tunisia", "niger"]


def test_an_entry_over_the_size_bound_is_not_read(run: Run, folder: Path, dataset: Path) -> None:
    assert ids(run, dataset) == ["tunisia", "niger"]
    key = cache.content_key(dataset.read_bytes())
    padded = {**forged_value(), "padding": "x" * cache.entry_size_limit(dataset.stat().st_size)}
    write_entry(folder, key, padded)
    assert ids(run, dataset) == ["tunisia", "niger"]


def test_a_damaged_entry_is_a_miss_and_is_written_again(
    run: Run, folder: Path, dataset: Path
) -> None:
    assert ids(run, dataset) == ["tunisia", "niger"]
    key = cache.content_key(dataset.read_bytes())
    entry = write_entry(folder, key, forged_value())
    assert ids(run, dataset) == ["not a slug!! ../x"]  # served: the test can fail
    damaged = bytearray(entry.read_bytes())
    damaged[-3] ^= 0xFF  # one bit flip in the payload, as a bad disk would
    entry.write_bytes(bytes(damaged))
    assert ids(run, dataset) == ["tunisia", "niger"]
    assert ids(run, dataset) == ["tunisia", "niger"]  # and the entry is good again
    assert cache.read(key, dataset.stat().st_size) is not None


def test_an_entry_others_may_write_is_ignored(run: Run, folder: Path, dataset: Path) -> None:
    assert ids(run, dataset) == ["tunisia", "niger"]
    key = cache.content_key(dataset.read_bytes())
    write_entry(folder, key, forged_value()).chmod(0o622)
    assert ids(run, dataset) == ["tunisia", "niger"]
    write_entry(folder, key, forged_value())  # the same entry, private: served
    assert ids(run, dataset) == ["not a slug!! ../x"]


def test_the_code_fingerprint_covers_every_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "coopcli"
    shutil.copytree(Path(cache.__file__).parent, package)
    monkeypatch.setattr(cache, "__file__", str(package / "cache.py"))
    first = cache.content_key(b"data")
    assert cache.content_key(b"data") == first  # the same code, the same key
    (package / "render" / "new_module.py").write_text("x = 1\n")
    second = cache.content_key(b"data")
    assert second != first
    (package / "render" / "new_module.py").rename(package / "render" / "renamed.py")
    third = cache.content_key(b"data")
    assert third not in {first, second}
    with (package / "cli" / "exits.py").open("a") as stream:
        stream.write("# a comment\n")
    fourth = cache.content_key(b"data")
    assert fourth not in {first, second, third}
    # an edit of the same size, as a checkout writes it: a new modification time
    files = package / "render" / "files.py"
    text = files.read_text()
    files.write_text(text.replace("atomically", "atomicallY", 1))
    os.utime(files, ns=(1, files.stat().st_mtime_ns + 1))
    assert cache.content_key(b"data") not in {first, second, third, fourth}


def test_a_file_is_keyed_by_its_identity_once_it_has_settled(tmp_path: Path) -> None:
    path = tmp_path / "edition.toml"
    shutil.copy(MINIMAL, path)
    info = os.stat(path)
    settled = max(info.st_mtime_ns, info.st_ctime_ns) + cache.RACY_SECONDS * 1_000_000_000
    assert cache.identity_key(info, now_ns=settled - 1) is None  # racy: its bytes decide
    key = cache.identity_key(info, now_ns=settled)
    assert key is not None and key != cache.content_key(path.read_bytes())
    with path.open("a") as stream:  # any write changes the change time, and here the size
        stream.write("\n")
    assert cache.identity_key(os.stat(path), now_ns=settled + 10**12) != key


def test_a_warm_run_reads_none_of_a_settled_file_and_an_edit_is_validated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopcli import dataset as datasets

    monkeypatch.setenv("COOP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "RACY_SECONDS", -(10**6))  # every file has settled
    monkeypatch.setattr(cache, "HASHED_BYTES", 0)  # and is too large to be keyed by its bytes
    path = tmp_path / "edition.toml"
    shutil.copy(MINIMAL, path)
    first = datasets.load(path).records
    real_read = datasets._read

    def no_read(*args: Any) -> bytes:
        raise AssertionError("a warm run read the file")

    monkeypatch.setattr(datasets, "_read", no_read)
    assert datasets.load(path).records == first
    monkeypatch.setattr(datasets, "_read", real_read)
    # a new size: the test must not depend on the clock ticking between two writes
    path.write_text(path.read_text().replace("Tunisia", "Tunisie!"), encoding="utf-8")
    edited = datasets.load(path).records
    assert edited != first and "Tunisie!" in {p["name"] for p in edited["partners"]}


@pytest.mark.parametrize("small", [True, False])
def test_a_change_through_mmap_is_seen_in_a_small_file_and_once_touched_in_a_large_one(
    small: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writes through a shared memory map may leave a file's size and times as they were:
    a file up to `HASHED_BYTES` is keyed by its bytes, so each is seen; a larger one is
    read again once its times move (`touch`, as docs/commands.md says)."""
    import mmap

    import coopcli

    monkeypatch.setenv("COOP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "RACY_SECONDS", -(10**6))  # every file has settled
    if not small:
        monkeypatch.setattr(cache, "HASHED_BYTES", 0)
    path = tmp_path / "edition.toml"
    shutil.copy(MINIMAL, path)
    assert coopcli.load(path).records["partners"][0]["name"] == "Tunisia"
    with path.open("r+b") as stream, mmap.mmap(stream.fileno(), 0) as mapped:
        at = mapped.find(b'"Tunisia"') + 1
        for name in (b"Tunisie", b"Tunisiq"):  # two writes to one page, a cached load between
            mapped[at : at + len(name)] = name
            if not small:
                os.utime(path)
            assert coopcli.load(path).records["partners"][0]["name"] == name.decode()


def test_only_search_reads_or_writes_the_haystacks(run: Run, folder: Path, dataset: Path) -> None:
    run("list", "--json", "--data", str(dataset))
    assert not list(folder.glob("*-haystacks.coopcache"))
    run("search", "visit", "--json", "--data", str(dataset))
    assert len(list(folder.glob("*-haystacks.coopcache"))) == 1


def test_a_file_validated_while_new_is_read_from_the_cache_once_it_has_settled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopcli import dataset, validation

    edition = tmp_path / "edition.toml"
    edition.write_bytes((Path(__file__).parents[1] / "data" / "countries.toml").read_bytes())
    monkeypatch.setattr(cache, "HASHED_BYTES", 0)  # not small enough to be keyed by its bytes
    monkeypatch.setattr(cache, "RACY_SECONDS", 10**9)  # new: keyed by its bytes
    first = dataset.load(edition).records
    monkeypatch.setattr(cache, "RACY_SECONDS", 0)  # settled: keyed by its identity

    def validate_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("validated again")

    monkeypatch.setattr(validation, "validate_bytes", validate_again)
    assert dataset.load(edition).records == first  # the bytes' entry serves
    assert dataset.load(edition).records == first  # and now the identity's


def test_a_cache_hit_leaves_the_callers_collector_as_it_was(tmp_path: Path) -> None:
    """`coopcli.load()` from the cache: a collector the caller turned off stays off, and
    loads after the first freeze nothing more (200 loads kept 213 MB)."""
    script = f"""
import gc, shutil, coopcli
path = {str(tmp_path / "edition.toml")!r}
shutil.copy({str(MINIMAL)!r}, path)
coopcli.load(path)  # validated, and cached
gc.disable()
coopcli.load(path)
print(gc.isenabled())
gc.enable()
coopcli.load(path)
frozen = gc.get_freeze_count()
for _ in range(20):
    garbage = [[] for _ in range(1000)]
    for item in garbage:
        item.append(item)  # cycles only the collector frees
    del garbage
    coopcli.load(path)
print(gc.get_freeze_count() == frozen, gc.isenabled())
"""
    env = {**os.environ, "COOP_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "False\nTrue True\n"), done.stderr
