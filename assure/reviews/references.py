"""A child in a case review is a pseudonymous reference, never a name: the one statement of
what such a reference may look like. A word ("Child", "Baby", "Young person", "Sibling
group", "Children") and a letter or a short capital code ("T", "T1", "AB"), optionally more
codes joined by "and": "Child T", "Baby R", "Children A and B". Anything else, a name above
all ("Jane Smith", "Child Jane"), is refused."""

from __future__ import annotations

import re

from assure.core.errors import DomainError

WORDS = r"(?:Child|Children|Baby|Infant|Young person|Sibling group)"
CODE = r"[A-Z][A-Z0-9]{0,2}"
PSEUDONYM = re.compile(rf"^{WORDS} {CODE}(?:(?:, | and ){CODE})*$")
REFUSED = (
    'Give the child a pseudonymous reference, such as "Child T" or "Baby R": a word such as '
    "Child and a capital letter or a short code, never a name."
)


def check_child_reference(text: str) -> str:
    """The reference, tidied, or a DomainError saying what a reference must be."""
    reference = " ".join(text.split())
    if not PSEUDONYM.match(reference):
        raise DomainError(REFUSED, field="child_reference")
    return reference
