"""Forms of self-assessments. Choices are limited to the partnership's own records (and a
return's ratings to its framework's scale); the services check again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms

from assure.assessments.models import Framework, Level, Return, Round, Standard
from assure.assessments.services import Entry
from assure.audits.models import LearningTheme
from assure.core.forms import (
    DateInput,
    Form,
    GovukCheckboxes,
    GovukRadios,
    ModelForm,
    scope_choices,
)
from assure.core.models import Partnership
from assure.partnership.models import Group, Organisation, Person


class Worded(Form):
    """A form whose empty fields are named in its own words: `required` maps a field to the
    message GOV.UK's pattern gives it (the mixin's "Enter the <label>" would not read well)."""

    required: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, message in self.required.items():
            self.fields[name].error_messages["required"] = message


class LevelChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label}: {obj.meaning}" if obj.meaning else obj.label


class InstallForm(Form):
    kind = forms.ChoiceField(label="Framework", choices=Framework.Kind.choices, widget=GovukRadios)
    name = forms.CharField(
        label="Name", required=False, help_text="Leave blank for the shipped name"
    )


class CopyForm(Form):
    name = forms.CharField(label="Name of the copy", help_text="For example Section 11 2026/27")


class FrameworkForm(ModelForm):
    class Meta:
        model = Framework
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class StandardForm(ModelForm):
    class Meta:
        model = Standard
        fields = ["area", "number", "title", "guidance", "evidence_expected"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "guidance": forms.Textarea(attrs={"rows": 3}),
            "evidence_expected": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = framework.areas.all()  # type: ignore[attr-defined]


class RoundForm(ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=GovukCheckboxes,
        required=False,
        help_text="Schools and colleges can be added from a list (URN and name) once the "
        "round is sent",
    )

    class Meta:
        model = Round
        fields = ["framework", "title", "opens_on", "due_on", "introduction"]
        widgets = {
            "opens_on": DateInput(),
            "due_on": DateInput(),
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)
        self.fields["organisations"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            partnership=partnership
        ).exclude(kind=Organisation.Kind.OTHER)


class OrganisationsForm(Form):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), widget=GovukCheckboxes
    )

    def __init__(self, *args: Any, found: Round, **kwargs: Any):
        super().__init__(*args, **kwargs)
        asked = found.returns.values_list("organisation_id", flat=True)
        self.fields["organisations"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            partnership=found.partnership
        ).exclude(pk__in=asked)


class SchoolsForm(Form):
    file = forms.FileField(
        label="List of schools",
        help_text="A CSV file with the columns URN and name (lead name and lead email may "
        "follow), as Get Information about Schools exports it",
    )


TEXTAREA = "govuk-textarea"  # fields added after the mixin has styled the form's own


class ReturnForm(Form):
    """Rate every standard of the framework: a rating, evidence, links and actions each."""

    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything the reviewers should know about your return as a whole",
    )

    def __init__(self, *args: Any, assessment: Return, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        levels = Level.objects.filter(framework=assessment.round.framework_id)
        self.ratings = list(
            assessment.ratings.select_related("standard__area", "level").order_by(
                "standard__area__position", "standard__position", "standard_id"
            )
        )
        self.fields["summary"].initial = assessment.summary
        for rating in self.ratings:
            key, number = rating.standard_id, rating.standard.number
            self.fields[f"level_{key}"] = LevelChoice(
                label=f"Rating for {number}",
                help_text="Needed to submit; a draft may leave it",
                queryset=levels,
                required=False,
                widget=GovukRadios,
                initial=rating.level_id,
                empty_label=None,
            )
            self.fields[f"evidence_{key}"] = forms.CharField(
                label=f"Evidence for {number}",
                help_text="What shows the rating is right; for not applicable, why",
                required=False,
                initial=rating.evidence,
                widget=forms.Textarea(attrs={"rows": 3, "class": TEXTAREA}),
            )
            self.fields[f"links_{key}"] = forms.CharField(
                label=f"Evidence links for {number}",
                help_text="Optional: one web address a line (a policy, a report, an intranet page)",
                required=False,
                initial=rating.evidence_links,
                widget=forms.Textarea(attrs={"rows": 2, "class": TEXTAREA}),
            )
            self.fields[f"actions_{key}"] = forms.CharField(
                label=f"Actions for {number}",
                help_text="Needed if the standard is not fully met: what you will do",
                required=False,
                initial=rating.actions,
                widget=forms.Textarea(attrs={"rows": 2, "class": TEXTAREA}),
            )
            self.fields[f"due_{key}"] = forms.DateField(
                label=f"Actions due date for {number}",
                help_text="Optional",
                required=False,
                initial=rating.action_due,
                widget=DateInput(attrs={"class": "govuk-input govuk-input--width-10"}),
            )

    def areas(self) -> Iterator[tuple[Any, list[tuple[Standard, list[Any]]]]]:
        """Each area with its standards and their fields, in the framework's order."""
        area, rows = None, []
        for rating in self.ratings:
            if area is not None and rating.standard.area_id != area.pk:
                yield area, rows
                rows = []
            area = rating.standard.area
            key = rating.standard_id
            names = ("level", "evidence", "links", "actions", "due")
            rows.append((rating.standard, [self[f"{name}_{key}"] for name in names]))
        if area is not None:
            yield area, rows

    def entries(self) -> dict[int, Entry]:
        data = self.cleaned_data
        return {
            r.standard_id: Entry(
                level=data.get(f"level_{r.standard_id}"),
                evidence=data.get(f"evidence_{r.standard_id}", ""),
                evidence_links=data.get(f"links_{r.standard_id}", ""),
                actions=data.get(f"actions_{r.standard_id}", ""),
                action_due=data.get(f"due_{r.standard_id}"),
            )
            for r in self.ratings
        }


