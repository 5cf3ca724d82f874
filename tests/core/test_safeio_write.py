"""safeio.write_if_changed: the DTS tree and the redirect pages are written once per build, and the
second language's build rewrites nothing (the search indexer may be reading the site by then)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from albazin.core import safeio


def test_writes_a_new_file_and_its_folders(tmp_path: Path) -> None:
    target = tmp_path / "dts" / "document" / "A" / "index.json"
    assert safeio.write_if_changed(target, b'{"a": 1}') is True
    assert target.read_bytes() == b'{"a": 1}'


def test_leaves_a_file_with_the_same_bytes_untouched(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    target.write_bytes(b"same")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    before = target.stat()
    assert safeio.write_if_changed(target, b"same") is False
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_rewrites_a_file_whose_bytes_differ(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    target.write_bytes(b"old")
    assert safeio.write_if_changed(target, b"new") is True
    assert target.read_bytes() == b"new"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=64), min_size=1, max_size=6))
def test_the_file_always_holds_the_last_bytes_and_a_write_is_reported_only_for_a_change(
        tmp_path_factory, contents: list[bytes]) -> None:
    target = tmp_path_factory.mktemp("w") / "f.bin"
    previous: bytes | None = None
    for data in contents:
        assert safeio.write_if_changed(target, data) is (data != previous)
        previous = data
        assert target.read_bytes() == data
