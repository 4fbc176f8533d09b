"""Finding and changing the elements of the CIN census that breaches of more than one topic
are planted in: an element at a path, its episode and child, an element set or dropped,
dates moved, a second piece of work.
"""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

from analytics.validation.parity import Files


def _day(element, path: str) -> dt.date:
    return dt.date.fromisoformat(element.findtext(path))


def _moved(element, path: str, days: int) -> str:
    return (_day(element, path) + dt.timedelta(days=days)).isoformat()


def _pick(files: Files, path: str, fits=lambda e: True):
    """The first element at `path` that fits; a mutation with nothing to change says so."""
    for element in files.cin.xpath(f"//{path}"):
        if fits(element):
            return element
    raise LookupError(f"no {path} fits this mutation in the census")


def _put(parent, tag: str, value: str | None, before: tuple[str, ...] = ()):
    """Sets `tag` under `parent`, adding it (before the first of `before`) if missing."""
    element = parent.find(tag)
    if element is None:
        element = etree.Element(tag)
        later = [c for c in parent if c.tag in before]
        later[0].addprevious(element) if later else parent.append(element)
    element.text = value
    return element


def _drop(element, *tags: str) -> None:
    for tag in tags:
        for found in element.findall(tag):
            element.remove(found)


def _open(episode) -> bool:
    return episode.find("CINclosureDate") is None


def _episode(element):
    return next(a for a in element.iterancestors() if a.tag == "CINdetails")


def _child(element):
    return next(a for a in element.iterancestors() if a.tag == "Child")


def _at(path: str, column: str, value: str, fits=lambda e: True):
    def plant(files: Files) -> None:
        _pick(files, path, fits).find(column).text = value

    return plant


def _conference_without_plan(enquiry) -> bool:
    plans = {p.findtext("CPPstartDate") for p in _episode(enquiry).iter("ChildProtectionPlans")}
    return _open(_episode(enquiry)) and enquiry.findtext("DateOfInitialCPC") not in plans


def _second(path: str, fits, changes):
    """A copy of the first `path` that fits, next to it, with `changes` made to both."""

    def plant(files: Files) -> None:
        element = _pick(files, path, fits)
        changes(element, None)
        copied = copy.deepcopy(element)
        element.addnext(copied)
        changes(element, copied)

    return plant


def _next_day(start: str):
    """For `_second`: the copy starts the day after the first."""

    def change(element, copied) -> None:
        if copied is not None:
            copied.find(start).text = _moved(element, start, 1)

    return change
