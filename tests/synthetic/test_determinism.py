"""The same seed gives the same files, byte for byte; another seed gives other children."""

from __future__ import annotations

import hashlib

from analytics.synthetic import generator
from analytics.synthetic.cli import main


def _digest(folder) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        generator.generate_authority("880", tmp_path / name, years=1, seed=seed, end_year=2025)
    a, b, c = (_digest(tmp_path / n / "880") for n in "abc")
    assert a == b
    assert a["2025/ssda903/episodes.csv"] != c["2025/ssda903/episodes.csv"]


def test_command_refuses_an_unknown_authority(capsys, tmp_path):
    assert main(["--la", "999", "-o", str(tmp_path)]) == 2
    assert "no local authority '999'" in capsys.readouterr().err
    assert main(["-o", str(tmp_path)]) == 2
