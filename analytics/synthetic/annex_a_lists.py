"""The rows of each Annex A list, from the simulated world on an inspection date (see
`annex_a` for what each list holds and what the world cannot fill).

Every function returns rows as {heading: value}, with dates as `datetime.date`, blanks as
None, and the categories written as the specification's own codes ('a) Male', 'b) No'), so
the Annex A reader takes them without a warning.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np

from analytics.synthetic.calibration import authorities
from analytics.synthetic.frame import age_on

ID, FAMILY = "Child Unique ID", "Family identifier"
SEX = {"M": "a) Male", "F": "b) Female"}
ETHNIC_GROUPS = {
    "W": "a) White",
    "M": "b) Mixed",
    "A": "c) Asian or Asian British",
    "B": "d) Black or black British",
    "C": "c) Asian or Asian British",  # Chinese, grouped with Asian since the 2021 census
    "O": "e) Other ethnic group",
}
SOURCES = {"1": "a) Individual", "2A": "b) Schools", "2B": "c) Education Services"}
SOURCES |= {"3": "d) Health Services", "4": "e) Housing", "5": "f) LA Services"}
SOURCES |= {"6": "g) Police", "7": "h) Other legal agency"}
NEEDS = dict(
    zip(
        ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N0"],
        [
            "a) Abuse or neglect",
            "b) Child's disability",
            "c) Parents illness or disability",
            "d) Family in acute stress",
            "e) Family dysfunction",
            "f) Socially unacceptable behaviour",
            "g) Low income",
            "h) Absent parenting",
            "i) Not CIN",
            "j) Not stated",
        ],
        strict=True,
    )
)
CLOSURES = {
    "RC1": "a) Adopted",
    "RC2": "b) Died",
    "RC3": "c) Residence Order",
    "RC4": "d) Special Guardianship Order",
    "RC5": "e) Transfer to another LA",
    "RC6": "f) Transfer to Adult Social Services",
    "RC7": "g) 'Other' incl. Child no longer in need",
    "RC8": "h) Child not in need after assessment",
    "RC9": "h) Child not in need after assessment",
}
ABUSE = {
    "NEG": "a) Neglect",
    "PHY": "b) Physical Abuse",
    "SAB": "c) Sexual Abuse",
    "EMO": "d) Emotional Abuse",
    "MUL": "e) Multiple",
}
LEGAL = {"C1": "a) Interim care orders", "C2": "b) Full care orders"}
LEGAL |= {"D1": "c) Freed for  Adoption", "E1": "d) Placement order granted"}
LEGAL |= {code: "e) Accommodated under S20" for code in ("V2", "V3", "V4")}
LEGAL |= {
    code: "f) Detained on child protection grounds in LA accommodation"
    for code in ("L1", "L2", "L3")
}
LEGAL |= {"J1": "J1: Remanded to LA or youth detention", "J2": "J2: LA accommodation under PACE"}
LEGAL |= {"J3": "g) Youth justice legal Statuses"}
PLACEMENTS = {"A": "b) Placed for adoption", "U": "a) Foster Placement"}
PLACEMENTS |= {"P1": "c) Placed with parents", "P2": "d) Independent living"}
PLACEMENTS |= {"H5": "d) Independent living", "P3": "e) Residential employment"}
PLACEMENTS |= {"K1": "g) Secure Children’s Homes", "K2": "h) Children’s Homes"}
PLACEMENTS |= {"R1": "i) Residential Care Home", "R2": "j) NHS/Health Trust"}
PLACEMENTS |= {"R3": "k) Family Centre or Mother and Baby Unit"}
PROVIDERS = {"PR1": "a) Own LA", "PR4": "b) Private"}
CEASED = {
    "E11": "a) Adopted",
    "E12": "a) Adopted",
    "E2": "b) Died",
    "E3": "c) Care taken by another LA",
    "E4A": "d) Returned home to live with parents or relatives",
    "E4B": "d) Returned home to live with parents or relatives",
    "E13": "e) Left care to live with parents, relatives or other person with no parental "
    "responsibility",
    "E41": "f) Residence order granted",
    "E43": "g) Special Guardianship Orders",
    "E44": "g) Special Guardianship Orders",
    "E45": "g) Special Guardianship Orders",
    "E46": "g) Special Guardianship Orders",
    "E47": "g) Special Guardianship Orders",
    "E48": "g) Special Guardianship Orders",
    "E5": "h) Moved into independent living",
    "E6": "i) Transferred to residential care funded by adult social services",
    "E7": "j) Sentenced to custody",
    "E14": "k) Accommodation on remand ended",
}
NEW_PLACEMENT = frozenset({"S", "P", "B", "T", "U"})
CIN_TEAMS = ["Safeguarding North", "Safeguarding South"]


def yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def disabled(code: str) -> str:
    return "b) No" if code in ("", "NONE") else "a) Yes"


class View:
    """The world as it stood on the inspection date `as_at`, over the `months` before it."""

    def __init__(self, world, as_at: dt.date, months: int) -> None:
        self.world, self.kids = world, world.children
        self.as_at = np.datetime64(as_at, "D")
        first = np.datetime64(as_at, "M") - np.timedelta64(months - 1, "M")
        self.start = first.astype("datetime64[D]")
        self.year_ago = self.as_at - np.timedelta64(365, "D")
        self.rng = np.random.default_rng([world.seed, int(world.authority.code), 7])
        self.gss_names = {a.gss: a.name for a in authorities().values()}
        self.ages = age_on(self.kids["dob"], self.as_at)

    def day(self, value) -> dt.date | None:
        """A date of the world, or None if it has not happened by the inspection date."""
        if np.isnat(value) or value > self.as_at:
            return None
        return value.astype("datetime64[D]").astype(dt.date)

    def child(self, c: int, disability: bool = True) -> dict:
        kids = self.kids
        dob = kids["dob"][c]
        row = {
            ID: str(kids["child"][c]),
            "Gender": SEX.get(str(kids["sex"][c]), "c) Not stated/recorded"),
            "Ethnicity": ETHNIC_GROUPS.get(str(kids["ethnicity"][c])[:1], "f) Not stated"),
            "Date of Birth": self.day(dob),
            "Age of Child (Years)": int(self.ages[c]),
        }
        if disability:
            row["Does the Child have a Disability"] = disabled(str(kids["disability"][c]))
        return row

    def worker(self, prefix: str = "SW") -> str:
        return f"{prefix}{int(self.rng.integers(0, 400)):05d}"

    def during(self, begins: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Rows begun by the inspection date and not ended before the months it looks at."""
        ended_before = ~np.isnat(ends) & (ends < self.start)
        return ~np.isnat(begins) & (begins <= self.as_at) & ~ended_before

    def within(self, dates: np.ndarray) -> np.ndarray:
        return ~np.isnat(dates) & (dates >= self.start) & (dates <= self.as_at)


