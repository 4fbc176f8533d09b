"""Generated authorities of every size count, in their files, what the Department published.

A sample of authorities, one collection year each: Torbay (small unitary), Kent (the largest
county, with most of its starts unaccompanied asylum-seeking children), Camden (London),
Birmingham (the largest city) and Rutland (the smallest). Their SSDA903 files and CIN census
are written and counted as a reader would (`analytics/synthetic/measure.py`), and each stock
and flow must be within 10% of the published figure, or, for a figure under 400, within twice
its square root (chance alone moves a count that size more: 10% of 38 plans is under four;
`calibration.allowed`). The children looked after at 31 March by placement must be within
reason of the published shares (`calibration.allowed_share`, decision 0037); and so must
Hillingdon's of 2020, a quarter of whose children were unaccompanied, and Westminster's of
2023, with 30% in supported accommodation. Doncaster's plans started in 2022, more than its
initial conferences, must be within 10% too.
"""

from __future__ import annotations

import pytest

from analytics.synthetic import measure

SAMPLE = ["880", "886", "202", "330", "857"]


@pytest.fixture(scope="module", params=SAMPLE)
def measured(request) -> measure.Measured:
    return measure.authority_rows(request.param, years=1, seed=7, end_year=2025)


def test_counts_in_the_files_are_near_the_published_figures(measured):
    rows = measured.rows
    assert {r.measure for r in rows} == set(measure.MEASURES)
    misses = [
        f"{r.measure}: generated {r.generated}, published {r.published:.0f}"
        for r in rows
        if not r.near
    ]
    assert not misses, f"{rows[0].name} {rows[0].year}: " + "; ".join(misses)


def test_every_child_looked_after_at_31_march_is_in_each_shape(measured):
    at31 = next(r.generated for r in measured.rows if r.measure == "cla_at31")
    assert {s.kind for s in measured.shapes} == set(measure.SHAPES)
    for shape in measured.shapes:
        assert sum(shape.counts.values()) == at31, shape.kind


def test_placements_at_31_march_are_within_reason_of_the_published_shares(measured):
    placement = next(s for s in measured.shapes if s.kind == "placement")
    assert placement.published, "the Department published placement shares for 2025"
    far = [placement.describe(g) for g in placement.published if placement.miss(g) > 1]
    assert not far, f"{placement.name} {placement.year} (generated/published): " + ", ".join(far)


def test_an_authority_falling_fast_in_the_first_year_published_is_near_it_too():
    # Wolverhampton looked after 654 at 31 March 2016, the first year published by
    # authority, with 254 ceasing and only 132 starting that year: the years before are
    # walked back from those flows (776 a year before), not held at 2016's level.
    rows = measure.authority_rows("336", years=1, seed=7, end_year=2016).rows
    wanted = {"cla_at31", "cla_starts", "cla_ceased"}
    misses = [
        f"{r.measure}: generated {r.generated}, published {r.published:.0f}"
        for r in rows
        if r.measure in wanted and not r.near
    ]
    assert {r.measure for r in rows} >= wanted
    assert not misses, "Wolverhampton 2016: " + "; ".join(misses)


@pytest.mark.parametrize(("code", "year", "seed"), [("312", 2020, 7), ("213", 2023, 1)])
def test_an_authority_of_many_unaccompanied_children_has_them_in_supported_accommodation(
    code, year, seed
):
    # Hillingdon (Heathrow) looked after 338 at 31 March 2020, 91 of them unaccompanied, and
    # 28% lived independently or in supported accommodation. Its other children stay for
    # less than the routes give; the unaccompanied were shortened with them, too few were 16
    # or over, and the share generated was 21%. Westminster published 30% of 182 there in
    # 2023, and had too few of 16 or over even so (21%): more teenagers now come into care
    # where the published share needs them (`world.SIXTEEN`).
    placement = next(
        s
        for s in measure.authority_rows(code, years=1, seed=seed, end_year=year).shapes
        if s.kind == "placement"
    )
    assert placement.miss("independent") <= 1, placement.describe("independent")


