"""GOV.UK Design System forms: a renderer, widgets and a mixin every form of Assure uses.

The mixin puts GOV.UK classes on each widget and links each input to its hint and error
message, so forms stay plain Django forms and templates stay short.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.forms.renderers import TemplatesSetting
from django.forms.utils import pretty_name
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from assure.core import versions
from assure.core.errors import DomainError

T = TypeVar("T")


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class GovukCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "govuk/widgets/checkboxes.html"
    option_template_name = "govuk/widgets/checkbox_option.html"


class GovukRadios(forms.RadioSelect):
    template_name = "govuk/widgets/radios.html"
    option_template_name = "govuk/widgets/radio_option.html"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
}


def _widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, GovukCheckboxes | GovukRadios):
        return ""
    for kind, css in _CLASSES.items():
        if isinstance(widget, kind):
            return css
    if isinstance(widget, DateInput):
        return "govuk-input govuk-input--width-10"
    return "govuk-input"


def _required_message(field: forms.Field, name: str) -> str:
    """GOV.UK's error for a field left empty names it: "Enter the title", "Select the RAG"."""
    label = str(field.label or pretty_name(name))
    if not label[1:2].isupper():  # keep RAG and SSDA903 as they are
        label = label[0].lower() + label[1:]
    if isinstance(field.widget, forms.FileInput):
        return f"Choose the {label}."
    if isinstance(field.widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"Select the {label}."
    return f"Enter the {label}."


class GovukFormMixin:
    """Adds GOV.UK classes, hints and error links; maps a DomainError onto the form."""

    fields: dict[str, forms.Field]
    errors: Any

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["required"] = _required_message(field, name)
            css = _widget_class(field.widget)
            if css:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{css} {existing}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:
            field = self.fields.get(name)
            if field is None:
                continue
            auto_id = self[name].auto_id  # type: ignore[index]
            described = [f"{auto_id}_error"]
            if field.help_text:
                described.insert(0, f"{auto_id}_helptext")
            field.widget.attrs["aria-describedby"] = " ".join(described)
            if field.widget.attrs.get("class"):
                base = field.widget.attrs["class"].split()[0]
                field.widget.attrs["class"] += f" {base}--error"

    def add_domain_error(self, error: DomainError) -> None:
        for problem in getattr(error, "problems", [error]):
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, problem.message)  # type: ignore[attr-defined]


class VersionedMixin:
    """A form about an existing object carries the version it was read at (core/versions.py)."""

    fields: dict[str, forms.Field]
    data: Any
    instance: Any

    def carry_version(self) -> None:
        if self.instance is not None and self.instance.pk is not None:
            self.fields[versions.VERSION_FIELD] = forms.IntegerField(
                widget=forms.HiddenInput,
                required=False,
                initial=versions.version_of(self.instance),
            )

    def read_at(self, version: int) -> None:
        """Carry `version` from now on: saving again replaces the change it names."""
        data = self.data.copy()
        data[versions.VERSION_FIELD] = str(version)
        self.data = data


class Form(VersionedMixin, GovukFormMixin, forms.Form):
    """A form about an object (a review, a decision) is given it as `instance`."""

    def __init__(self, *args: Any, instance: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.carry_version()


class ModelForm(VersionedMixin, GovukFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.carry_version()


# The plain form page, a title, a link back and the form, of every page without its own.
FORM = "plans/form.html"


def page_with_form(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A page with a form (`context["form"]`): 400 when the form was sent and comes back with
    its errors, so a refusal can be told from a first look, and 200 when first shown."""
    sent = getattr(context["form"], "is_bound", False)
    return render(request, template, context, status=400 if sent else 200)


def titled_form_page(
    request: HttpRequest, form: Any, title: str, back: str, *, template: str = FORM, **extra: Any
) -> HttpResponse:
    """A form under its title with a link back (`page_with_form`); an app with a template of
    its own names it once: `form_page = partial(titled_form_page, template="audits/form.html")`."""
    context = {"form": form, "title": title, "back": back, **extra}
    return page_with_form(request, template, context)


def edit_page(
    request: HttpRequest,
    form: Any,
    write: Callable[[dict[str, Any]], Any],
    done: str,
    title: str,
    back: str,
    *,
    template: str = FORM,
) -> HttpResponse:
    """The page of a form that saves through a service: a sent form that is valid and saved
    (`save_with`) says so and goes to `done`; otherwise the form under its title, with its
    errors once sent (`titled_form_page`). An app names its template once, as for that."""
    if saved(request, form, write):
        messages.success(request, "Saved")
        return redirect(done)
    return titled_form_page(request, form, title, back, template=template)


def saved(request: HttpRequest, form: Any, write: Callable[[dict[str, Any]], Any]) -> bool:
    """Whether a sent form was valid and the service saved it (`save_with`; its errors are on
    the form otherwise)."""
    return request.method == "POST" and save_with(form, write) is not None


def save_with(form: Any, write: Callable[[dict[str, Any]], T]) -> T | None:
    """Validate the form, then call the service; a DomainError lands on the form's field. An
    edit is refused if its object changed since the form was read (core/versions.py)."""
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    seen = data.pop(versions.VERSION_FIELD, None)
    try:
        if seen is None:
            return write(data)
        with versions.expecting(form.instance, seen):
            return write(data)
    except versions.EditConflict as conflict:
        form.add_domain_error(conflict)
        form.read_at(conflict.version)
        return None
    except DomainError as error:
        form.add_domain_error(error)
        return None


def scope_choices(form: Any, partnership: Any) -> Any:
    """Limit every choice of a tenant model (a person, group, agency, scheme, plan) to this
    partnership, so no form offers another partnership's records."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        if any(f.name == "partnership" for f in queryset.model._meta.concrete_fields):
            field.queryset = queryset.filter(partnership=partnership)
    return form


def form_data(request: Any) -> Any:
    """The posted data, or None for a GET: an empty POST is still a submission."""
    return request.POST if request.method == "POST" else None


def choice_field(form: Any, name: str) -> forms.ModelChoiceField:
    """A form's model-choice field, typed, so its queryset can be narrowed."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (a programming error)
    return field
