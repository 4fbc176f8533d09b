"""Forms for plans, priorities, objectives, actions, updates and recommendations.

Each form limits its choices to the partnership's own records; the services check again.
"""

from __future__ import annotations

from typing import Any

from django import forms

from assure.core.forms import (
    DateInput,
    Form,
    GovukCheckboxes,
    GovukRadios,
    ModelForm,
    choice_field,
    scope_choices,
)
from assure.core.models import Partnership, RagLevel
from assure.plans.models import (
    Action,
    ActionUpdate,
    Commitment,
    CrossCuttingTheme,
    Objective,
    Plan,
    Priority,
    Recommendation,
)


class RagChoiceField(forms.ModelChoiceField):
    """Each rating labelled with what it means: for an action, or overall (004's guidance)."""

    meaning = "action_meaning"

    def label_from_instance(self, obj: RagLevel) -> str:
        meaning = getattr(obj, self.meaning)
        return f"{obj.label}: {meaning}" if meaning else obj.label


class PlanForm(ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "kind",
            "rag_scheme",
            "starts",
            "ends",
            "senior_responsible_officer",
            "summary",
            "is_current",
            "reporting_period",
            "updates_due",
        ]
        widgets = {"starts": DateInput(), "ends": DateInput(), "updates_due": DateInput()}
        help_texts = {
            "reporting_period": "The quarter owners are asked to update, written YYYY-Qn: "
            "2021-Q1 is April to June 2021",
            "updates_due": "Updates not in by this date show as overdue",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", "The plan must end after it starts.")
        return data


class StatusForm(Form):
    """The plan's overall status, or a theme's overview, for a period."""

    period = forms.CharField(max_length=7, help_text="For example 2021-Q1 (April to June 2021)")
    rag = RagChoiceField(queryset=RagLevel.objects.none(), widget=GovukRadios, label="Rating")
    narrative = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args: Any, plan: Plan, overall: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice_field(self, "rag").queryset = plan.rag_scheme.levels.all()
        rag_field = self.fields["rag"]
        if overall and isinstance(rag_field, RagChoiceField):
            rag_field.meaning = "overall_meaning"


class PriorityForm(ModelForm):
    class Meta:
        model = Priority
        fields = [
            "code",
            "title",
            "kind",
            "description",
            "success_criteria",
            "lead_group",
            "lead_person",
            "position",
        ]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}


class ObjectiveForm(ModelForm):
    class Meta:
        model = Objective
        fields = ["code", "title", "lead_person", "position"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}


class ActionForm(ModelForm):
    revision_reason = forms.CharField(
        label="Reason for a new due date",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if you change the due date: the earlier date is kept",
    )

    class Meta:
        model = Action
        fields = [
            "code",
            "title",
            "owner_person",
            "owner_group",
            "owner_organisation",
            "timescale",
            "recurrence",
            "due_date",
            "outcome_measure",
            "impact_measure",
            "cross_cutting_themes",
            "status",
            "position",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
            "cross_cutting_themes": GovukCheckboxes,
            "outcome_measure": forms.Textarea(attrs={"rows": 3}),
            "impact_measure": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "owner_person": "Owner (person)",
            "owner_group": "Owner (group)",
            "owner_organisation": "Owner (agency)",
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, plan.partnership)
        themes = CrossCuttingTheme.objects.filter(plan=plan)
        choice_field(self, "cross_cutting_themes").queryset = themes
        if not themes.exists():
            del self.fields["cross_cutting_themes"]


class UpdateForm(ModelForm):
    class Meta:
        model = ActionUpdate
        fields = ["period", "rag", "progress", "barriers", "next_steps", "evidence"]
        widgets = {
            "rag": GovukRadios,
            "progress": forms.Textarea(attrs={"rows": 5}),
            "barriers": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"rag": RagChoiceField}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice_field(self, "rag").queryset = plan.rag_scheme.levels.all()
        choice_field(self, "rag").empty_label = None
        if self.instance.pk is not None:  # which update this form edits, however it fares
            self.fields["editing"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=self.instance.pk
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data.pop("editing", None)  # the view reads it to choose the form's instance
        return data


class ReviewForm(Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept the update"), ("return", "Send it back with a challenge")],
        widget=GovukRadios,
    )
    challenge = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What the owner needs to change or evidence (needed to send it back)",
    )


class RecommendationForm(ModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "source",
            "source_title",
            "issued_on",
            "reference",
            "text",
            "paragraphs",
            "plan",
            "priorities",
            "actions",
            "status",
            "evidence_met",
        ]
        widgets = {
            "issued_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 4}),
            "priorities": GovukCheckboxes,
            "actions": forms.SelectMultiple(attrs={"size": 10}),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)
        choice_field(self, "priorities").queryset = Priority.objects.filter(
            plan__partnership=partnership
        ).select_related("plan")
        choice_field(self, "actions").queryset = Action.objects.filter(
            objective__priority__plan__partnership=partnership
        )


class CommitmentForm(ModelForm):
    class Meta:
        model = Commitment
        fields = [
            "kind",
            "reference",
            "description",
            "owner",
            "joint_owners",
            "by_when",
            "due_date",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
            "joint_owners": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {"by_when": "As you would write it, for example Review November 2021"}
