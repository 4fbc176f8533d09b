"""Forms for the partnership's organisations, people, groups and funding."""

from __future__ import annotations

from assure.core.forms import GovukCheckboxes, ModelForm
from assure.partnership.models import FundingContribution, Group, Organisation, Person


class OrganisationForm(ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "lead"]
        labels = {"kind": "Type of agency", "lead": "Lead for the agency's actions"}


class PersonForm(ModelForm):
    class Meta:
        model = Person
        fields = ["name", "job_title", "organisation", "email"]
        labels = {"organisation": "Agency"}


class GroupForm(ModelForm):
    class Meta:
        model = Group
        fields = [
            "name",
            "kind",
            "reports_to",
            "chair",
            "cycle",
            "cycle_weeks",
            "purpose",
            "members",
        ]
        widgets = {"members": GovukCheckboxes}


class FundingForm(ModelForm):
    class Meta:
        model = FundingContribution
        fields = ["organisation", "financial_year", "amount", "note"]
        labels = {"organisation": "Agency", "amount": "Amount (£)"}