class SubmitForm(Worded):
    required = {
        "signed_off_by": "Enter the senior officer who signed it off.",
        "signed_off_role": "Enter the senior officer's role.",
        "confirm": "Confirm that the senior officer has agreed the return.",
    }

    signed_off_by = forms.CharField(
        label="Signed off by",
        help_text="The senior officer accountable for safeguarding",
    )
    signed_off_role = forms.CharField(label="Their role")
    confirm = forms.BooleanField(
        label="The senior officer named has read and agreed this return",
    )


class ReasonForm(Worded):
    required = {"reason": "Say why the return is being reopened."}

    reason = forms.CharField(
        label="Why reopen it",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The organisation sees this, and it is kept in the record of changes",
    )


class QueryForm(Worded):
    required = {"question": "Enter your question for the organisation."}

    question = forms.CharField(
        label="Your question for the organisation",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(Worded):
    required = {"answer": "Enter your answer."}

    answer = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ModerateForm(Form):
    level = LevelChoice(
        label="Agreed rating",
        queryset=Level.objects.none(),
        required=False,
        widget=GovukRadios,
        empty_label=None,
        help_text="Leave unchosen to agree the organisation's own rating",
    )
    note = forms.CharField(
        label="Why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed where the agreed rating differs from the organisation's",
    )

    def __init__(self, *args: Any, framework_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = Level.objects.filter(  # type: ignore[attr-defined]
            framework=framework_id
        )


class FindingsForm(Form):
    note = forms.CharField(
        label="Findings", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    themes = forms.ModelMultipleChoiceField(
        label="Learning themes found",
        queryset=LearningTheme.objects.none(),
        required=False,
        widget=GovukCheckboxes,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = LearningTheme.objects.filter(  # type: ignore[attr-defined]
            partnership=partnership
        )


class EventForm(Worded):
    required = {
        "attendees": "Enter who attended.",
        "organisations": "Select the organisations challenged.",
        "group": "Select the group that met.",
    }

    group = forms.ModelChoiceField(
        label="Group that met",
        queryset=Group.objects.none(),
        help_text="The agreed actions go on this group's action tracker",
    )
    held_on = forms.DateField(label="Date", widget=DateInput())
    organisations = forms.ModelMultipleChoiceField(
        label="Organisations challenged",
        queryset=Organisation.objects.none(),
        widget=GovukCheckboxes,
    )
    attendees = forms.CharField(
        label="Who attended", widget=forms.Textarea(attrs={"rows": 3}), help_text="By role"
    )
    outcomes = forms.CharField(label="Outcomes", widget=forms.Textarea(attrs={"rows": 4}))
    themes = forms.ModelMultipleChoiceField(
        label="Learning themes found (optional)",
        queryset=LearningTheme.objects.none(),
        required=False,
        widget=GovukCheckboxes,
    )

    def __init__(self, *args: Any, found: Round, **kwargs: Any):
        super().__init__(*args, **kwargs)
        partnership = found.partnership
        fields: dict[str, Any] = self.fields
        fields["group"].queryset = Group.objects.filter(partnership=partnership)
        fields["organisations"].queryset = Organisation.objects.filter(
            pk__in=found.returns.values_list("organisation_id", flat=True)
        )
        fields["themes"].queryset = LearningTheme.objects.filter(partnership=partnership)


class LeadForm(Form):
    lead = forms.ModelChoiceField(
        label="Lead",
        queryset=Person.objects.none(),
        required=False,
        help_text="Completes the return and is chased for it; leave blank for the "
        "organisation's own lead",
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            partnership=partnership
        ).select_related("organisation")


class ActionForm(Worded):
    required = {
        "text": "Enter the action.",
        "owner": "Select who owns the action.",
        "due_date": "Enter when the action is due.",
    }

    text = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label="Owner", queryset=Person.objects.none())
    due_date = forms.DateField(label="Due", widget=DateInput())

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            partnership=partnership
        )