def source(code: str) -> str:
    return SOURCES.get(code) or SOURCES.get(code[:1]) or "i) Other"


def _counts(child: np.ndarray, when: np.ndarray) -> dict[int, list]:
    found: dict[int, list] = defaultdict(list)
    for c, w in zip(child, when, strict=True):
        if not np.isnat(w):
            found[int(c)].append(w)
    return found


def _in_year_before(dates: list, day) -> int:
    return sum(1 for d in dates if day - np.timedelta64(365, "D") < d <= day)


def contacts(view: View) -> list[dict]:
    cin = view.world.cin
    return [
        view.child(int(cin["child"][i]), disability=False)
        | {"Date of Contact": view.day(cin["ref"][i]), "Contact Source": source(cin["source"][i])}
        for i in np.flatnonzero(view.within(cin["ref"]))
    ]


def referrals(view: View) -> list[dict]:
    cin = view.world.cin
    by_child = _counts(cin["child"], cin["ref"])
    return [
        view.child(int(cin["child"][i]), disability=False)
        | {
            "Date of referral": view.day(cin["ref"][i]),
            "Referral Source": source(cin["source"][i]),
            "Referral NFA?": yes(bool(cin["nfa"][i])),
            "Number of Referrals in Last 12 Months": _in_year_before(
                by_child[int(cin["child"][i])], cin["ref"][i]
            ),
            "Allocated Team": "Assessment",
            "Allocated Worker": view.worker(),
        }
        for i in np.flatnonzero(view.within(cin["ref"]))
    ]


def assessments(view: View) -> list[dict]:
    cin = view.world.cin
    rows = []
    for i in np.flatnonzero(view.during(cin["a_start"], cin["a_end"])):
        done = view.day(cin["a_end"][i])
        rows.append(
            view.child(int(cin["child"][i]))
            | {
                "Continuous Assessment Start Date": view.day(cin["a_start"][i]),
                "Child Seen During Continuous Assessment": "Yes",
                "Continuous Assessment Date of Authorisation": done,
                "Was the child assessed as requiring LA children's social care support?": (
                    yes(not cin["not_in_need"][i]) if done else None
                ),
                "Allocated Team": "Assessment",
                "Allocated Worker": view.worker(),
            }
        )
    return rows


