"""Forms for case reviews. Choices are limited to the partnership's own records; the services
check again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from assure.audits.models import CaseAudit, DipSample, LearningTheme
from assure.core.forms import (
    DateInput,
    Form,
    GovukCheckboxes,
    GovukRadios,
    ModelForm,
    scope_choices,
)
from assure.core.models import Partnership
from assure.partnership.models import Organisation, Person
from assure.performance.models import Indicator
from assure.plans.models import Objective
from assure.reviews.models import CHILD_HELP, ImpactEvidence, Incident, Review


def _date(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def _text(label: str, rows: int = 4, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def _choices(
    queryset: Any, label: str, required: bool = False, **kwargs: Any
) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=queryset, label=label, required=required, **kwargs)


class IncidentForm(ModelForm):
    class Meta:
        model = Incident
        fields = [
            "reference",
            "child_reference",
            "kind",
            "looked_after",
            "incident_on",
            "aware_on",
            "summary",
            "agencies",
            "lead",
        ]
        widgets = {
            "kind": GovukRadios,
            "incident_on": DateInput(),
            "aware_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "agencies": GovukCheckboxes,
        }
        help_texts = {"child_reference": CHILD_HELP + ". Names are refused."}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)


class NotifyForm(Form):
    panel_on = _date("Date the national panel was notified")
    ofsted_on = _date("Date Ofsted was notified")
    secretary_of_state_on = _date(
        "Date the Secretary of State was notified",
        required=False,
        help_text="Needed when a looked-after child has died, whatever the cause",
    )


class AskForm(Form):
    agencies = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), widget=GovukCheckboxes, label="Agencies to ask"
    )
    due_on = _date("Due by", help_text="The agency's lead is reminded as it falls due")

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Organisation.objects.filter(partnership=partnership)  # type: ignore[attr-defined]


class ReturnForm(Form):
    text = _text("Your agency's return", rows=10, help_text="Refer to people by role: no names")


class RapidReviewForm(ModelForm):
    class Meta:
        model = Incident
        fields = [
            "meeting_on",
            "immediate_actions",
            "decision",
            "decision_reason",
            "decided_on",
            "council_signed_on",
            "police_signed_on",
            "health_signed_on",
        ]
        widgets = {
            "meeting_on": DateInput(),
            "decided_on": DateInput(),
            "council_signed_on": DateInput(),
            "police_signed_on": DateInput(),
            "health_signed_on": DateInput(),
            "decision": GovukRadios,
            "immediate_actions": forms.Textarea(attrs={"rows": 4}),
            "decision_reason": forms.Textarea(attrs={"rows": 4}),
        }


class SendForm(Form):
    sent_on = _date("Date sent to the national panel")


class PanelResponseForm(Form):
    text = _text("What the national panel said")
    responded_on = _date("Date of the response")


class StartReviewForm(ModelForm):
    class Meta:
        model = Review
        fields = ["reference", "title", "reviewer", "lead", "terms_of_reference"]
        widgets = {"terms_of_reference": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)


class ReviewForm(ModelForm):
    class Meta:
        model = Review
        fields = [
            "reference",
            "kind",
            "title",
            "source",
            "summary",
            "terms_of_reference",
            "reviewer",
            "lead",
            "decided_on",
            "published_on",
            "report",
        ]
        widgets = {
            "kind": GovukRadios,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "terms_of_reference": forms.Textarea(attrs={"rows": 4}),
            "decided_on": DateInput(),
            "published_on": DateInput(),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)
        if self.instance.incident_id:  # decided by its rapid review, published by its own form
            for name in ("kind", "decided_on", "published_on", "report"):
                del self.fields[name]
        if self.instance.pk is None:  # a practice review starts from its rapid review
            self.fields["kind"].choices = [  # type: ignore[attr-defined]
                (k.value, k.label) for k in Review.Kind if k != Review.Kind.LCSPR
            ]


class MilestoneForm(Form):
    title = forms.CharField(label="Milestone", max_length=200)
    due_on = _date("Due by")


class MilestoneDoneForm(Form):
    done_on = _date("Date done", help_text="For example today")


class DelayForm(Form):
    reason = _text("Why publication is delayed")
    expected_on = _date("Publication now expected")
    recorded_on = _date("Date recorded")


class PublishForm(Form):
    published_on = _date("Date published")
    report = forms.CharField(label="Final report", help_text="A link or a reference")


class FindingForm(Form):
    text = _text("Finding")
    found_on = _date("Date found", help_text="The day of the report or the meeting that found it")
    themes = forms.ModelMultipleChoiceField(
        queryset=LearningTheme.objects.none(),
        widget=GovukCheckboxes,
        required=False,
        label="Learning themes",
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = LearningTheme.objects.filter(partnership=partnership)  # type: ignore[attr-defined]


class RecommendForm(Form):
    reference = forms.CharField(label="Reference", max_length=20, help_text="For example R1")
    text = _text("Recommendation")
    issued_on = _date("Date made")


class ActionForm(Form):
    objective = _choices(Objective.objects.none(), "Objective it comes under", required=True)
    code = forms.CharField(label="Action code", max_length=12, help_text="Unique in its plan")
    title = _text("Action", rows=3)
    owner_person = _choices(Person.objects.none(), "Owner (person)")
    owner_organisation = _choices(Organisation.objects.none(), "Owner (agency)")
    due_date = _date("Due by", required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        objectives = Objective.objects.filter(priority__plan__partnership=partnership)
        self.fields["objective"].queryset = objectives.select_related("priority__plan")  # type: ignore[attr-defined]
        self.fields["objective"].label_from_instance = (  # type: ignore[attr-defined]
            lambda o: f"{o.priority.plan}: {o.code} {o.title[:80]}"
        )
        self.fields["owner_person"].queryset = Person.objects.filter(partnership=partnership)  # type: ignore[attr-defined]
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            partnership=partnership
        )


class EvidenceForm(Form):
    kind = forms.ChoiceField(
        label="Kind of evidence", choices=ImpactEvidence.Kind.choices, widget=GovukRadios
    )
    text = _text("What it shows")
    case_audit = _choices(CaseAudit.objects.none(), "Case audit", help_text="For an audit")
    dip_sample = _choices(DipSample.objects.none(), "Dip sample or re-audit")
    indicator = _choices(Indicator.objects.none(), "Performance measure", help_text="For a measure")
    recorded_on = _date("Date")

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        audits = CaseAudit.objects.filter(
            partnership=partnership, status=CaseAudit.Status.COMPLETED
        ).select_related("case", "tool")
        self.fields["case_audit"].queryset = audits.order_by("-month", "-id")  # type: ignore[attr-defined]
        self.fields["case_audit"].label_from_instance = (  # type: ignore[attr-defined]
            lambda a: f"{a.tool}, {a.month:%B %Y}: {a.case}"
        )
        self.fields["dip_sample"].queryset = DipSample.objects.filter(partnership=partnership)  # type: ignore[attr-defined]
        self.fields["indicator"].queryset = Indicator.objects.filter(partnership=partnership)  # type: ignore[attr-defined]
        self.initial.setdefault("recorded_on", dt.date.today())
