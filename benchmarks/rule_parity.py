"""Rule parity with the Department's validators, proven by mutation.

    bash scripts/dfe-validators                   # once: the validators, in .venv-dfe
    .venv/bin/python benchmarks/rule_parity.py [--la 880] [--seed 3] [--no-dfe]

Generates clean returns (one authority, two years), plants each breach of
`analytics.validation.parity` in a copy of them, and asks who flags it: the Department's
validator (csc-validator-be-903 or -cin, the planted rule only, against its count on the
clean files) and Assure's validation (in process: a problem the clean files do not have).
Writes docs/formats/rule-parity.md: every rule of both validators for 2024-25, with its
description from the validator and whether Assure checks it, it does not apply, or it is a
fault of the validator. With `--no-dfe`, the Department's columns are left unmeasured.

The validators pin old pandas and numpy, so this file also runs inside .venv-dfe
(`--describe`, `--run JOBS`): there it imports nothing of Assure.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DFE_PYTHON = ROOT / ".venv-dfe" / "bin" / "python"
TABLE = ROOT / "docs" / "formats" / "rule-parity.md"
CACHE = ROOT / "var" / "rule-parity-dfe.json"
YEAR = 2025


# --- inside .venv-dfe ---------------------------------------------------------------------


def _registries() -> dict[str, dict[str, Any]]:
    import importlib

    from lac_validator.rules.ruleset_utils import get_year_ruleset

    cin = importlib.import_module(f"cin_validator.rules.cin{YEAR - 1}_{str(YEAR)[2:]}")
    return {"903": get_year_ruleset(str(YEAR)), "cin": cin.registry}


def describe() -> dict[str, list[dict[str, Any]]]:
    """Every rule of both validators for the year: code, message, fields, tables."""
    found: dict[str, list[dict[str, Any]]] = {}
    for kind, registry in _registries().items():
        found[kind] = [
            {
                "code": str(code),
                "message": " ".join(str(rule.message).split()),
                "fields": [str(getattr(f, "name", f)) for f in rule.affected_fields],
                "tables": [str(t) for t in getattr(rule, "tables", [])],
            }
            for code, rule in registry.items()
        ]
    return found


POSTCODES = ("HOME_POST", "PL_POST")
DERIVED = ("PL_LA", "PL_LOCATION", "PL_DISTANCE")
REFERENCE: dict[str, Any] = {}  # the first return read in this process: dfs and datastore


def _store(job: dict[str, Any]) -> dict[str, Any]:
    """The validator's datastore of a job's files.

    Working out distances from postcodes takes the validator most of a minute a return; a
    planted copy changes one table, so episodes whose postcodes did not change take the
    fields derived from them (placement authority, location, distance) from the first
    return read in this process instead of working them out again.
    """
    from lac_validator import datastore
    from lac_validator.ingress import read_from_text

    files = [
        {"name": p.name, "description": label, "file_content": p.read_bytes()}
        for folder, label in ((job["path"], "This year"), (job["last"], "Prev year"))
        for p in sorted(Path(folder).glob("*.csv"))
    ]
    dfs, extras = read_from_text(raw_files=files)
    metadata = {"collectionYear": str(YEAR), "localAuthority": job["la"], **extras}
    if not REFERENCE:
        REFERENCE.update(dfs=dfs, store=datastore.create_datastore(dfs, metadata))
    store = {"metadata": datastore._process_metadata(metadata)}  # noqa: SLF001
    for name, df in dfs.items():
        known, stored = REFERENCE["dfs"].get(name), REFERENCE["store"].get(name)
        if known is not None and df.equals(known):
            store[name] = stored.copy()
        elif (
            name.startswith("Episodes")
            and known is not None
            and df.index.equals(known.index)
            and df[list(POSTCODES)].equals(known[list(POSTCODES)])
        ):
            store[name] = df.assign(**{c: stored[c] for c in DERIVED})
        elif name.startswith("Episodes"):
            store[name] = datastore._add_postcode_derived_fields(df, job["la"])  # noqa: SLF001
        else:
            store[name] = df.copy()
    return store


def _run_903(job: dict[str, Any], registry: dict[str, Any]) -> dict[str, int]:
    from lac_validator.datastore import copy_datastore

    store = _store(job)
    counts = {}
    for code in job["rules"]:
        try:
            found = registry[code].func(copy_datastore({k: _copy(v) for k, v in store.items()}))
            counts[code] = sum(len(rows) for rows in found.values())
        except Exception:  # noqa: BLE001 (a rule that crashes is reported, not fatal)
            counts[code] = -1
    return counts


def _copy(value: Any) -> Any:
    # Rules write into the tables they are given (rule 365 closes open episodes): each rule
    # gets its own copy, as if run alone.
    return value.copy() if hasattr(value, "copy") else value


def _run_cin(job: dict[str, Any], registry: dict[str, Any]) -> dict[str, int]:
    import xml.etree.ElementTree as ET

    from cin_validator import cin_validator
    from dfe_runner import convert_cin  # beside this file, in .venv-dfe too

    data = cin_validator.process_data(convert_cin(ET.parse(job["path"]).getroot()))  # noqa: S314
    validator = cin_validator.CinValidator(data, registry, selected_rules=job["rules"])
    codes = list(validator.full_issue_df["rule_code"].astype(str)) + list(
        validator.multichild_issues["rule_code"].astype(str)
    )
    return {code: codes.count(code) for code in job["rules"]}


def run(jobs_file: str) -> dict[str, int]:
    """Each job's count of each rule it asks for ("digest:rule"), all in this one process."""
    logging.disable(logging.CRITICAL)
    import warnings

    warnings.filterwarnings("ignore")
    registries = _registries()
    results: dict[str, int] = {}
    for job in json.loads(Path(jobs_file).read_text()):
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            runner = _run_903 if job["kind"] == "903" else _run_cin
            try:
                counts = runner(job, registries[job["kind"]])
            except Exception:  # noqa: BLE001 (one broken copy must not stop the rest)
                counts = {rule: -1 for rule in job["rules"]}
        results.update({f"{job['digest']}:{rule}": n for rule, n in counts.items()})
        print(
            f"{job['id']}: {counts} {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
            flush=True,
        )
    return results


