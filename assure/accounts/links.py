"""Addresses that carry where to go next."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse


def with_next(name: str, target: str) -> str:
    """The page `name`, then on to `target` (a path, its own query string kept)."""
    return f"{reverse(name)}?{urlencode({'next': target})}"
