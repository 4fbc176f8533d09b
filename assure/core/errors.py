"""The domain error every service raises when a write would break a rule."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused a write. `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class DomainErrors(DomainError):
    """Several rules refused a write at once: a form shows every one, each at its field, so
    a person fixes them in one go rather than one a submit."""

    def __init__(self, problems: list[DomainError]):
        super().__init__(problems[0].message, problems[0].field)
        self.problems = problems

    @classmethod
    def raise_any(cls, problems: list[DomainError]) -> None:
        if len(problems) == 1:
            raise problems[0]
        if problems:
            raise cls(problems)
