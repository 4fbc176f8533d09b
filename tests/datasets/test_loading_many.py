"""Many authorities loaded at once (`load_many`): each gets the report it would get alone,
though their children share identifiers, and one refused keeps nothing of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.loads import load, load_many
from analytics.store import snapshots
from tests.datasets.returns import EPISODES, HEADER, REVIEWS, cin_census, write


def census(la: str, **changes: str) -> str:
    text = cin_census(["C1", "C2"]).replace("<LEA>880</LEA>", f"<LEA>{la}</LEA>")
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


def folders(root: Path) -> dict[str, list[Path]]:
    """Three authorities whose children have the same identifiers (1001-1003, C1 and C2):
    Torbay's header lacks child 1003, whom Plymouth's header has; Devon's census has the
    wrong reference date."""
    torbay_header = "\n".join(HEADER.strip().splitlines()[:-1]) + "\n"
    return {
        "880": [write(root / "880", header=torbay_header, episodes=EPISODES, reviews=REVIEWS)],
        "879": [
            write(root / "879", header=HEADER, episodes=EPISODES, **{"cin.xml": census("879")})
        ],
        "878": [
            write(
                root / "878",
                **{"cin.xml": census("878", **{"2024-03-31</Ref": "2023-11-30</Ref"})},
            )
        ],
    }


def problems(report) -> list[tuple]:
    return sorted((p.severity, p.file, p.rule, p.row, p.value) for p in report.problems)


def test_each_authority_gets_the_report_it_would_get_alone(tmp_path: Path):
    given = folders(tmp_path / "in")
    together = load_many(given, tmp_path / "many", workers=2)
    for la, paths in given.items():
        alone = load(paths, la, tmp_path / "alone")
        assert problems(together[la].report) == problems(alone.report), la
        assert together[la].accepted == alone.accepted
    torbay = [p for p in together["880"].report.problems if p.fatal]
    assert [(p.rule, p.value) for p in torbay] == [("903.child_not_in_header", "1003")]
    assert together["879"].accepted and not together["880"].accepted
    assert "cin.reference_date" in [p.rule for p in together["878"].report.problems]


def test_an_authority_refused_keeps_nothing_and_the_others_are_kept(tmp_path: Path):
    together = load_many(folders(tmp_path / "in"), tmp_path / "var", workers=1)
    assert together["880"].snapshot is None
    assert snapshots.all_snapshots(tmp_path / "var", "880") == []
    for la in ("879", "878"):
        [kept] = snapshots.all_snapshots(tmp_path / "var", la)
        assert kept.id == together[la].snapshot.id and kept.manifest["la"] == la
    assert set(together["879"].snapshot.tables) >= {"ssda903_episodes", "cin_referrals"}


def test_a_load_failing_part_way_leaves_no_snapshot_half_written(tmp_path: Path):
    given = folders(tmp_path / "in")
    given["877"] = [tmp_path / "in" / "877"]  # no such folder
    with pytest.raises(FileNotFoundError):
        load_many(given, tmp_path / "var", workers=2)
    for la in given:
        folder = snapshots.root(tmp_path / "var", la)
        for kept in folder.iterdir() if folder.exists() else []:
            assert not kept.name.startswith(".") and (kept / "manifest.json").exists()
