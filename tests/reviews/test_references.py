"""A child is a pseudonymous reference, never a name (references.py), on the service and on
the form."""

from __future__ import annotations

import pytest

from assure.core.errors import DomainError
from assure.reviews.models import Incident
from assure.reviews.references import check_child_reference


@pytest.mark.parametrize(
    "given", ["Child T", "Baby R", "Young person K", "Children A and B", "Child T1"]
)
def test_a_pseudonym_is_accepted(given):
    assert check_child_reference(f"  {given} ") == given


@pytest.mark.parametrize("given", ["Jane Smith", "Child Jane", "Jayden", "child t", "", "T"])
def test_a_name_or_anything_but_a_pseudonym_is_refused(given):
    with pytest.raises(DomainError) as refused:
        check_child_reference(given)
    assert refused.value.field == "child_reference"


def test_the_form_refuses_a_name_and_saves_nothing(signed_in_as, home):
    auditor = signed_in_as("auditor")
    response = auditor.post(
        f"{home}case-reviews/incidents/new/",
        {
            "reference": "SI-NAME-1",
            "child_reference": "Jane Smith",
            "kind": "harm",
            "incident_on": "2021-01-05",
            "aware_on": "2021-01-06",
        },
    )
    assert response.status_code == 400
    assert "never a name" in response.content.decode()
    assert not Incident.objects.filter(reference="SI-NAME-1").exists()


def test_the_form_says_a_name_is_never_given(signed_in_as, home):
    page = signed_in_as("auditor").get(f"{home}case-reviews/incidents/new/").content.decode()
    assert "A pseudonym only, never the child&#x27;s name" in page
