"""Parquet network files: convert writes them, the loader reads and validates them."""

from __future__ import annotations

import os
import shutil
import warnings

import pandas as pd
import pytest

import refgraph
from refgraph import DataValidationError, RefgraphError
from refgraph.io.parquet import parquet_writer, write_parquet

pytest.importorskip("pyarrow", reason="Parquet files need pyarrow (see test_without_pyarrow.py)")


@pytest.fixture
def converted(tmp_path, chapter_path):
    folder = tmp_path / "chapter"
    shutil.copytree(chapter_path, folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = refgraph.convert_network(folder)
    assert result.to_dict()["interactions"] > 0
    return folder


def test_a_parquet_network_loads_like_its_csv(converted, chapter):
    network = refgraph.load_network(converted)  # no warnings: the data was cleaned
    assert len(network.interactions) == len(chapter.interactions)
    pd.testing.assert_frame_equal(network.ties(), chapter.ties())
    pd.testing.assert_frame_equal(network.flows(), chapter.flows())
    assert network.contacts["id"].tolist() == chapter.contacts["id"].tolist()
    assert refgraph.stats(network).to_dict() == refgraph.stats(chapter).to_dict()


def test_a_csv_edited_after_conversion_is_not_ignored(converted):
    csv = converted / "interactions.csv"
    later = os.stat(converted / "interactions.parquet").st_mtime + 10
    os.utime(csv, (later, later))
    with pytest.raises(RefgraphError, match=r"changed after interactions\.parquet"):
        refgraph.load_network(converted)


def test_parquet_problems_name_the_row_and_column(converted):
    frame = pd.read_parquet(converted / "interactions.parquet")
    frame["kind"] = frame["kind"].astype(object)
    frame.loc[4, "kind"] = "lunch"
    write_parquet(frame, converted / "interactions.parquet")
    with pytest.raises(DataValidationError) as caught:
        refgraph.load_network(converted)
    message = str(caught.value)
    assert "interactions.parquet" in message and "row 5" in message and "kind" in message


def test_a_broken_parquet_file_is_named(converted):
    (converted / "contacts.parquet").write_bytes(b"not parquet")
    with pytest.raises(DataValidationError, match=r"contacts\.parquet.*cannot be read as Parquet"):
        refgraph.load_network(converted)


def test_convert_refuses_an_unknown_format(converted):
    with pytest.raises(RefgraphError, match="expected one of parquet"):
        refgraph.convert_network(converted, "xlsx")


def test_a_missing_typed_date_names_the_row(converted):
    frame = pd.read_parquet(converted / "interactions.parquet")
    assert isinstance(frame["date"].dtype, pd.DatetimeTZDtype)  # typed, not text
    frame.loc[6, "date"] = pd.NaT
    write_parquet(frame, converted / "interactions.parquet")
    with pytest.raises(DataValidationError) as caught:
        refgraph.load_network(converted)
    message = str(caught.value)
    assert "interactions.parquet" in message and "row 7" in message and "empty date" in message


@pytest.mark.parametrize("zone", [None, "UTC", "Europe/London", "America/New_York"])
def test_typed_dates_are_the_same_moments_as_their_text(converted, zone):
    frame = pd.read_parquet(converted / "interactions.parquet")
    moments = frame["date"]
    frame["date"] = (moments.dt.tz_convert(zone) if zone is not None
                     else moments.dt.tz_convert("UTC").dt.tz_localize(None))
    write_parquet(frame, converted / "interactions.parquet")
    typed = refgraph.load_network(converted).interactions["date"]
    # The same moments written as ISO text with their offset, as a CSV holds them.
    frame["date"] = moments.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
    write_parquet(frame, converted / "interactions.parquet")
    text = refgraph.load_network(converted).interactions["date"]
    pd.testing.assert_series_equal(typed, text)


def test_a_table_written_in_chunks_reads_back_whole(tmp_path):
    target = tmp_path / "ties.parquet"
    frame = pd.DataFrame({"u": ["a", "b", "c"], "n": [1, 2, 3],
                          "when": pd.to_datetime(["2024-01-01"] * 3, utc=True)})
    with parquet_writer(target) as write:
        write(frame.iloc[:2])
        assert not target.exists()  # the file appears only when complete
        write(frame.iloc[2:])
    pd.testing.assert_frame_equal(pd.read_parquet(target), frame)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ties.parquet"]


def test_a_failed_chunked_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "ties.parquet"
    write_parquet(pd.DataFrame({"n": [1]}), target)
    with pytest.raises(ValueError, match="stop"), parquet_writer(target) as write:
        write(pd.DataFrame({"n": [2]}))
        raise ValueError("stop")
    assert pd.read_parquet(target)["n"].tolist() == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ties.parquet"]
    with pytest.raises(RefgraphError, match="no table was written"), parquet_writer(target):
        pass
    assert pd.read_parquet(target)["n"].tolist() == [1]


@pytest.fixture(scope="module")
def parquet_only(consultant_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("parquet") / "consultant"
    shutil.copytree(consultant_path, folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        refgraph.convert_network(folder)
    for name in ("contacts.csv", "interactions.csv"):
        (folder / name).unlink()
    return folder


@pytest.mark.parametrize("command", [
    ["refer", "{net}", "a client asked me for a good web designer"],
    ["ask", "{net}", "c0175", "c0008"],
    ["path", "{net}", "me", "c0008"],
    ["nurture", "{net}"],
    ["stats", "{net}"],
])
def test_a_parquet_only_network_answers_as_its_csv_files(parquet_only, consultant_path,
                                                        command, capsys):
    from cli_runner import run_cli

    answers = []
    for folder in (consultant_path, parquet_only):
        code, out, _ = run_cli([part.format(net=folder) for part in command]
                               + ["--format", "json", "--quiet"], capsys)
        assert code == 0
        answers.append(out)
    assert answers[0] == answers[1]


def test_a_parquet_only_network_draws_and_reports(parquet_only, tmp_path, capsys):
    from cli_runner import run_cli

    picture, report = tmp_path / "net.html", tmp_path / "report.html"
    assert run_cli(["viz", parquet_only, "-o", picture, "--quiet"], capsys)[0] == 0
    assert run_cli(["report", parquet_only, "--month", "2026-10", "-o", report, "--quiet"],
                   capsys)[0] == 0
    assert "Sam Carter" in report.read_text(encoding="utf-8")
    assert picture.stat().st_size > 10_000
