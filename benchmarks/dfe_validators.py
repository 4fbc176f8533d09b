"""Generate returns and run the Department for Education's validators on them.

    bash scripts/dfe-validators                       # once: installs them into .venv-dfe
    .venv/bin/python benchmarks/dfe_validators.py [--la 880 886 | --all] [--years 3] [--seed 1]
        [--skip-cin | --skip-903] [--workers 2]

For each authority and each collection year the validators have rules for (2023 onwards),
runs the SSDA903 validator (csc-validator-be-903, with the previous year's files as "last
year" where there are some) and the CIN census validator (csc-validator-be-cin), and prints
each one's run time and the rules that fired with their counts. It ends with the findings
that are not a documented fault or limit of the validators (`analytics.validation.parity.
FAULTS`, explained in docs/formats): what the generator must not cause. The validators pin
old pandas and numpy, so they run in .venv-dfe through benchmarks/dfe_runner.py, never in the
main environment. With `--workers` several authorities are generated and validated at once,
each printing its lines when it is done.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from analytics.synthetic.calibration import authorities, authority
from analytics.synthetic.generator import generate_authority
from analytics.validation.parity import FAULTS

ROOT = Path(__file__).resolve().parents[1]
DFE_PYTHON = ROOT / ".venv-dfe" / "bin" / "python"
RUNNER = ROOT / "benchmarks" / "dfe_runner.py"
FIRST_RULE_YEAR = 2023


def validate(kind: str, *args: str) -> dict:
    done = subprocess.run(  # noqa: S603 (our own runner, our own files)
        [str(DFE_PYTHON), str(RUNNER), kind, *args], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode:
        return {
            "seconds": 0,
            "errors": {"runner failed": done.stderr[-500:]},
            "queries": {},
            "failed": [],
        }
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--la", nargs="*", default=["880"], help="codes or names")
    parser.add_argument("--all", action="store_true", help="every one of the 152 authorities")
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end-year", type=int, default=2025)
    parser.add_argument("--skip-cin", action="store_true", help="run the SSDA903 rules only")
    parser.add_argument("--skip-903", action="store_true", help="run the CIN census rules only")
    parser.add_argument("--workers", type=int, default=1, help="authorities at once")
    args = parser.parse_args()
    if not DFE_PYTHON.exists():
        print(
            "The DfE validators are not installed: run bash scripts/dfe-validators", file=sys.stderr
        )
        return 2
    codes = list(authorities()) if args.all else [authority(la).code for la in args.la]
    started = time.perf_counter()
    undocumented: list[str] = []
    with ProcessPoolExecutor(args.workers) as pool:
        for lines, findings in pool.map(check, codes, [args] * len(codes)):
            print("\n".join(lines), flush=True)
            undocumented += findings
    print(
        f"{len(codes)} authorities, {args.years} years each, seed {args.seed}, "
        f"{time.perf_counter() - started:.0f} s: "
        + (
            f"{len(undocumented)} findings not documented as a fault of the validators:"
            if undocumented
            else "no finding that is not a documented fault of the validators"
        )
    )
    for line in undocumented:
        print(f"  {line}")
    return 1 if undocumented else 0


def check(code: str, args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """Run both validators on each year of one authority's generated returns: what each
    printed, and the findings (rule, count) that are not documented faults, as lines."""
    found = authority(code)
    undocumented = []
    lines = []
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        manifest = generate_authority(found.code, Path(out), args.years, args.seed, args.end_year)
        lines.append(
            f"generated {found.name}, {manifest['years']}: {time.perf_counter() - started:.1f} s"
        )
        folder = Path(out) / found.code
        for year in manifest["years"]:
            if year < FIRST_RULE_YEAR:
                continue
            rows = manifest["rows"][str(year)]
            findings: dict[str, object] = {}
            if not args.skip_903:
                previous = folder / str(year - 1) / "ssda903"
                lac = validate(
                    "903",
                    str(folder / str(year) / "ssda903"),
                    str(year),
                    found.gss,
                    str(previous) if previous.exists() else "",
                )
                lines.append(
                    f"{year} SSDA903 ({rows['episodes']} episodes, {rows['header']} children): "
                    f"{lac['seconds']:.1f} s, errors {lac['errors'] or 'none'}"
                    f"{', rules that crashed ' + str(lac['failed']) if lac['failed'] else ''}"
                )
                findings = {**lac["errors"], **dict.fromkeys(lac["failed"], "crashed")}
            if not args.skip_cin:
                cin = validate("cin", str(folder / str(year) / "cin_census.xml"), str(year))
                lines.append(
                    f"{year} CIN census ({rows['cin_census_children']} children): "
                    f"{cin['seconds']:.1f} s, "
                    f"errors {cin['errors'] or 'none'}, queries {cin['queries'] or 'none'}"
                )
                findings.update(cin["errors"])
            undocumented += [
                f"{found.code} {found.name} {year}: {rule} ({n})"
                for rule, n in findings.items()
                if rule not in FAULTS
            ]
    return lines, undocumented


if __name__ == "__main__":
    sys.exit(main())
