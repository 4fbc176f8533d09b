"""Every service saves through `audit.save_recorded`, which validates as Django's `full_clean`
does but does not look up again an object a key is set to that was read from the database:
a key set by id to a row that is not there, and a name already taken, are still refused with
a message at the field."""

from __future__ import annotations

from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assure.core import audit
from assure.core.errors import DomainError
from assure.partnership import services as structure
from assure.partnership.models import Organisation
from tests.factories import OrganisationFactory, PartnershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def lookups_of(table: str, queries: CaptureQueriesContext) -> list[str]:
    """The queries that ask whether a row of `table` exists, as Django's key check does."""
    found = []
    for query in queries.captured_queries:
        asked, _, rest = query["sql"].partition(" FROM ")
        if asked == 'SELECT 1 AS "a"' and rest.startswith(f'"{table}"'):
            found.append(query["sql"])
    return found


def test_a_key_to_an_object_in_hand_is_not_looked_up_again(partnership):
    lead = PersonFactory(partnership=partnership)
    with CaptureQueriesContext(connection) as queries:
        agency = structure.save_organisation(
            None, partnership, None, name="Devon and Cornwall Police", kind="police", lead=lead
        )
    assert agency.lead == lead and agency.partnership == partnership
    assert lookups_of("partnership_person", queries) == []
    assert lookups_of("core_partnership", queries) == []


def test_a_key_set_by_id_to_a_row_that_is_not_there_is_refused_at_its_field(partnership):
    agency = Organisation(partnership=partnership, lead_id=987654)
    with pytest.raises(DomainError) as refused:
        audit.save_recorded(None, partnership, agency, {"name": "Health", "kind": "health"}, "x")
    assert refused.value.field == "lead"
    assert "987654" in str(refused.value)
    assert not Organisation.objects.filter(name="Health").exists()


def test_a_name_taken_in_the_partnership_is_still_refused_though_its_key_is_in_hand(partnership):
    OrganisationFactory(partnership=partnership, name="Torbay Council")
    with pytest.raises(DomainError) as refused:
        structure.save_organisation(None, partnership, None, name="Torbay Council", kind="council")
    assert "already exists" in str(refused.value)
    assert Organisation.objects.filter(partnership=partnership, name="Torbay Council").count() == 1
    # the same name in another partnership is another agency
    other = PartnershipFactory()
    structure.save_organisation(None, other, None, name="Torbay Council", kind="council")


def test_every_problem_is_found_as_djangos_full_clean_finds_them(partnership):
    OrganisationFactory(partnership=partnership, name="Torbay Council")
    lead = PersonFactory(partnership=partnership)
    cases = [
        {"name": "Torbay Council", "kind": "council", "lead": lead},  # taken
        {"name": "", "kind": "council", "lead": lead},  # missing
        {"name": "Other", "kind": "no such kind", "lead": lead},  # not a choice
        {"name": "Torbay Council", "kind": "no such kind", "lead_id": 987654},  # three at once
    ]
    for fields in cases:
        ours, django = Organisation(partnership=partnership), Organisation(partnership=partnership)
        for obj in (ours, django):
            for name, value in fields.items():
                setattr(obj, name, value)
        expected = caught(django.full_clean)
        assert expected, fields
        assert caught(partial(audit.full_clean, ours)) == expected, fields


def caught(validate) -> dict[str, list[str]]:
    try:
        validate()
    except Exception as error:  # noqa: BLE001 (a ValidationError, compared whole)
        return error.message_dict  # type: ignore[attr-defined]
    return {}
