"""Generating a folder of synthetic returns for one authority or for all of England.

Layout of the output folder (one folder per authority, by the Department's code):

    DIR/880/manifest.json                 seed, years, calibration, rows written
    DIR/880/2025/ssda903/header.csv ...   the SSDA903 CSVs of collection year 2025
    DIR/880/2025/cin_census.xml           the CIN census of collection year 2025
    DIR/880/local/missing_episodes.csv    local extracts over all the years
    DIR/880/local/exploitation_toolkits.csv
    DIR/880/local/workforce.csv
    DIR/880/annex_a.xlsx                  Ofsted Annex A lists 1-11 on the last 31 March

England is generated authority by authority (each with its own seed derived from the one
given), in worker processes, so memory stays that of one authority per process.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from analytics.synthetic import annex_a, cin_census, local_extracts, ssda903, world
from analytics.synthetic.calibration import authorities, authority, latest_year


def generate_authority(
    la: str, out: Path, years: int, seed: int, end_year: int | None = None
) -> dict:
    """Simulate one authority and write its returns; the manifest written."""
    end_year = end_year or latest_year()
    w = world.simulate(la, end_year, years, seed)
    folder = out / w.authority.code
    written: dict[str, dict] = {}
    for year in w.years:
        written[str(year)] = {
            **ssda903.write(w, year, folder / str(year) / "ssda903"),
            "cin_census_children": cin_census.write(w, year, folder / str(year) / "cin_census.xml"),
        }
    written["local"] = local_extracts.write(w, folder / "local")
    written["annex_a"] = annex_a.write(w, folder / "annex_a.xlsx")  # as at the last 31 March
    manifest = {
        "authority": w.authority.__dict__,
        "seed": seed,
        "years": w.years,
        "calibration": w.calibration.__dict__,
        "rows": written,
        "synthetic": "Every child here is invented; no real child's data was used.",
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def _one(args: tuple) -> dict:
    la, out, years, seed, end_year = args
    return generate_authority(la, Path(out), years, seed, end_year)


def generate(
    scale: str,
    la: str | None,
    out: Path,
    years: int,
    seed: int,
    end_year: int | None = None,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
    workers: int = 2,
) -> list[dict]:
    """Generate `scale` "authority" (for `la`) or "england" (every authority)."""
    if scale == "authority" and not la:
        raise ValueError("Say which authority to generate (--la CODE).")
    codes = [authority(la).code] if scale == "authority" and la else list(authorities())
    jobs = [(code, str(out), years, seed, end_year) for code in codes]
    if len(jobs) == 1 or workers <= 1:
        return [_one(job) for job in progress(jobs)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(progress(pool.map(_one, jobs)))
