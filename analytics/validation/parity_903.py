"""Planted breaches of the Department's SSDA903 rules (csc-validator-be-903), one per rule.

Each is a small change to this year's tables (or last year's) that breaks exactly one rule;
see `parity` for what a mutation is. They are kept by topic, as the rules are: the header
(`parity_903_header`), episodes (`_episodes`), placements and legal statuses
(`_placements`), other records (`_records`), outcomes and care leavers (`_outcomes`),
adoption (`_adoption`) and last year's return (`_history`), with the row-finding they share
in `parity_903_rows`.
"""

from __future__ import annotations

from analytics.validation import parity_903_adoption as adoption
from analytics.validation import parity_903_episodes as episodes
from analytics.validation import parity_903_header as header
from analytics.validation import parity_903_history as history
from analytics.validation import parity_903_outcomes as outcomes
from analytics.validation import parity_903_placements as placements
from analytics.validation import parity_903_records as records
from analytics.validation.parity import Mutation

# In the order the breaches were written, which the suite and the benchmark run them in.
SSDA903: list[Mutation] = [
    *header.HEADER,
    *episodes.EPISODES,
    *records.REVIEWS_UASC_MISSING,
    *adoption.CODES,
    *outcomes.CODES,
    *records.PERMANENCE_SOCIAL_WORKERS,
    *episodes.FIRST_AND_PROVIDERS,
    *header.BELONGING,
    *outcomes.BY_AGE,
    *placements.BY_AGE,
    *header.MOTHERHOOD,
    *adoption.ACROSS_TABLES,
    *outcomes.CARE_LEAVERS,
    *records.MISSING_SOCIAL_WORKERS_PERMANENCE,
    *placements.NEW_EPISODES,
    *history.LAST_YEAR,
    *adoption.SECOND_DECISIONS,
    *placements.MORE,
    *adoption.BLANKS,
]
