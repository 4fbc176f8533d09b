"""Forms of the programme, and the evaluation form an attendee opens from their link.
Choices are limited to the partnership's own records; the services check again."""

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
from assure.core.models import Partnership
from assure.plans.models import Priority
from assure.training.models import CONFIDENCE, Attendance, Course, EvaluationLink, Session, Stage


class CourseForm(ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "kind",
            "level",
            "description",
            "outcomes",
            "origin",
            "themes",
            "priorities",
            "offered_to",
        ]
        widgets = {
            "kind": GovukRadios,
            "level": GovukRadios,
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 5}),
            "themes": GovukCheckboxes,
            "priorities": GovukCheckboxes,
            "offered_to": GovukCheckboxes,
        }
        help_texts = {
            "themes": "The learning themes, found by reviews and audits, the course teaches",
            "offered_to": "Leave all unticked when it is offered to every agency",
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)
        choice_field(self, "priorities").queryset = Priority.objects.filter(
            plan__partnership=partnership
        ).select_related("plan")
        self.fields["level"].required = False


class SessionForm(ModelForm):
    class Meta:
        model = Session
        fields = ["held_on", "online", "place", "trainer", "capacity"]
        widgets = {"held_on": DateInput()}


class AttendeeForm(ModelForm):
    class Meta:
        model = Attendance
        fields = ["name", "email", "organisation", "status"]
        widgets = {"status": GovukRadios}
        help_texts = {"email": "Their evaluation links are sent here"}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)
        self.fields["organisation"].error_messages["invalid_choice"] = (
            "Choose an agency of this partnership."
        )


class ImportForm(Form):
    file = forms.FileField(
        label="Bookings file",
        help_text="A CSV or Excel (.xlsx) file: a row per person, with columns name, e-mail, "
        "organisation and status (booked, attended, did not attend or cancelled)",
    )


def _confidence_field(outcome: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=outcome,
        coerce=int,
        choices=[(n, f"{n} {label.lower()}") for n, label in CONFIDENCE.items()],
        widget=GovukRadios,
        error_messages={"required": f"Choose how confident you are: {outcome}"},
    )


class EvaluationForm(Form):
    """Before and after: confidence in each learning outcome. Three months on: whether
    practice has changed, with an example."""

    def __init__(self, *args: Any, link: EvaluationLink, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.stage = link.stage
        if link.stage == Stage.FOLLOW_UP:
            self.fields["practice_changed"] = forms.TypedChoiceField(
                label="Has the training changed your practice?",
                coerce=lambda value: value == "yes",
                choices=[("yes", "Yes"), ("no", "No")],
                widget=GovukRadios,
                error_messages={"required": "Say whether your practice has changed."},
            )
            self.fields["example"] = forms.CharField(
                label="An example of what you now do differently",
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text="Do not name children, families or colleagues",
            )
        else:
            outcomes = link.attendance.session.course.outcome_list
            for index, outcome in enumerate(outcomes):
                self.fields[f"outcome_{index}"] = _confidence_field(outcome)

    def answer(self, data: dict[str, Any]) -> dict[str, Any]:
        """The form's answers as the service takes them."""
        if self.stage == Stage.FOLLOW_UP:
            return {"practice_changed": data["practice_changed"], "example": data["example"]}
        count = sum(1 for name in self.fields if name.startswith("outcome_"))
        return {"confidence": [data[f"outcome_{index}"] for index in range(count)]}
