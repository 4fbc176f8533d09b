"""The performance framework: indicators, targets by financial year, benchmarks, observations
with the history of their corrections, and the files observations were loaded from."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from analytics import periods
from analytics.periods import financial_year_label
from analytics.vocabulary import PeriodType, Polarity, Span, Unit
from assure.core.models import Partnership
from assure.performance import targets, units
from assure.plans.models import Priority


def figure_field(verbose_name: str | None = None) -> models.DecimalField:
    """A figure kept to 4 decimal places; empty where there is none (never a zero)."""
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=4, null=True, blank=True)


class Indicator(models.Model):
    # The words of units, polarities and period types are the vocabulary's; the units are
    # those the framework has rules for (units.py).
    Unit, Polarity, PeriodType = Unit, Polarity, PeriodType

    class YearToDate(models.TextChoices):
        ENTERED = "entered", "Only as entered or loaded (the months do not add up)"
        SUM = "sum", "The sum of the months"
        RATIO = "ratio", "Total numerator over total denominator"
        LATEST = "latest", "The latest month (a snapshot)"

    class Source(models.TextChoices):
        COMPUTED = "computed", "Computed from data"
        MANUAL = "manual", "Entered by hand"
        FILE = "file", "Loaded from a file"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicators"
    )
    reference = models.CharField(max_length=20, help_text="As the reports print it, e.g. 2.21")
    title = models.CharField(max_length=300)
    theme = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        help_text="The plan's theme or priority whose reports show this measure",
    )
    sub_heading = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=20, choices=units.CHOICES)
    decimals = models.PositiveSmallIntegerField(
        "decimal places shown", default=1, help_text="How many decimal places tables show"
    )
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    period_type = models.CharField(max_length=20, choices=PeriodType.choices)
    year_to_date = models.CharField(
        "how the months add up",
        max_length=10,
        choices=YearToDate.choices,
        default=YearToDate.ENTERED,
        help_text="Used for a year or year to date that has no figure of its own",
    )
    definition = models.TextField(blank=True)
    numerator_definition = models.TextField("numerator", blank=True)
    denominator_definition = models.TextField("denominator", blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    standing_notes = models.TextField(
        blank=True, help_text="Data checks and issues that stay with the measure"
    )
    baseline_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The financial year whose final figure is the baseline; blank for the year "
        "before the last complete year",
    )
    position = models.PositiveIntegerField(default=0)
    spc_baseline_end = models.DateField(
        "SPC limits fixed on the months up to",
        null=True,
        blank=True,
        help_text="Blank: the limits use every point",
    )
    spc_run_length = models.PositiveSmallIntegerField("SPC run length", default=7)
    spc_screen_outliers = models.BooleanField("screen out large moving ranges", default=False)
    spc_two_sigma = models.BooleanField("flag single points beyond two sigma", default=False)

    class Meta:
        ordering = ["position", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "reference"], name="indicator_reference")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Target(models.Model):
    """A target band for one financial year, as printed: "Min" and "Upper" (see targets.py)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    financial_year = models.PositiveSmallIntegerField()
    minimum = figure_field("Min")
    upper = figure_field("Upper")
    note = models.CharField(max_length=200, blank=True, help_text='For example "TBC"')

    class Meta:
        ordering = ["indicator", "-financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "financial_year"], name="target_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.reference} target {self.year_label}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def band(self) -> targets.Band:
        return targets.Band(self.minimum, self.upper)


class Benchmark(models.Model):
    class Kind(models.TextChoices):
        ENGLAND = "england", "England"
        REGION = "region", "Region"
        NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
        AUTHORITY = "authority", "Named authority"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    financial_year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=30, choices=Kind.choices)
    label = models.CharField(
        max_length=100,
        blank=True,
        help_text="Which group or authority: 'from 2021', 'South West', 'Plymouth'",
    )
    value = models.DecimalField(max_digits=16, decimal_places=4)
    source = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["indicator", "-financial_year", "kind", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "financial_year", "kind", "label"], name="benchmark_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {financial_year_label(self.financial_year)}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def name(self) -> str:
        kind = self.get_kind_display()
        if self.kind == self.Kind.AUTHORITY and self.label:
            return self.label
        return f"{kind} ({self.label})" if self.label else kind


class FileLoad(models.Model):
    """A file of observations or benchmarks loaded in full (a file with a bad row loads nothing)."""

    class Kind(models.TextChoices):
        OBSERVATIONS = "observations", "Observations"
        BENCHMARKS = "benchmarks", "Benchmarks"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="performance_loads"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    changed = models.PositiveIntegerField()
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.rows} rows)"


class Observation(models.Model):
    """The current figure of one indicator for one period; earlier figures are revisions."""

    Span = Span

    class Status(models.TextChoices):
        PROVISIONAL = "provisional", "Provisional"
        FINAL = "final", "Final"

    class Source(models.TextChoices):
        PERSON = "person", "Entered by a person"
        FILE = "file", "Loaded from a file"
        COMPUTATION = "computation", "Computed"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    span = models.CharField(max_length=20, choices=Span.choices)
    period_end = models.DateField()
    value = figure_field()
    numerator = figure_field()
    denominator = figure_field()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROVISIONAL)
    quality_note = models.TextField("data-quality note", blank=True)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.PERSON)
    source_detail = models.CharField("where it came from", max_length=300, blank=True)
    load = models.ForeignKey(
        FileLoad, null=True, blank=True, on_delete=models.SET_NULL, related_name="observations"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator", "span", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "span", "period_end"], name="observation_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.reference} {self.period.code}: {self.value}"

    @property
    def period(self) -> periods.ReportingPeriod:
        return periods.ReportingPeriod(self.period_end, self.span)


class ObservationRevision(models.Model):
    """An earlier figure, kept when a correction replaced it."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    value = figure_field()
    numerator = figure_field()
    denominator = figure_field()
    status = models.CharField(max_length=12, choices=Observation.Status.choices)
    quality_note = models.TextField(blank=True)
    source = models.CharField(max_length=12, choices=Observation.Source.choices)
    source_detail = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField()
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField("reason for the correction", blank=True)

    class Meta:
        ordering = ["observation", "-replaced_at", "-id"]

    def __str__(self) -> str:
        return f"{self.observation} (was {self.value})"
