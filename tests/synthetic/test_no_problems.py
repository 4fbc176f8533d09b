"""Generated returns have no problem at all, warnings included, where three faults of the
generator once left one each (England, 2025, seed 7):
- care leaver information (OC3) for a young person looked after again on or after their
  17th birthday (the Department's rule 1007, Assure's `903.care_leaver_not_left`);
- an adoption on 31 March after a year in care: the child counts as looked after all year,
  so has OC2 outcomes, which forbid the adopter details (AD1) an adoption needs (rules 187
  and 601, `903.returns_overlap`); the order is now made the day before;
- a placement in the authority's own provision at the child's home postcode
  (`903.postcodes`)."""

from __future__ import annotations

import pytest

from analytics.formats import files
from analytics.synthetic import generator
from analytics.validation import validate


@pytest.mark.parametrize("la", ["303", "305", "826"])  # Bexley, Bromley, Milton Keynes
def test_generated_returns_have_no_problem(tmp_path, la):
    generator.generate_authority(la, tmp_path, years=1, seed=7, end_year=2025)
    sources, _ = files.sources([tmp_path / la])  # the manifest is skipped
    report = validate(files.read(sources), la).report
    assert report.problems == []
