"""Averages leave N/A out of the numerator and the denominator; a moderated audit counts the
agreed grades; moderation shows where the two auditors differed."""

import datetime as dt
from decimal import Decimal as D

import pytest

from assure.audits import queries, scores, services
from assure.audits.models import Moderation
from assure.core.errors import DomainError
from tests.factories import PersonFactory

from .factories import AuditFactory, graded, level

pytestmark = pytest.mark.django_db


def audit_of(tool, auditor, grades):
    """An audit of a new case for May 2021, completed with the grades (1 to 4, 4 is N/A)."""
    return graded(AuditFactory(partnership=tool.partnership, tool=tool, auditor=auditor), grades)


def test_na_is_left_out_of_the_average_not_counted_as_four(small_tool):
    na = level(small_tool, 4)
    assert not na.counts
    assert scores.average([level(small_tool, 3), level(small_tool, 2), na]) == D("2.5")
    assert scores.average([na, na]) is None


def test_the_monthly_table_averages_each_domain_over_the_audits_that_graded_it(
    partnership, small_tool
):
    auditor = PersonFactory(partnership=partnership)
    audit_of(small_tool, auditor, [3, 2, 4])
    audit_of(small_tool, auditor, [2, 1, 4])
    audit_of(small_tool, auditor, [2, 2, 3])
    table = queries.score_table(small_tool, [dt.date(2021, 5, 1)])
    assert table.counts == [3]
    risk, voice, placement = (row.cells[0] for row in table.rows)
    assert risk.value == D("2.3333")
    assert voice.value == D("1.6667")
    # Only one audit graded placement; the two N/As are neither 4s nor zeros.
    assert (placement.value, placement.graded, placement.not_applicable) == (D(3), 1, 2)


def test_the_audit_page_prints_the_average_without_na(signed_in_as, home, people, small_tool):
    audit = audit_of(small_tool, people("auditor").person, [3, 2, 4])
    assert queries.audit_average(audit) == D("2.5")
    page = signed_in_as("auditor").get(f"{home}audits/case-audits/{audit.pk}/").content.decode()
    assert "2.5" in page and "N/A" in page


def test_moderation_shows_the_differences_and_the_agreed_grade_counts(
    signed_in_as, home, people, partnership, small_tool
):
    audit = audit_of(small_tool, people("auditor").person, [3, 2, 4])
    moderator = PersonFactory(partnership=partnership)
    moderation = services.assign_moderation(
        None, audit, moderator=moderator, month=dt.date(2021, 5, 1)
    )
    domains = list(small_tool.domains.all())
    services.save_moderation(
        None,
        moderation,
        grades={
            domains[0].pk: (level(small_tool, 2), level(small_tool, 2)),  # differs; agreed 2
            domains[1].pk: (level(small_tool, 2), level(small_tool, 2)),  # same
            domains[2].pk: (level(small_tool, 4), level(small_tool, 4)),  # same N/A
        },
        comment="Agreed risk was managed well.",
        moderated_on=dt.date(2021, 6, 3),
    )
    _, rows, summary = queries.audit_grid(audit)
    assert (summary.compared, summary.differences, summary.agreement) == (3, 1, D(67))
    assert rows[0].comparison.describe == "graded 1 better"
    assert rows[0].comparison.changed and not rows[1].comparison.differs
    # The agreed 2 replaces the first auditor's 3: (2 + 2) / 2.
    assert queries.audit_average(audit) == D(2)
    page = signed_in_as("auditor").get(f"{home}audits/case-audits/{audit.pk}/").content.decode()
    assert "differed on 1" in page and "Differs: graded 1 better" in page


def test_a_second_auditor_must_be_someone_else(partnership, small_tool):
    auditor = PersonFactory(partnership=partnership)
    audit = audit_of(small_tool, auditor, [2, 2, 2])
    with pytest.raises(DomainError) as error:
        services.assign_moderation(None, audit, moderator=auditor, month=dt.date(2021, 5, 1))
    assert error.value.field == "moderator"
    assert not Moderation.objects.filter(audit=audit).exists()


def test_comparison_in_words():
    class Level:
        def __init__(self, score, counts=True):
            self.score, self.counts = score, counts

        def __str__(self):
            return "N/A" if not self.counts else str(self.score)

    worse = scores.Comparison(None, Level(2), Level(3), Level(3))
    assert worse.describe == "graded 1 worse" and worse.difference == 1
    na = scores.Comparison(None, Level(2), Level(4, counts=False), Level(2))
    assert na.differs and na.difference is None and na.describe == "N/A against 2"
