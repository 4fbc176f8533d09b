"""Forms of the performance pages. Periods and financial years are typed as their codes
(2021-05, 2021/22) and parsed here; each form offers only this partnership's themes."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from analytics.periods import EXAMPLES, ReportingPeriod, parse_financial_year
from assure.core.forms import Form, GovukRadios, ModelForm
from assure.core.models import Partnership
from assure.performance.models import Benchmark, Indicator, Observation
from assure.performance.targets import RATINGS
from assure.plans.models import Priority


def figure_field(**options: Any) -> forms.DecimalField:
    """A figure of up to 16 digits, 4 after the point; optional unless said otherwise."""
    options.setdefault("required", False)
    return forms.DecimalField(max_digits=16, decimal_places=4, **options)


class PeriodField(forms.CharField):
    def clean(self, value: Any) -> ReportingPeriod | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return ReportingPeriod.parse(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class MonthField(PeriodField):
    def clean(self, value: Any) -> dt.date | None:  # type: ignore[override]
        period = super().clean(value)
        if period is None:
            return None
        if period.span != "month":
            raise forms.ValidationError("Give a month, written like 2021-03")
        return period.end


class FinancialYearField(forms.CharField):
    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_financial_year(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class IndicatorForm(ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "reference",
            "title",
            "theme",
            "sub_heading",
            "unit",
            "decimals",
            "polarity",
            "period_type",
            "year_to_date",
            "definition",
            "numerator_definition",
            "denominator_definition",
            "source",
            "standing_notes",
            "baseline_year",
            "position",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "polarity": GovukRadios,
            "period_type": GovukRadios,
            "year_to_date": GovukRadios,
            "source": GovukRadios,
            "definition": forms.Textarea(attrs={"rows": 3}),
            "numerator_definition": forms.Textarea(attrs={"rows": 2}),
            "denominator_definition": forms.Textarea(attrs={"rows": 2}),
            "standing_notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"baseline_year": "The year it starts, e.g. 2019 for 2019/20"}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        theme = cast(forms.ModelChoiceField, self.fields["theme"])
        theme.queryset = Priority.objects.filter(plan__partnership=partnership).select_related(
            "plan"
        )
        theme.label_from_instance = lambda p: f"{p.plan.title}: {p}"  # type: ignore[assignment]


class SpcForm(Form):
    baseline_end = MonthField(
        label="Fix the limits on the months up to",
        required=False,
        help_text="A month written like 2021-03. Leave empty to work the limits out from "
        "every point. Fewer than 12 points give trial limits.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    run_length = forms.IntegerField(
        min_value=2,
        max_value=15,
        label="Points in a run",
        help_text="How many points on one side of the mean, or rising or falling, are a "
        "signal. Making Data Count uses 7.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    screen_outliers = forms.BooleanField(
        required=False, label="Leave out moving ranges above 3.267 times their mean"
    )
    two_sigma = forms.BooleanField(required=False, label="Flag any single point beyond two sigma")

    @classmethod
    def initial_for(cls, indicator: Indicator) -> dict[str, Any]:
        end = indicator.spc_baseline_end
        return {
            "baseline_end": end.strftime("%Y-%m") if end else "",
            "run_length": indicator.spc_run_length,
            "screen_outliers": indicator.spc_screen_outliers,
            "two_sigma": indicator.spc_two_sigma,
        }


def initial_of(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """A form's starting values from an object being changed; empty for a new one."""
    return {name: getattr(obj, name) for name in names} if obj is not None else {}


class TargetForm(Form):
    financial_year = FinancialYearField(
        help_text="Written like 2021/22",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    minimum = figure_field(label="Min", help_text="As printed in the report")
    upper = figure_field(label="Upper")
    note = forms.CharField(
        required=False, max_length=200, help_text="For example TBC, when the band is not set yet"
    )

    @classmethod
    def initial_for(cls, target: Any) -> dict[str, Any]:
        initial = initial_of(target, ("minimum", "upper", "note"))
        if target is not None:
            initial["financial_year"] = target.year_label
        return initial


class BenchmarkForm(Form):
    financial_year = FinancialYearField(
        help_text="The year the benchmark describes, written like 2019/20",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    kind = forms.ChoiceField(choices=Benchmark.Kind.choices, widget=GovukRadios)
    label = forms.CharField(
        required=False,
        max_length=100,
        help_text="Which group or authority, e.g. 'from 2021' or 'Plymouth' (needed for a "
        "named authority)",
    )
    value = forms.DecimalField(max_digits=16, decimal_places=4)
    source = forms.CharField(required=False, max_length=300)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @classmethod
    def initial_for(cls, benchmark: Any) -> dict[str, Any]:
        initial = initial_of(benchmark, ("kind", "label", "value", "source", "note"))
        if benchmark is not None:
            initial["financial_year"] = benchmark.year_label
        return initial


class ObservationForm(Form):
    period = PeriodField(help_text=f"Write {EXAMPLES}")
    value = forms.DecimalField(
        required=False,
        max_digits=16,
        decimal_places=4,
        help_text="Leave empty to work it out from the numerator and denominator, or when "
        "there is no figure (say why in the note)",
    )
    numerator = figure_field()
    denominator = figure_field()
    status = forms.ChoiceField(choices=Observation.Status.choices, widget=GovukRadios)
    quality_note = forms.CharField(
        label="Data-quality note", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label="Reason for a correction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when you change a figure already recorded: the earlier one is kept",
    )

    def __init__(self, *args: Any, correcting: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if correcting:  # a correction is for the same period; a new period is a new figure
            self.fields["period"].disabled = True
            self.fields["period"].help_text = ""

    @classmethod
    def initial_for(cls, observation: Any) -> dict[str, Any]:
        names = ("value", "numerator", "denominator", "status", "quality_note")
        initial = initial_of(observation, names) or {"status": "provisional"}
        if observation is not None:
            initial["period"] = observation.period.code
        return initial


class FileForm(Form):
    file = forms.FileField(
        label="Upload a file", help_text="A .csv or .xlsx (Excel) file, 5 MB at most"
    )


class DashboardFilter(Form):
    theme = forms.ChoiceField(required=False)
    rag = forms.ChoiceField(
        label="RAG rating",
        required=False,
        choices=[("", "Any rating")]
        + [(r, r.capitalize()) for r in reversed(RATINGS)]
        + [("none", "No rating")],
    )

    def __init__(self, *args: Any, themes: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        theme = cast(forms.ChoiceField, self.fields["theme"])
        theme.choices = [("", "All themes")] + [(str(t.pk), f"{t.code} {t.title}") for t in themes]


class TableFilter(Form):
    through = MonthField(
        label="Tables to the month",
        required=False,
        help_text="Written like 2021-05. Leave empty for the latest month with figures.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    theme = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, themes: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        theme = cast(forms.ChoiceField, self.fields["theme"])
        theme.choices = [("", "All themes")] + [(str(t.pk), f"{t.code} {t.title}") for t in themes]
