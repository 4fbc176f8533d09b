"""The domain error every service raises when a write would break a rule."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused a write. `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
