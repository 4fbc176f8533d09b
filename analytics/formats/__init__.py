"""Statutory returns and local extracts: finding which file is which, and reading it.

`files.read(paths)` finds the tables; `ssda903`, `cin_census`, `annex_a` and
`local_extracts` know each format; `tables` holds what they hand to validation.
"""