def test_an_authority_publishing_more_plans_than_conferences_has_its_plans_started():
    # Doncaster published 437 plans started in 2021-22 from 307 initial conferences, which no
    # return can hold (the Department's rule 2883). With every conference leading to a plan
    # the generator stopped at 339; now more enquiries reach a conference.
    rows = measure.authority_rows("371", years=1, seed=1, end_year=2022).rows
    plans = next(r for r in rows if r.measure == "cpp_starts")
    assert plans.published == 437
    assert plans.within, f"generated {plans.generated}"


def test_the_city_of_london_is_within_10_percent_of_every_figure():
    # 57 referrals and five children looked after at 31 March 2025, all published but the
    # stocks of care and plans ("c": one to five). Its 69 children in need were 76 in the
    # round kept after 32 rounds: its rounds are quick, and it now runs up to 128.
    misses = [
        f"{r.measure}: generated {r.generated}, published {r.published:.0f}"
        for r in measure.authority_rows("201", years=1, seed=1, end_year=2025).rows
        if not r.within
    ]
    assert not misses, "City of London 2025: " + "; ".join(misses)


def test_a_row_outside_ten_percent_is_reported():
    row = measure.Row("886", "Kent", 2025, "cla_at31", 4568, 1896, False)
    assert not row.within and not row.near
    assert round(row.ratio, 1) == 2.4
    text = measure.summary(measure.Measured([row]))
    assert "cla_at31" in text and "886 2025 2.41" in text


def test_no_plan_generated_where_none_was_published_is_exact():
    none = measure.Row("201", "City of London", 2016, "cpp_at31", 0, 0, False)
    some = measure.Row("201", "City of London", 2016, "cpp_at31", 2, 0, False)
    assert none.within and none.near
    assert not some.within


def test_each_year_is_counted_apart_when_several_are_measured():
    rows = [
        measure.Row("880", "Torbay", 2016, "cla_at31", 150, 280, False),
        measure.Row("880", "Torbay", 2025, "cla_at31", 285, 282, False),
    ]
    lines = measure.summary(measure.Measured(rows)).splitlines()
    assert any(line.startswith("2016 ") and " 0 (0)/1" in line for line in lines)
    assert any(line.startswith("2025 ") and " 1 (1)/1" in line for line in lines)
    assert "2016 worst: 880 cla_at31 0.54" in lines
    assert "2025 worst: none outside 10%" in lines


def _placement(children: float) -> measure.Shape:
    counts = {"foster": 28, "independent": 8, "homes": 2, "adoption": 2}  # 70%, 20%, 5%, 5%
    published = {"foster": 0.80, "independent": 0.15, "homes": 0.05}  # adoption: not published
    return measure.Shape("857", "Rutland", 2025, "placement", counts, published, children)


def test_a_placement_share_ten_points_off_is_chance_among_forty_children_not_four_thousand():
    assert _placement(40).within
    many = _placement(4000)
    assert not many.within and many.worst == "foster"
    text = measure.summary(measure.Measured([], [many]))
    assert "placement" in text and "857 2025 foster 70%/80%" in text


def test_shapes_are_counted_from_the_episode_open_on_31_march(tmp_path):
    (tmp_path / "header.csv").write_text(
        "CHILD,DOB\nA,01/06/2024\nB,31/03/2009\nC,01/01/2010\nD,01/01/2012\nE,01/04/2009\n"
    )
    (tmp_path / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n"
        "A,01/07/2024,S,C1,U3,,\n"
        "B,01/01/2024,S,C2,U6,01/02/2025,X1\n"
        "B,01/02/2025,P,V2,K3,,\n"
        "C,01/03/2025,S,V3,U6,,\n"  # a short break: not looked after
        "D,01/01/2024,S,C2,K2,01/03/2025,E4A\n"  # ceased before 31 March
        "E,01/01/2025,S,J2,R5,,\n"
    )
    shapes = measure.ssda903_shapes(tmp_path, 2025)
    assert shapes["placement"] == {"foster": 1, "independent": 1, "residential": 1}
    assert shapes["legal status"] == {"care order": 1, "section 20": 1, "other": 1}
    assert shapes["age"] == {"under 1": 1, "16+": 1, "10-15": 1}  # E is 16 on 1 April
    assert measure.ssda903_counts(tmp_path, 2025)["cla_at31"] == 3
