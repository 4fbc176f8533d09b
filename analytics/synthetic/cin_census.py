"""Writing a synthetic authority's children in need census for one collection year, as XML
valid against the Department's schema of that year.

A census holds every CIN episode open at any time in the year, and within it the modules the
Department's rules expect: assessments completed in the year (or still open), section 47
enquiries started in the year or whose conference was, child in need plans and child
protection plans open in the year with their reviews. Dates after 31 March are not known
yet, so they are left out (an open plan, an episode not closed).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from analytics.synthetic import codes
from analytics.synthetic.frame import NAT, Frame, age_on, collection_year, days

FACTORS = [
    "3A",
    "3B",
    "4B",
    "2B",
    "1B",
    "16A",
    "17A",
    "18B",
    "18C",
    "19B",
    "19C",
    "4A",
    "14A",
    "6B",
    "5B",
    "11A",
    "24A",
    "10A",
    "13A",
    "8F",
    "15A",
    "1A",
    "2A",
    "22A",
    "23A",
]
CIN_PLANS_FROM = 2022  # the XSDs before 2022 have no CINPlanDates element
SEX_FROM = 2025  # "Sex" M/F/U replaced "GenderCurrent" 1/2/0/9


def write(world, year: int, path: Path) -> int:
    """Write the census of `year` to `path`; the number of children in it."""
    start, end = collection_year(year)
    cin = world.cin
    close = np.where(np.isnat(cin["close"]), np.datetime64("2200-01-01"), cin["close"])
    rows = np.flatnonzero((cin["ref"] <= end) & (close >= start))
    path.parent.mkdir(parents=True, exist_ok=True)
    reviews = _reviews_by_row(world.cpp_reviews, start, end)
    with path.open("w", encoding="utf-8") as out:
        out.write(_header(world, year))
        children = cin["child"][rows]
        boundaries = np.flatnonzero(np.diff(children)) + 1
        for group in np.split(rows, boundaries) if len(rows) else []:
            out.write(_child(world, year, group, start, end, reviews))
        out.write("</Children>\n</Message>\n")
    return len(np.unique(cin["child"][rows]))


def _header(world, year: int) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<Message>\n<Header>\n<CollectionDetails>'
        f"<Collection>CIN</Collection><Year>{year}</Year><ReferenceDate>{collection_year(year)[1]}</ReferenceDate>"
        "</CollectionDetails>\n<Source><SourceLevel>L</SourceLevel>"
        f"<LEA>{world.authority.code}</LEA><SoftwareCode>Assure synthetic</SoftwareCode>"
        f"<Release>1</Release><SerialNo>001</SerialNo><DateTime>{year}-05-01T09:00:00</DateTime>"
        "</Source>\n</Header>\n<Children>\n"
    )


def _reviews_by_row(reviews: Frame, start, end) -> dict[int, list]:
    found: dict[int, list] = {}
    keep = (reviews["date"] >= start) & (reviews["date"] <= end)
    for row, date in zip(reviews["row"][keep], reviews["date"][keep], strict=True):
        found.setdefault(int(row), []).append(date)
    return found


def _d(date) -> str:
    return str(np.datetime64(date, "D"))


def _child(world, year: int, rows: np.ndarray, start, end, reviews) -> str:
    kids, c = world.children, int(world.cin["child"][rows[0]])
    parts = ["<Child><ChildIdentifiers>", f"<LAchildID>{kids['child'][c]}</LAchildID>"]
    august = np.datetime64(f"{year - 2}-08-31")
    if kids["uasc"][c]:
        parts.append("<UPNunknown>UN2</UPNunknown>")
    elif age_on(kids["dob"][c : c + 1], august)[0] < 4:
        parts.append("<UPNunknown>UN1</UPNunknown>")
    else:
        parts.append(f"<UPN>{kids['upn'][c]}</UPN>")
    parts.append(f"<PersonBirthDate>{_d(kids['dob'][c])}</PersonBirthDate>")
    sex = kids["sex"][c]
    if year >= SEX_FROM:
        parts.append(f"<Sex>{sex}</Sex>")
    else:
        parts.append(f"<GenderCurrent>{'1' if sex == 'M' else '2'}</GenderCurrent>")
    parts.append("</ChildIdentifiers><ChildCharacteristics>")
    parts.append(f"<Ethnicity>{kids['ethnicity'][c]}</Ethnicity><Disabilities>")
    parts.extend(f"<Disability>{d}</Disability>" for d in str(kids["disability"][c]).split())
    parts.append("</Disabilities></ChildCharacteristics>")
    parts.extend(
        _episode(world.cin, int(r), year, start, end, reviews.get(int(r), [])) for r in rows
    )
    parts.append("</Child>\n")
    return "".join(parts)


def _episode(cin: Frame, r: int, year: int, start, end, reviews: list) -> str:
    nfa = bool(cin["nfa"][r])
    parts = [
        f"<CINdetails><CINreferralDate>{_d(cin['ref'][r])}</CINreferralDate>",
        f"<ReferralSource>{codes.cin('ReferralSource', cin['source'][r], year)}</ReferralSource>",
    ]
    if not nfa:
        parts.append(f"<PrimaryNeedCode>{cin['need'][r]}</PrimaryNeedCode>")
    close = cin["close"][r]
    if not np.isnat(close) and close <= end:
        reason = codes.cin("ReasonForClosure", cin["reason"][r], year)
        parts.append(
            f"<CINclosureDate>{_d(close)}</CINclosureDate><ReasonForClosure>{reason}</ReasonForClosure>"
        )
    parts.append(_assessment(cin, r, start, end, year))
    if year >= CIN_PLANS_FROM:
        parts.extend(_plan(s, e, start, end) for s, e in _cin_plans(cin, r))
    parts.append(_section47(cin, r, start, end))
    parts.append(f"<ReferralNFA>{1 if nfa else 0}</ReferralNFA>")
    parts.append(_protection(cin, r, start, end, reviews))
    parts.append("</CINdetails>")
    return "".join(parts)


def _assessment(cin: Frame, r: int, start, end, year: int) -> str:
    a_start, a_end = cin["a_start"][r], cin["a_end"][r]
    if np.isnat(a_start) or a_start > end or a_end < start:
        return ""
    text = f"<Assessments><AssessmentActualStartDate>{_d(a_start)}</AssessmentActualStartDate>"
    if a_end <= end:
        text += f"<AssessmentAuthorisationDate>{_d(a_end)}</AssessmentAuthorisationDate>"
        text += (
            "<FactorsIdentifiedAtAssessment>"
            + "".join(
                f"<AssessmentFactors>{f}</AssessmentFactors>"
                for f in _factors(int(cin["factors"][r]), year)
            )
            + "</FactorsIdentifiedAtAssessment>"
        )
    return text + "</Assessments>"


def _factors(bits: int, year: int) -> list[str]:
    count = 1 + bits % 3
    chosen = []
    for k in range(count):
        code = codes.cin("AssessmentFactors", FACTORS[(bits >> (3 + 5 * k)) % len(FACTORS)], year)
        if code not in chosen:
            chosen.append(code)
    return chosen


def _cin_plans(cin: Frame, r: int) -> list[tuple]:
    """Child in need plans: from assessment to a plan or care, and after a plan ends."""
    if cin["nfa"][r] or cin["not_in_need"][r]:
        return []
    close = cin["close"][r]
    stops = [d for d in (cin["cpp_start"][r], cin["care_start"][r]) if not np.isnat(d)]
    first_end = min(stops) - days(1) if stops else close
    plans = []
    if first_end - cin["a_end"][r] >= np.timedelta64(1, "D"):
        plans.append((cin["a_end"][r], first_end))
    cpp_end = cin["cpp_end"][r]
    if not np.isnat(cpp_end) and not cin["care"][r] and close - cpp_end > np.timedelta64(2, "D"):
        plans.append((cpp_end + days(1), close))
    return plans


def _plan(s, e, start, end) -> str:
    if s > end or (not np.isnat(e) and e < start):
        return ""
    text = f"<CINPlanDates><CINPlanStartDate>{_d(s)}</CINPlanStartDate>"
    if not np.isnat(e) and e <= end:
        text += f"<CINPlanEndDate>{_d(e)}</CINPlanEndDate>"
    return text + "</CINPlanDates>"


def _section47(cin: Frame, r: int, start, end) -> str:
    s, icpc = cin["s47"][r], cin["icpc"][r]
    if np.isnat(s) or s > end:
        return ""
    held = not np.isnat(icpc) and start <= icpc <= end
    if s < start and not held:
        return ""
    text = f"<Section47><S47ActualStartDate>{_d(s)}</S47ActualStartDate>"
    text += f"<InitialCPCtarget>{_d(cin['icpc_target'][r])}</InitialCPCtarget>"
    if held:
        text += f"<DateOfInitialCPC>{_d(icpc)}</DateOfInitialCPC>"
    not_required = np.isnat(icpc)
    return text + f"<ICPCnotRequired>{1 if not_required else 0}</ICPCnotRequired></Section47>"


def _protection(cin: Frame, r: int, start, end, reviews: list) -> str:
    s, e = cin["cpp_start"][r], cin["cpp_end"][r]
    if np.isnat(s) or s > end or e < start:
        return ""
    abuse = cin["abuse"][r]
    text = f"<ChildProtectionPlans><CPPstartDate>{_d(s)}</CPPstartDate>"
    if e <= end:
        text += f"<CPPendDate>{_d(e)}</CPPendDate>"
    text += f"<InitialCategoryOfAbuse>{abuse}</InitialCategoryOfAbuse>"
    text += f"<LatestCategoryOfAbuse>{abuse}</LatestCategoryOfAbuse>"
    text += f"<NumberOfPreviousCPP>{int(cin['previous_cpp'][r])}</NumberOfPreviousCPP>"
    if reviews:
        text += (
            "<Reviews>"
            + "".join(f"<CPPreviewDate>{_d(d)}</CPPreviewDate>" for d in reviews)
            + "</Reviews>"
        )
    return text + "</ChildProtectionPlans>"


__all__ = ["write", "escape", "NAT"]
