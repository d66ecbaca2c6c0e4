"""Safe writing: atomic replacement and spreadsheet-safe CSV."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

from refgraph import OutputExistsError, RefgraphError
from refgraph.io.files import atomic_writer, neutralise_formula, safe_csv_frame, write_atomic


def test_write_atomic_creates_and_replaces(tmp_path):
    target = tmp_path / "out.txt"
    assert write_atomic(target, "first ünïcode") == target
    assert target.read_text(encoding="utf-8") == "first ünïcode"
    write_atomic(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # no temporary left


def test_write_atomic_refuses_to_overwrite_when_told(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("keep", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="already exists; use --force"):
        write_atomic(target, "new", overwrite=False)
    assert target.read_text(encoding="utf-8") == "keep"
    write_atomic(tmp_path / "fresh.txt", "ok", overwrite=False)


def test_write_atomic_missing_folder(tmp_path):
    with pytest.raises(RefgraphError, match="does not exist"):
        write_atomic(tmp_path / "nowhere" / "out.txt", "x")


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(RefgraphError, match=r"report\.html: could not write \(disk full\); "
                                            r"the previous version is intact"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_atomic_writer_writes_in_pieces_or_not_at_all(tmp_path):
    target = tmp_path / "out.bin"
    with atomic_writer(target) as handle:
        handle.write(b"one ")
        assert not target.exists()
        handle.write(b"two")
    assert target.read_bytes() == b"one two"
    with pytest.raises(KeyError), atomic_writer(target) as handle:
        handle.write(b"half")
        raise KeyError("stop")
    assert target.read_bytes() == b"one two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]  # no temporary left
    with pytest.raises(OutputExistsError), atomic_writer(target, overwrite=False):
        pass


@pytest.mark.parametrize("cell", ["=1+1", "+41 20 123", "-x", "@SUM(A1)", "\tcmd", "\rcmd",
                                  "=HYPERLINK(\"http://x\")"])
def test_formula_cells_are_neutralised(cell):
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Ann", "", " =not at start", "a=b", 3, -3.5, None, np.nan])
def test_other_cells_are_left_alone(cell):
    result = neutralise_formula(cell)
    assert result is cell or (isinstance(cell, float) and np.isnan(result))


def test_safe_csv_frame_covers_every_text_column():
    frame = pd.DataFrame({
        "object": pd.Series(["=1", "x"], dtype=object),
        "string": pd.array(["@z", None], dtype="string"),
        "str": pd.Series(["+1", "y"], dtype="str"),
        "category": pd.Categorical(["-a", "b"]),
        "number": [-1, 2],
        "float": [-1.5, np.nan],
        "date": pd.to_datetime(["2024-01-01", "2024-01-02"], utc=True),
        "=header": ["ok", "ok"],
    })
    safe = safe_csv_frame(frame)
    assert safe["object"].tolist() == ["'=1", "x"]
    assert safe["string"].iloc[0] == "'@z" and pd.isna(safe["string"].iloc[1])
    assert safe["str"].tolist() == ["'+1", "y"]
    assert safe["category"].tolist() == ["'-a", "b"]
    assert safe["number"].tolist() == [-1, 2]
    assert safe["float"].iloc[0] == -1.5
    assert safe["date"].equals(frame["date"])
    assert list(safe.columns)[-1] == "'=header"
    assert frame["object"].tolist() == ["=1", "x"]  # the input is not changed


def test_written_files_get_the_usual_mode_not_a_private_one(tmp_path):
    import os
    import stat

    from refgraph.io.files import write_atomic

    fresh = write_atomic(tmp_path / "new.html", "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.csv"
    kept.write_text("old")
    kept.chmod(0o640)
    write_atomic(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_unwritable_places_are_one_line_errors_naming_the_path(tmp_path, monkeypatch):
    import tempfile as tempfile_module

    from refgraph.errors import RefgraphError
    from refgraph.io.files import write_atomic

    (tmp_path / "afile").write_text("x")
    with pytest.raises(RefgraphError, match=r"afile is a file, not a folder"):
        write_atomic(tmp_path / "afile" / "out.html", "x")
    with pytest.raises(RefgraphError, match=r"folder .*missing does not exist"):
        write_atomic(tmp_path / "missing" / "out.html", "x")
    with pytest.raises(RefgraphError, match=r"is a folder; expected a file name"):
        write_atomic(tmp_path, "x")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile_module, "mkstemp", refuse)
    with pytest.raises(RefgraphError, match=r"out.html: cannot write here: Permission denied"):
        write_atomic(tmp_path / "out.html", "x")
