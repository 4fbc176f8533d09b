"""Keyed pseudonyms for children and cases: the case-management identifier is never stored.

A pseudonym is an HMAC-SHA256 of the local authority code and the identifier, under a key
from the environment variable ASSURE_PSEUDONYM_KEY (a development machine gets one kept in
var/, as the secret key is). The same child has the same pseudonym in audits and in the
exploitation register, so the two can be read together without a name; without the key, a
pseudonym cannot be turned back into an identifier or guessed from one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from django.conf import settings

KEY_VARIABLE = "ASSURE_PSEUDONYM_KEY"
# Crockford's base 32: no I, L, O or U, so a pseudonym read aloud is not misheard.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12


def key() -> bytes:
    configured = os.environ.get(KEY_VARIABLE)
    if configured:
        return configured.encode()
    path = settings.VAR_DIR / "pseudonym_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip().encode()


def pseudonym(la_code: str, identifier: str) -> str:
    """The pseudonym of a case-management identifier in one local authority: 'K7PQ-2M9A-X4TB'."""
    cleaned = "".join(str(identifier).split()).upper()
    if not cleaned:
        raise ValueError("An identifier is needed to make a pseudonym")
    digest = hmac.new(key(), f"{la_code}:{cleaned}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big") >> (64 - 5 * LENGTH)
    chars = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(LENGTH)))
    return "-".join(chars[i : i + 4] for i in range(0, LENGTH, 4))
