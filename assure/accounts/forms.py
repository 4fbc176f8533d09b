from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from assure.core.forms import Form, GovukRadios
from assure.core.models import Role
from assure.partnership.models import Person


class InviteForm(Form):
    email = forms.EmailField(
        label="E-mail address",
        help_text="The invitation is sent here. It can be used once, within 14 days.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(choices=Role.choices, widget=GovukRadios)
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Acts as",
        help_text="The person record of the partnership they are, so the work named for that "
        "person is theirs. Leave empty if they have none.",
    )

    def __init__(self, *args: Any, partnership: Any, roles: Iterable[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        offer_roles(self, roles)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)  # noqa: S101
        person.queryset = Person.objects.filter(partnership=partnership).order_by("name")


class RoleForm(Form):
    role = forms.ChoiceField(choices=Role.choices, widget=GovukRadios)

    def __init__(self, *args: Any, roles: Iterable[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        offer_roles(self, roles)


def offer_roles(form: Form, roles: Iterable[str]) -> None:
    """Offer only the roles the person filling the form may give (access.roles_given_by)."""
    field = form.fields["role"]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101
    field.choices = [(role, Role(role).label) for role in roles]


class TenantsForm(Form):
    sign_in_tenants = forms.CharField(
        label="Accounts accepted from",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text="The tenant ids (in Entra ID: Directory (tenant) ID) of the organisations "
        "whose accounts may sign in to this partnership, one a line. Leave empty to accept "
        "any account of the provider this Assure uses; each person still needs an invitation.",
    )


class CodeForm(Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )


class NewAccountForm(Form):
    name = forms.CharField(label="Full name", max_length=150)
    username = forms.CharField(
        label="User name",
        max_length=150,
        help_text="What you will sign in with, for example your e-mail address.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password1 = forms.CharField(
        label="Password",
        help_text="At least 12 characters; not a common password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The two passwords are not the same.")
        return data