# --- in Assure's environment ----------------------------------------------------------------


def _dfe(*args: str) -> Any:
    done = subprocess.run(  # noqa: S603 (our own script, our own files)
        [str(DFE_PYTHON), __file__, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _assure(clean_dir: Path, work: Path, la: str) -> tuple[dict[str, list[str]], dict, float]:
    """For each mutation: Assure's rules that flag it, and the DfE jobs to run on it."""
    from analytics.validation import planting

    files = planting.clean(clean_dir, YEAR)
    started = time.perf_counter()
    baseline = {
        "903": planting.counts(planting.write(files, work / "clean", "903"), la, YEAR),
        "cin": planting.counts(planting.write(files, work / "clean", "cin"), la, YEAR),
    }
    flags: dict[str, list[str]] = {}
    jobs: dict[str, dict[str, Any]] = {}
    for mutation in planting.MUTATIONS:
        try:
            paths = planting.plant(mutation, files, work / mutation.rule)
        except (LookupError, IndexError, KeyError) as error:
            flags[mutation.rule] = [f"(not planted: {error})"]
            continue
        flags[mutation.rule] = planting.flagged(
            baseline[mutation.dataset], planting.counts(paths, la, YEAR)
        )
        jobs[mutation.rule] = _job(mutation.rule, mutation.dataset, paths)
    return flags, jobs, time.perf_counter() - started


def _job(rule: str, kind: str, paths: list[Path]) -> dict[str, Any]:
    if kind == "cin":
        return {"id": rule, "kind": kind, "path": str(paths[0]), "rules": [rule]}
    return {"id": rule, "kind": kind, "path": str(paths[1]), "last": str(paths[0]), "rules": [rule]}


def _digest(job: dict[str, Any]) -> str:
    """The content of a job's files: a planted copy that did not change is not run again."""
    digest = hashlib.sha256()
    for folder in (job["path"], job.get("last", "")):
        if folder:
            paths = sorted(Path(folder).glob("*.csv")) if Path(folder).is_dir() else [Path(folder)]
            for path in paths:
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _dfe_flags(jobs: dict[str, dict[str, Any]], work: Path, la_gss: str) -> tuple[dict, float]:
    """For each mutation, whether the Department's rule counts more than on the clean files.

    Counts are kept in var/rule-parity-dfe.json by the content of the files and the rule, so
    a second run only asks the validators about the breaches that changed.
    """
    started = time.perf_counter()
    cache = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    by_kind: dict[str, list[str]] = {"903": [], "cin": []}
    for job in jobs.values():
        by_kind[job["kind"]].append(job["rules"][0])
    every = [{**job, "la": la_gss} for job in jobs.values()] + [
        {**_job(f"clean-{kind}", kind, _clean_paths(work, kind)), "rules": rules, "la": la_gss}
        for kind, rules in by_kind.items()
        if rules
    ]
    todo = []
    for job in every:
        job["digest"] = _digest(job)
        missing = [r for r in job["rules"] if f"{job['digest']}:{r}" not in cache]
        if missing:
            todo.append({**job, "rules": missing})
    todo.sort(key=lambda job: job["kind"])
    procs = []
    for n, chunk in enumerate((todo[0::2], todo[1::2])):  # two processes: two cores
        path = work / f"jobs-{n}.json"
        path.write_text(json.dumps(chunk))
        procs.append(
            subprocess.Popen(  # noqa: S603 (our own script, our own files)
                [str(DFE_PYTHON), __file__, "--run", str(path)],
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
        )
    for proc in procs:
        out, _ = proc.communicate()
        cache.update(json.loads(out.strip().splitlines()[-1]))
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(cache, indent=0, sort_keys=True))
    clean = {job["id"]: job["digest"] for job in every if job["id"].startswith("clean-")}
    flags = {}
    for rule, job in jobs.items():
        base = cache.get(f"{clean['clean-' + job['kind']]}:{rule}", 0)
        found = cache.get(f"{_digest(job)}:{rule}")
        flags[rule] = None if found is None or found < 0 else found > max(base, 0)
    return flags, time.perf_counter() - started


def _clean_paths(work: Path, kind: str) -> list[Path]:
    if kind == "cin":
        return [work / "clean" / "cin_census.xml"]
    return [work / "clean" / "last", work / "clean" / "this"]


def _declared() -> dict[str, list[str]]:
    """Assure's rules by the Department's rule each says it answers."""
    from analytics.validation.consistency import RULES

    found: dict[str, list[str]] = {}
    for rule in RULES:
        for code in rule.dfe:
            found.setdefault(code, []).append(rule.code)
    return found


def _status(kind: str, rule: dict[str, Any], flags, dfe, declared) -> tuple[str, str]:
    """(who flags the planted breach, Assure's answer) for one rule."""
    from analytics.validation import parity, planting

    code = rule["code"]
    if code in flags:
        by_dfe = {True: "flags it", False: "does not flag it", None: "not run"}[dfe.get(code)]
        assure = ", ".join(f"`{r}`" for r in flags[code]) or "**not flagged**"
        breach = next(m.breach for m in planting.MUTATIONS if m.rule == code)
        fault = f" ({parity.FAULTS[code]})" if code in parity.FAULTS else ""
        return f"planted: {breach}; DfE {by_dfe}{fault}", assure
    reason = parity.why_not_checked(kind, rule)
    if reason:
        return reason, "—"
    if code in declared:
        return "no planted breach yet", "checked: " + ", ".join(f"`{r}`" for r in declared[code])
    return "no planted breach yet", "not checked yet"


def _kind_of(where: str, assure: str) -> str:
    """The line of the summary a rule's row counts in."""
    if where.startswith("planted"):
        return (
            "planted breach not flagged by DfE"
            if "does not flag" in where
            else (
                "planted breach, Assure misses it"
                if "not flagged" in assure
                else "planted breach flagged by Assure"
            )
        )
    if assure.startswith("checked"):
        return "checked by Assure, no planted breach yet"
    for start, label in (
        ("validator", "fault of the validator"),
        ("not applicable", "not applicable"),
        ("a query", "CIN query, not checked"),
    ):
        if where.startswith(start):
            return label
    return "not checked yet"


def write_table(rules, flags, dfe, seconds: dict[str, float], returns: str) -> dict[str, int]:
    """docs/formats/rule-parity.md from the validators' rules and what was measured."""
    declared = _declared()
    caught = [c for c in flags if flags[c] and not flags[c][0].startswith("(")]
    by_dfe = [c for c in flags if dfe.get(c)]
    both = [c for c in by_dfe if c in caught]
    sections: list[str] = []
    tally: Counter[tuple[str, str]] = Counter()
    for kind, title in (
        ("903", "SSDA903 (csc-validator-be-903)"),
        ("cin", "CIN census (csc-validator-be-cin)"),
    ):
        sections += [
            f"## {title}",
            "",
            "| rule | description | planted breach / why not | Assure |",
            "|---|---|---|---|",
        ]
        for rule in sorted(rules[kind], key=lambda r: _order(r["code"])):
            where, assure = _status(kind, rule, flags, dfe, declared)
            tally[(kind, _kind_of(where, assure))] += 1
            text = rule["message"].replace("|", "/")
            sections.append(f"| {rule['code']} | {text} | {where} | {assure} |")
        sections.append("")
    labels = sorted({label for _, label in tally})
    lines = [
        "# Rule parity with the Department's validators",
        "",
        "Generated by `benchmarks/rule_parity.py` (do not edit by hand): every rule of",
        f"csc-validator-be-903 and csc-validator-be-cin for {YEAR - 1}-{str(YEAR)[2:]} "
        f"(collection year {YEAR}). Each breach planted by `analytics/validation/parity_903.py`",
        "and `parity_cin.py` is one small change to clean generated returns",
        f"({returns}, 2024 and 2025); the Department's rule is run alone on the copy",
        "(against its count on the clean files), and Assure's validation names the rules that",
        "find a problem the clean files do not have.",
        "",
        f"- **Planted breaches: {len(flags)}; flagged by the Department's validators: "
        f"{len(by_dfe)}; of those, flagged by Assure too: {len(both)} "
        f"({100 * len(both) / max(len(by_dfe), 1):.0f}%).** Flagged by Assure in all: "
        f"{len(caught)}.",
        f"- Time: Assure {seconds['assure']:.0f} s for all copies; the Department's validators "
        f"{seconds['dfe']:.0f} s for the copies not already counted (each planted rule alone,",
        "  two processes; counts are kept by file content in var/rule-parity-dfe.json). A copy",
        "  counted afresh takes 0.2-0.7 s for an SSDA903 return and about ten seconds for a CIN",
        "  census on a loaded 2-core machine (the CIN validator's reading of the census, fed 200",
        "  children at a time by benchmarks/dfe_runner.py; whole, one to four minutes).",
        "- Faults of the validators and rules that do not apply are explained in",
        "  `docs/formats/ssda903.md` and `docs/formats/cin-census.md`.",
        "",
        "| rules | SSDA903 | CIN census |",
        "|---|---|---|",
        *(f"| {label} | {tally[('903', label)]} | {tally[('cin', label)]} |" for label in labels),
        f"| all | {len(rules['903'])} | {len(rules['cin'])} |",
        "",
        *sections,
    ]
    TABLE.write_text("\n".join(lines))
    return {"planted": len(flags), "dfe": len(by_dfe), "both": len(both)}


def _order(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits and code[0].isdigit() else 10**6, code)


def main() -> int:
    parser = argparse.ArgumentParser()
    from analytics.synthetic.calibration import authority
    from analytics.synthetic.generator import generate_authority
    from analytics.validation import planting

    parser.add_argument("--la", default=planting.LA)
    parser.add_argument("--seed", type=int, default=planting.SEED)
    parser.add_argument("--no-dfe", action="store_true", help="leave the DfE columns unmeasured")
    args = parser.parse_args()

    if not DFE_PYTHON.exists():
        print(
            "The DfE validators are not installed: run bash scripts/dfe-validators", file=sys.stderr
        )
        return 2
    found = authority(args.la)
    rules = _dfe("--describe")
    with tempfile.TemporaryDirectory() as out:
        generate_authority(found.code, Path(out) / "returns", 2, args.seed, YEAR)
        work = Path(out) / "copies"
        flags, jobs, assure_seconds = _assure(Path(out) / "returns" / found.code, work, found.code)
        dfe, dfe_seconds = ({}, 0.0) if args.no_dfe else _dfe_flags(jobs, work, found.gss)
    returns = f"{found.name}, {found.code}, seed {args.seed}"
    seconds = {"assure": assure_seconds, "dfe": dfe_seconds}
    totals = write_table(rules, flags, dfe, seconds, returns)
    print(
        f"{totals['planted']} breaches planted; the DfE validators flag {totals['dfe']}, "
        f"Assure {totals['both']} of those; Assure {assure_seconds:.1f} s, "
        f"DfE {dfe_seconds:.1f} s; wrote {TABLE.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--describe"]:
        print(json.dumps(describe()))
    elif sys.argv[1:2] == ["--run"]:
        print(json.dumps(run(sys.argv[2])))
    else:
        sys.exit(main())
