"""Forms for meetings, agenda items, minutes, decisions, tracker actions, comments and
cabinet responses. Choices are limited to the partnership's records; the services check again."""

from __future__ import annotations

import datetime as dt
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
from assure.meetings.models import (
    AgendaItem,
    Meeting,
    Minute,
    TrackerAction,
)
from assure.partnership.models import Group

OWNER_ERROR = "Choose an owner from this partnership."


class MeetingForm(ModelForm):
    class Meta:
        model = Meeting
        fields = ["group", "held_on", "starts_at", "place", "present", "notes"]
        widgets = {
            "held_on": DateInput(),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "present": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)


class AgendaItemForm(ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["number", "title", "purpose", "presenter", "papers", "position"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class MinuteForm(ModelForm):
    class Meta:
        model = Minute
        fields = ["number", "title", "text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}


class DecisionForm(Form):
    minute = forms.ModelChoiceField(queryset=Minute.objects.none(), required=False)
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice_field(self, "minute").queryset = meeting.minutes.all()


class TrackerActionForm(ModelForm):
    class Meta:
        model = TrackerAction
        fields = ["meeting", "minute_number", "text", "owner", "due_date", "status"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "due_date": DateInput(),
            "status": GovukRadios,
        }
        help_texts = {
            "due_date": "On or after the meeting; owners are reminded from two weeks before"
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)
        choice_field(self, "meeting").queryset = Meeting.objects.filter(
            partnership=partnership
        ).select_related("group")
        self.fields["meeting"].error_messages["invalid_choice"] = (
            "Choose a meeting of this partnership."
        )
        self.fields["owner"].error_messages["invalid_choice"] = OWNER_ERROR


class CommentForm(Form):
    text = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the comment."},
    )
    status = forms.ChoiceField(
        choices=TrackerAction.Status.choices, widget=GovukRadios, label="Status"
    )

    def clean_text(self) -> str:
        return self.cleaned_data["text"].strip()


class CabinetResponseForm(Form):
    reference = forms.CharField(max_length=20, label="Recommendation number")
    source_title = forms.CharField(
        max_length=300, label="Review", help_text="For example: Review of the Youth Offending Team"
    )
    issued_on = forms.DateField(label="Date of the board's recommendation", widget=DateInput())
    recommendation = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    group = forms.ModelChoiceField(
        queryset=Group.objects.none(), required=False, label="Board that made it"
    )
    response = forms.CharField(
        label="Cabinet response", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    responded_on = forms.DateField(label="Date of the response", widget=DateInput(), required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice_field(self, "group").queryset = Group.objects.filter(partnership=partnership)


class ResponseUpdateForm(Form):
    written_on = forms.DateField(
        label="Date of the update", widget=DateInput(), initial=dt.date.today
    )
    text = forms.CharField(label="Update", widget=forms.Textarea(attrs={"rows": 6}))
