"""What the demo's people are reminded at: role-based e-mail addresses, every one of them."""

import pytest

from assure.partnership.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_the_demo_people_have_role_based_email_addresses(torbay, stockton):
    dcs = Person.objects.get(partnership=torbay, name="Director of Children's Services")
    assert dcs.email == "dcs@torbay.example"
    assert not Person.objects.filter(partnership__in=[torbay, stockton], email="").exists()
