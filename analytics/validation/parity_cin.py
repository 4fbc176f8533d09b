"""Planted breaches of the Department's CIN census rules (csc-validator-be-cin), one per rule.

Each is a small change to this year's census (an lxml tree); see `parity`. They are kept by
topic, as the rules are: the child, its episodes' and plans' order (`parity_cin_child`) and
what an episode holds (`parity_cin_episodes`), with the element-finding they share in
`parity_cin_census`.
"""

from __future__ import annotations

from analytics.validation import parity_cin_child as child
from analytics.validation import parity_cin_episodes as episodes
from analytics.validation.parity import Mutation

# In the order the breaches were written, which the suite and the benchmark run them in.
CIN: list[Mutation] = [
    *child.CHILD,
    *episodes.WORK,
    *child.DEATH,
    *episodes.CENSUS_YEAR,
    *child.MORE,
    *episodes.REVIEWS,
]
