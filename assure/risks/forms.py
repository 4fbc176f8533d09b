"""Forms for raising, editing and reviewing risks. Choices are limited to the partnership's
own records; the services check again."""

from __future__ import annotations

from typing import Any

from django import forms

from assure.core.forms import (
    DateInput,
    Form,
    GovukRadios,
    ModelForm,
    choice_field,
    scope_choices,
)
from assure.core.models import Partnership
from assure.plans.models import Action, Priority
from assure.risks.models import IMPACT_LABELS, PROBABILITY_LABELS, Risk


def scale_field(label: str, names: dict[int, str]) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        choices=[(n, f"{n} {names[n].lower()}") for n in range(1, 6)],
        widget=GovukRadios,
        error_messages={
            "required": f"Choose the {label.lower()}, from 1 to 5.",
            "invalid_choice": f"{label} must be a whole number from 1 to 5, not %(value)s.",
        },
    )


CREATE_ORDER = [
    "reference",
    "kind",
    "description",
    "mitigation",
    "raised_on",
    "probability",
    "impact",
    "owner_person",
    "owner_group",
]


class RiskForm(ModelForm):
    """Raise or edit a risk. Probability and impact are asked only when it is raised."""

    class Meta:
        model = Risk
        fields = [
            "reference",
            "kind",
            "description",
            "mitigation",
            "raised_on",
            "owner_person",
            "owner_group",
            "target_score",
            "status",
            "next_review",
            "plan",
            "priority",
            "action",
        ]
        widgets = {
            "kind": GovukRadios,
            "status": GovukRadios,
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
            "raised_on": DateInput(),
            "next_review": DateInput(),
        }
        labels = {"owner_person": "Owner (person)", "owner_group": "Owner (group)"}
        help_texts = {
            "target_score": "The score, from 1 to 25, that the mitigation aims for",
            "next_review": "Owners are reminded from two weeks before",
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)
        choice_field(self, "priority").queryset = Priority.objects.filter(
            plan__partnership=partnership
        ).select_related("plan")
        choice_field(self, "action").queryset = Action.objects.filter(
            objective__priority__plan__partnership=partnership
        )
        self.fields["priority"].help_text = "The priority or theme the risk threatens"
        for name in ("owner_person", "owner_group"):
            self.fields[name].error_messages["invalid_choice"] = (
                "Choose an owner from this partnership."
            )
        if self.instance.pk is None:
            self.fields["probability"] = scale_field("Probability", PROBABILITY_LABELS)
            self.fields["impact"] = scale_field("Impact", IMPACT_LABELS)
            del self.fields["status"]
            self.order_fields(CREATE_ORDER)


class ReviewForm(Form):
    probability = scale_field("Probability", PROBABILITY_LABELS)
    impact = scale_field("Impact", IMPACT_LABELS)
    note = forms.CharField(
        label="What has changed",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what has changed, or why the score stands."},
    )
    next_review = forms.DateField(
        label="Next review", required=False, widget=DateInput(), help_text="Leave blank if closing"
    )
    close = forms.BooleanField(label="Close the risk: it no longer needs managing", required=False)
