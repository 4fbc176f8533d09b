"""`assure compute`: every indicator from a folder of returns, as JSON or CSV, no web app."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from analytics.compute_cli import main
from analytics.loads import load
from tests.datasets.returns import cin_census, clean_903, write


def test_json_holds_every_indicator_with_its_period_and_provenance(tmp_path: Path, capsys):
    folder = clean_903(tmp_path / "returns")
    write(folder, **{"cin.xml": cin_census(["C1", "C2"])})
    assert main(["--data", str(folder), "--la", "880", "--month", "2024-03", "--quiet"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["datasets"] == ["cin", "ssda903"]
    figures = {i["reference"]: i for i in document["indicators"]}
    assert figures["LAC-01"]["value"] == 2 and figures["LAC-01"]["period"] == "2024-03"
    assert figures["CP-01"]["value"] == 2
    assert figures["CP-06"]["period"] == "YTD 2024-03" and figures["CP-06"]["value"] == 100.0
    assert figures["MIS-01"]["computed"] is False  # no missing extract in the folder


def test_csv_has_a_row_per_indicator_and_breakdown(tmp_path: Path, capsys):
    toolkits = (
        "child_id,sex,dob,toolkit_date,risk_level,exploitation_type,team,review_date,"
        "closed_date\nA,F,01/02/2008,01/03/2024,High,CSE,North,,\n"
        "B,M,01/02/2009,01/10/2023,Low,CCE,South,,\n"
    )
    folder = write(tmp_path / "in", toolkits=toolkits)
    code = main(
        ["--data", str(folder), "--la", "880", "--month", "2024-03", "--format", "csv", "--quiet"]
    )
    assert code == 0
    rows = [
        r
        for r in csv.DictReader(io.StringIO(capsys.readouterr().out))
        if r["reference"] == "EXP-01"
    ]
    assert [(r["dimension"], r["category"], r["value"]) for r in rows][:3] == [
        ("", "", "50.0"),
        ("risk level", "HIGH", "100.0"),
        ("risk level", "LOW", "0.0"),
    ]


def test_refused_files_give_the_report_and_exit_1(tmp_path: Path, capsys):
    folder = clean_903(tmp_path / "returns")
    (folder / "reviews.csv").write_text("")
    assert main(["--data", str(folder), "--la", "880", "--month", "2024-03", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "FATAL reviews.csv: The file is empty." in err and "refused" in err


def test_bad_arguments_exit_2(tmp_path: Path, capsys):
    assert main(["--data", str(tmp_path), "--la", "880", "--month", "March"]) == 2
    assert "is not a month" in capsys.readouterr().err


def _snapshot(tmp_path: Path) -> tuple[Path, Path]:
    folder = clean_903(tmp_path / "returns")
    write(folder, **{"cin.xml": cin_census(["C1", "C2"])})
    result = load([folder], "880", tmp_path / "var")
    assert result.snapshot is not None
    return folder, result.snapshot.path


def test_a_snapshot_gives_the_figures_its_files_give(tmp_path: Path, capsys):
    folder, snapshot = _snapshot(tmp_path)
    month = ["--la", "880", "--month", "2024-03", "--quiet"]
    assert main(["--data", str(folder), *month]) == 0
    from_files = json.loads(capsys.readouterr().out)
    assert main(["--snapshot", str(snapshot), *month]) == 0
    from_snapshot = json.loads(capsys.readouterr().out)
    assert from_snapshot["snapshot"] == snapshot.name
    assert from_snapshot["datasets"] == from_files["datasets"] == ["cin", "ssda903"]
    for figures in (from_files, from_snapshot):
        for indicator in figures["indicators"]:
            indicator.pop("snapshot")
    assert from_snapshot["indicators"] == from_files["indicators"]


def test_a_snapshot_of_another_authority_or_no_snapshot_exits_2(tmp_path: Path, capsys):
    _, snapshot = _snapshot(tmp_path)
    assert main(["--snapshot", str(snapshot), "--la", "886", "--month", "2024-03"]) == 2
    assert "holds authority 880, not 886" in capsys.readouterr().err
    assert main(["--snapshot", str(tmp_path), "--la", "880", "--month", "2024-03"]) == 2
    assert "is not a snapshot's folder" in capsys.readouterr().err
    both = ["--data", str(tmp_path), "--snapshot", str(snapshot)]
    assert main([*both, "--la", "880", "--month", "2024-03"]) == 2