def enquiries(view: View) -> list[dict]:
    cin = view.world.cin
    s47s, icpcs = _counts(cin["child"], cin["s47"]), _counts(cin["child"], cin["icpc"])
    rows = []
    for i in np.flatnonzero(view.within(cin["s47"])):
        c, started = int(cin["child"][i]), cin["s47"][i]
        icpc, plan = view.day(cin["icpc"][i]), view.day(cin["cpp_start"][i])
        pending = not np.isnat(cin["icpc"][i]) and icpc is None  # a conference yet to come
        rows.append(
            view.child(c)
            | {
                "Strategy discussion initiating Section 47 Enquiry Start Date": view.day(started),
                "Was an Initial Child Protection Conference deemed unnecessary?": (
                    None if pending else yes(icpc is None)
                ),
                "Date of Initial Child Protection Conference": icpc,
                "Did the Initial Child Protection Conference Result in a Child Protection Plan": (
                    yes(plan is not None) if icpc else None
                ),
                "Number of Section 47 Enquiries in the last 12 months": _in_year_before(
                    s47s[c], started
                ),
                "Number of ICPCs in the last 12 months": _in_year_before(icpcs[c], view.as_at),
                "Allocated Team": CIN_TEAMS[c % 2],
                "Allocated Worker": view.worker(),
            }
        )
    return rows


def _case_status(view: View, i: int, closed: dt.date | None) -> str:
    cin = view.world.cin
    if closed is not None:
        return "e) Closed episode"
    if view.day(cin["care_start"][i]) and view.day(cin["care_end"][i]) is None:
        return "a) Looked after child"
    if view.day(cin["cpp_start"][i]) and view.day(cin["cpp_end"][i]) is None:
        return "b) Child Protection plan"
    if view.day(cin["a_start"][i]) and view.day(cin["a_end"][i]) is None:
        return "d) Open assessment"
    return "c) Child in need plan"


def children_in_need(view: View) -> list[dict]:
    cin = view.world.cin
    # A few simulated plans end after their episode closes: the child is in need until then.
    close = np.where(cin["cpp_end"] > cin["close"], cin["cpp_end"], cin["close"])
    rows = []
    for i in np.flatnonzero(view.during(cin["ref"], close) & ~cin["nfa"]):
        closed = view.day(close[i])
        rows.append(
            view.child(int(cin["child"][i]))
            | {
                "CIN Start Date": view.day(cin["ref"][i]),
                "Primary Need Code": NEEDS.get(str(cin["need"][i]), "j) Not stated"),
                "CIN Closure Date": closed,
                "Reason for Closure": CLOSURES.get(str(cin["reason"][i])) if closed else None,
                "Case Status": _case_status(view, int(i), closed),
                "Allocated Team": CIN_TEAMS[int(cin["child"][i]) % 2],
                "Allocated Worker": view.worker(),
            }
        )
    return rows


def protection_plans(view: View) -> list[dict]:
    cin, reviews = view.world.cin, view.world.cpp_reviews
    latest: dict[int, np.datetime64] = {}
    for row, day in zip(reviews["row"], reviews["date"], strict=True):
        if day <= view.as_at:
            latest[int(row)] = max(day, latest.get(int(row), day))
    rows = []
    for i in np.flatnonzero(view.during(cin["cpp_start"], cin["cpp_end"])):
        category = ABUSE.get(str(cin["abuse"][i]), "a) Neglect")
        review = latest.get(int(i))
        rows.append(
            view.child(int(cin["child"][i]))
            | {
                "Child Protection Plan Start Date": view.day(cin["cpp_start"][i]),
                "Initial Category of Abuse": category,
                "Latest Category of Abuse": category,
                "Date of latest review conference": None if review is None else view.day(review),
                "Child Protection Plan End Date": view.day(cin["cpp_end"][i]),
                "Subject to Emergency Protection Order or Protected Under Police Powers in Last "
                "Six Months (Y/N)": "No",
                "Number of Previous Child Protection Plans": int(cin["previous_cpp"][i]),
                "Allocated Team": CIN_TEAMS[int(cin["child"][i]) % 2],
                "Allocated Worker": view.worker(),
            }
        )
    return rows
