"""A table held as named numpy columns of equal length: what the simulation passes around.

Dates are datetime64[D] with NaT for "not happened" (an open plan, an episode not ended).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from analytics import periods

NAT = np.datetime64("NaT", "D")


class Frame:
    def __init__(self, **columns: np.ndarray) -> None:
        lengths = {len(c) for c in columns.values()}
        if len(lengths) > 1:
            raise ValueError(
                f"columns of different lengths: { {k: len(v) for k, v in columns.items()} }"
            )
        self.columns = {name: np.asarray(values) for name, values in columns.items()}

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def __setitem__(self, name: str, values: np.ndarray) -> None:
        self.columns[name] = np.asarray(values)

    def __contains__(self, name: str) -> bool:
        return name in self.columns

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns)

    def take(self, index: np.ndarray) -> Frame:
        """The rows at `index` (integer positions or a boolean mask)."""
        return Frame(**{name: values[index] for name, values in self.columns.items()})

    def sorted(self, *keys: str) -> Frame:
        order = np.lexsort(tuple(self.columns[k] for k in reversed(keys)))
        return self.take(order)

    @staticmethod
    def concat(frames: list[Frame]) -> Frame:
        frames = [f for f in frames if len(f)]
        if not frames:
            return Frame()
        names = frames[0].columns.keys()
        return Frame(**{n: np.concatenate([f.columns[n] for f in frames]) for n in names})


def collection_year(year: int) -> tuple[np.datetime64, np.datetime64]:
    """The first and last days of the returns' year `year` (`periods.collection_year`)."""
    first, last = periods.collection_year(year)
    return np.datetime64(first), np.datetime64(last)


def days(n: np.ndarray | int) -> np.ndarray:
    return np.asarray(n).astype("timedelta64[D]")


def birthday(dob: np.ndarray, age: int) -> np.ndarray:
    """The date each child reaches `age`; a 29 February birthday falls on 28 February, as the
    Department's validators count it."""
    dob = np.asarray(dob, dtype="datetime64[D]")
    month = dob.astype("datetime64[M]")
    day = dob - month.astype("datetime64[D]")
    target = month + np.timedelta64(12 * age, "M")
    last = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    return np.minimum(target.astype("datetime64[D]") + day, last)


def birthdays(dob: np.ndarray, ages: int) -> list[list[int]]:
    """Each child's birthdays from birth (age 0) to `ages - 1`, as day numbers (days since
    1 January 1970). The birthdays passed by a day, less one, are the child's age on it, as
    `age_on` counts it: `bisect_right(birthdays, day) - 1`, for a child many times over
    without NumPy's cost on each."""
    dob = np.asarray(dob, dtype="datetime64[D]")
    found = np.stack([birthday(dob, age) for age in range(ages)], axis=1)
    return found.astype(np.int64).tolist()


def age_on(dob: np.ndarray, when: np.ndarray | np.datetime64) -> np.ndarray:
    """Whole years of age on a date."""
    dob = np.asarray(dob, dtype="datetime64[D]")
    when = np.broadcast_to(np.asarray(when, dtype="datetime64[D]"), dob.shape)
    years = when.astype("datetime64[Y]").astype(int) - dob.astype("datetime64[Y]").astype(int)
    month = dob.astype("datetime64[M]")
    day = dob - month.astype("datetime64[D]")
    this_year = month + (years * 12).astype("timedelta64[M]")
    last = (this_year + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    reached = np.minimum(this_year.astype("datetime64[D]") + day, last)
    return years - (when < reached).astype(int)
