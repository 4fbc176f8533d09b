"""Synthetic children's social care data, calibrated to an authority's published figures.

`assure generate` (cli.py) simulates children's journeys (world.py: referrals.py, care.py,
placements.py, stability.py, records.py) and writes the statutory returns (ssda903.py,
cin_census.py) and local extracts (local_extracts.py). No real child's data is used anywhere.
"""
