"""The upload form: files (or a folder's files) and, optionally, the collection year."""

from __future__ import annotations

from typing import Any

from django import forms

from assure.core.forms import Form


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "govuk-file-upload"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class UploadForm(Form):
    files = MultipleFileField(  # type: ignore[assignment]  # a field, not BaseForm.files
        label="Files",
        required=False,
        help_text="SSDA903 CSVs or XML, the CIN census XML, an Annex A workbook, or the local "
        "extracts (missing episodes, exploitation toolkits, workforce). Choose several at once.",
    )
    year = forms.IntegerField(
        label="Collection year",
        required=False,
        help_text="The year the SSDA903 return ends, e.g. 2024 for April 2023 to March 2024. "
        "Leave blank to read it from the files.",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4"}),
    )
