"""Frameworks as data: the shipped Section 11 framework on the eight key arrangements and the
section 175/157 framework for schools, copied and edited for the next round; a framework sent
in a round is kept as sent."""

from __future__ import annotations

import pytest

from assure.assessments import frameworks
from assure.assessments.models import Framework
from assure.core.errors import DomainError

KEY_ARRANGEMENTS = [
    "Senior management commitment",
    "A clear statement of the organisation's responsibilities",
    "A clear line of accountability",
    "Service development",
    "Effective training",
    "Safer recruitment",
    "Effective inter-agency working",
    "Information sharing",
]


def test_the_shipped_section_11_framework_has_the_eight_key_arrangements(partnership):
    framework = frameworks.install_framework(None, partnership, Framework.Kind.SECTION_11)
    titles = [area.title for area in framework.areas.all()]
    assert len(titles) == 8
    assert all(t.startswith(k) for t, k in zip(titles, KEY_ARRANGEMENTS, strict=True))
    assert [lv.label for lv in framework.levels.all()] == [
        "Fully met",
        "Partly met",
        "Not met",
        "Not applicable",
    ]
    assert all(s.evidence_expected for s in framework.standards())


def test_the_section_175_framework_rates_on_a_four_level_rag(partnership):
    framework = frameworks.install_framework(None, partnership, Framework.Kind.SECTION_175)
    assert [(lv.label, lv.outcome) for lv in framework.levels.all()] == [
        ("Bright green", "met"),
        ("Green", "met"),
        ("Amber", "partly"),
        ("Red", "not_met"),
        ("Not applicable", "na"),
    ]


def test_a_framework_is_copied_and_the_copy_edited_while_the_sent_one_is_kept(framework, sent):
    standard = framework.standards().get(number="1.1")
    with pytest.raises(DomainError, match="kept as sent: copy it"):
        frameworks.save_standard(
            None, framework, standard, area=standard.area, number="1.1", title="Changed"
        )
    copy = frameworks.copy_framework(None, framework, "Tiny S11 next year")
    assert copy.copied_from == framework and copy.kind == framework.kind
    assert [s.number for s in copy.standards()] == ["1.1", "1.2", "2.1"]
    area = copy.areas.get(number="2")
    frameworks.save_standard(
        None, copy, None, area=area, number="2.2", title="Volunteers trained", guidance=""
    )
    with pytest.raises(DomainError, match="already has a standard 2.2"):
        frameworks.save_standard(None, copy, None, area=area, number="2.2", title="Again")
    assert [s.number for s in copy.standards()] == ["1.1", "1.2", "2.1", "2.2"]
    assert [s.number for s in framework.standards()] == ["1.1", "1.2", "2.1"]
    with pytest.raises(DomainError, match="already a framework called"):
        frameworks.copy_framework(None, framework, "tiny s11 next year")
