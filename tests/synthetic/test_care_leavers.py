"""Care leaver information (OC3) is written only for young people who have left care: one
back in care on or after their 17th or 18th birthday in the year has none (the Department's
rule 1007, Assure's `903.care_leaver_not_left`)."""

from __future__ import annotations

from analytics.formats import files
from analytics.synthetic import generator
from analytics.validation import validate


def test_no_care_leaver_information_for_one_back_in_care(tmp_path):
    # Bexley, 2025, seed 7: a young person who left care at 16 was looked after again on or
    # after their 17th birthday
    generator.generate_authority("303", tmp_path, years=1, seed=7, end_year=2025)
    sources, _ = files.sources([tmp_path / "303"])  # the manifest is skipped
    report = validate(files.read(sources), "303").report
    assert report.problems == []
