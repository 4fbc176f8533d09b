from __future__ import annotations

from django import forms

from assure.api.models import SCOPES
from assure.core.forms import Form, GovukCheckboxes


class TokenForm(Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text='What the token is for, so you know it when you revoke it: "Power BI: board"',
    )
    scopes = forms.MultipleChoiceField(
        label="It may read",
        choices=list(SCOPES.items()),
        widget=GovukCheckboxes,
    )
