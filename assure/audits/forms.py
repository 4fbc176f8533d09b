"""Forms for case audit. Every choice is limited to the partnership's own records (the
services check again); a tool's domains become a grade and an evidence field each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q

from analytics.periods import month_or_none
from assure.audits import programme, queries
from assure.audits.models import (
    Auditor,
    AuditTool,
    Case,
    CaseAudit,
    CaseTheme,
    DipFinding,
    DipSample,
    Domain,
    LearningTheme,
    Programme,
    Sample,
    ScaleLevel,
    Team,
)
from assure.audits.pseudonyms import pseudonym
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
from assure.partnership.models import Group, Organisation, Person
from assure.plans.models import Objective, Priority

YES_NO = [("yes", "Yes"), ("no", "No")]


class InlineRadios(GovukRadios):
    template_name = "audits/widgets/inline_radios.html"


class GradeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ScaleLevel) -> str:
        return f"{obj.score} {obj.label}" if obj.counts else obj.label


class MonthField(forms.CharField):
    """A month written 2021-06."""

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        month = month_or_none(text)
        if month is None:
            raise forms.ValidationError("Enter a month like 2021-06 (June 2021).")
        return month

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%Y-%m}" if isinstance(value, dt.date) else value


class ToolForm(ModelForm):
    class Meta:
        model = AuditTool
        fields = ["name", "kind", "description", "count_indicator", "is_active"]
        widgets = {"kind": GovukRadios, "description": forms.Textarea(attrs={"rows": 3})}


class DomainForm(ModelForm):
    class Meta:
        model = Domain
        fields = ["number", "title", "guidance", "indicator", "position"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "guidance": forms.Textarea(attrs={"rows": 4}),
        }


class ScaleLevelForm(ModelForm):
    class Meta:
        model = ScaleLevel
        fields = ["label", "meaning", "counts"]
        widgets = {"meaning": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"counts": "Untick for a grade such as N/A, left out of every average"}


class ProgrammeForm(ModelForm):
    class Meta:
        model = Programme
        fields = ["tool", "audit_week", "audit_weekday", "grace_days", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"tool": "Tool for the monthly audits"}


class TeamForm(ModelForm):
    class Meta:
        model = Team
        fields = ["name", "position"]


class AuditorForm(ModelForm):
    class Meta:
        model = Auditor
        fields = [
            "person",
            "team",
            "kind",
            "starts_on",
            "ends_on",
            "audits_a_month",
            "starter_audits_a_month",
            "starter_months",
            "moderations_a_month",
        ]
        widgets = {"kind": GovukRadios, "starts_on": DateInput(), "ends_on": DateInput()}
        labels = {"kind": "Role in the programme"}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        scope_choices(self, partnership)
        for name in (
            "audits_a_month",
            "starter_audits_a_month",
            "starter_months",
            "moderations_a_month",
        ):
            self.fields[name].required = False
            self.fields[name].help_text = "Leave blank for the standard for their role"

    def clean(self) -> dict[str, Any]:
        """Blank quotas take 003's standard for the role: two audits a month, one for a new
        senior practitioner's first three months, two moderations for a head of service."""
        data = super().clean() or {}
        quota = programme.QUOTAS.get(data.get("kind", ""))
        if quota is not None:
            for name, value in quota.__dict__.items():
                if data.get(name) is None:
                    data[name] = value
        return data


class CaseForm(Form):
    identifier = forms.CharField(
        label="Case identifier",
        max_length=50,
        help_text="As the case-management system shows it. Only a pseudonym is kept.",
    )
    category = forms.ChoiceField(choices=Case.Category.choices)
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False)
    themes = forms.CharField(
        required=False,
        help_text="Separate themes with semicolons, for example: neglect; domestic abuse",
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice_field(self, "team").queryset = Team.objects.filter(partnership=partnership)

    def clean_themes(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["themes"].split(";") if t.strip()]


class CaseloadForm(Form):
    file = forms.FileField(
        label="Caseload file (CSV)",
        help_text="Columns case_id, team, category and themes (themes separated by semicolons)",
    )
    close_others = forms.BooleanField(
        label="This is the whole caseload: close the cases not in it", required=False
    )


class SampleForm(Form):
    month = MonthField(help_text="For example 2021-06 for June 2021")
    tool = forms.ModelChoiceField(queryset=AuditTool.objects.none())
    method = forms.ChoiceField(
        choices=Sample.Method.choices, widget=GovukRadios, label="How to sample"
    )
    theme = forms.ModelChoiceField(
        queryset=CaseTheme.objects.none(), required=False, help_text="Only to sample by a theme"
    )
    size = forms.IntegerField(label="Number of cases", min_value=1, max_value=200)
    seed = forms.IntegerField(
        required=False,
        min_value=0,
        help_text="Leave blank for a new random sample; give an earlier sample's seed to repeat it",
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        tools = AuditTool.objects.filter(partnership=partnership, is_active=True)
        choice_field(self, "tool").queryset = tools
        choice_field(self, "theme").queryset = CaseTheme.objects.filter(partnership=partnership)


class StartAuditForm(Form):
    case = forms.CharField(
        label="Case",
        max_length=50,
        help_text="The identifier the case-management system shows, or the case's pseudonym",
    )
    tool = forms.ModelChoiceField(queryset=AuditTool.objects.none())
    month = MonthField(help_text="The month it counts for, for example 2021-06")
    auditor = forms.ModelChoiceField(
        queryset=Person.objects.none(), help_text="The programme's auditors"
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        tools = AuditTool.objects.filter(partnership=partnership, is_active=True)
        choice_field(self, "tool").queryset = tools
        choice_field(self, "auditor").queryset = queries.auditing_people(partnership)

    def clean_case(self) -> Case:
        """The open case the auditor typed: its case-management identifier (made into its
        pseudonym, as the case was when added) or the pseudonym itself."""
        typed = self.cleaned_data["case"].strip()
        cases = Case.objects.filter(partnership=self.partnership, is_open=True)
        found = cases.filter(pseudonym=typed.upper()).first()
        if found is None and typed:
            found = cases.filter(pseudonym=pseudonym(self.partnership.la_code, typed)).first()
        if found is None:
            raise forms.ValidationError(
                "No open case has this identifier or pseudonym: check it, or add the case "
                "under Cases first."
            )
        return found


class DomainGrades:
    """Adds a grade (radios over the tool's scale) and an evidence box for each domain."""

    fields: dict[str, forms.Field]

    def add_domains(self, tool: AuditTool, evidence: bool = True, prefix: str = "grade") -> None:
        self.domains = list(tool.domains.all())
        scale = tool.scale.all()
        for domain in self.domains:
            self.fields[f"{prefix}_{domain.pk}"] = GradeField(
                queryset=scale,
                widget=InlineRadios,
                required=False,
                empty_label=None,
                label=f"{domain.number}. {domain.title}",
                help_text=domain.guidance,
                template_name="core/needed_field.html",
            )
            if evidence:
                self.fields[f"evidence_{domain.pk}"] = forms.CharField(
                    label=f"Evidence for domain {domain.number}",
                    required=False,
                    # Added after the mixin styled the form's fields: styled here.
                    widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
                )

    def grades(self, data: dict[str, Any], prefix: str = "grade") -> dict[int, Any]:
        return {
            d.pk: (data.get(f"{prefix}_{d.pk}"), data.get(f"evidence_{d.pk}", ""))
            for d in self.domains
        }

    def rows(self, prefix: str = "grade") -> list[tuple[Domain, Any, Any]]:
        form: Any = self
        return [
            (
                d,
                form[f"{prefix}_{d.pk}"],
                form[f"evidence_{d.pk}"] if f"evidence_{d.pk}" in self.fields else None,
            )
            for d in self.domains
        ]


class AuditForm(DomainGrades, ModelForm):
    social_worker_present = forms.ChoiceField(
        choices=YES_NO, widget=GovukRadios, required=False, label="Was the social worker present?"
    )

    class Meta:
        model = CaseAudit
        fields = [
            "auditor",
            "audited_on",
            "social_worker",
            "working_well",
            "needs_to_change",
            "child_voice",
            "family_voice",
            "learning_themes",
        ]
        widgets = {
            "audited_on": DateInput(),
            "working_well": forms.Textarea(attrs={"rows": 4}),
            "needs_to_change": forms.Textarea(attrs={"rows": 4}),
            "child_voice": forms.Textarea(attrs={"rows": 3}),
            "family_voice": forms.Textarea(attrs={"rows": 3}),
            "learning_themes": GovukCheckboxes,
        }
        labels = {"audited_on": "Date of the audit"}
        help_texts = {
            "child_voice": "What the child says, and how the record shows their wishes and "
            "feelings",
            "family_voice": "What the parents or carers say about the help they get",
        }

    def __init__(self, *args: Any, audit: CaseAudit, **kwargs: Any):
        present = audit.social_worker_present
        answer = {True: "yes", False: "no"}.get(present) if present is not None else None
        initial: dict[str, Any] = {"social_worker_present": answer}
        initial |= {f"grade_{g.domain_id}": g.level_id for g in audit.grades.all()}
        initial |= {f"evidence_{g.domain_id}": g.evidence for g in audit.grades.all()}
        super().__init__(*args, instance=audit, initial=initial, **kwargs)
        scope_choices(self, audit.partnership)
        auditing = queries.auditing_people(audit.partnership)  # and whoever holds it now
        choice_field(self, "auditor").queryset = Person.objects.filter(
            Q(pk__in=auditing.values("pk")) | Q(pk=audit.auditor_id)
        )
        for name in ("audited_on", "social_worker_present"):
            self.fields[name].template_name = "core/needed_field.html"  # type: ignore[attr-defined]
        self.add_domains(audit.tool)

    def clean_social_worker_present(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["social_worker_present"])


class ReturnForm(DomainGrades, Form):
    involvement = forms.CharField(
        label="Your agency's involvement with the child", widget=forms.Textarea(attrs={"rows": 4})
    )
    working_well = forms.CharField(
        label="What is working well", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    needs_to_change = forms.CharField(
        label="What needs to change", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, tool: AuditTool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.add_domains(tool)


class RequestReturnsForm(Form):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), widget=GovukCheckboxes, label="Agencies to ask"
    )
    due_on = forms.DateField(widget=DateInput(), label="Returns due by")

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice_field(self, "organisations").queryset = Organisation.objects.filter(
            partnership=partnership
        )


class AssignModerationForm(Form):
    moderator = forms.ModelChoiceField(queryset=Person.objects.none(), help_text="A second auditor")
    month = MonthField(help_text="The month it counts for in their quota, for example 2021-06")

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choice_field(self, "moderator").queryset = queries.auditing_people(partnership)


class ModerationForm(DomainGrades, Form):
    moderated_on = forms.DateField(widget=DateInput(), label="Date of the moderation")
    comment = forms.CharField(
        label="What the auditors agreed", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, tool: AuditTool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.add_domains(tool, evidence=False, prefix="grade")
        self.add_domains(tool, evidence=False, prefix="agreed")
        for domain in self.domains:
            self.fields[f"grade_{domain.pk}"].label = f"Your grade for domain {domain.number}"
            self.fields[f"agreed_{domain.pk}"].label = f"Agreed grade for domain {domain.number}"
            self.fields[f"agreed_{domain.pk}"].help_text = ""

    def moderation_rows(self) -> list[tuple[Domain, Any, Any]]:
        return [(d, self[f"grade_{d.pk}"], self[f"agreed_{d.pk}"]) for d in self.domains]

    def pairs(self, data: dict[str, Any]) -> dict[int, Any]:
        return {d.pk: (data.get(f"grade_{d.pk}"), data.get(f"agreed_{d.pk}")) for d in self.domains}


class ActionForm(Form):
    objective = forms.ModelChoiceField(
        queryset=Objective.objects.none(), help_text="The plan and objective the action belongs to"
    )
    title = forms.CharField(label="What needs to be done", widget=forms.Textarea(attrs={"rows": 3}))
    owner_person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label="Owner (person)"
    )
    owner_group = forms.ModelChoiceField(
        queryset=Group.objects.none(), required=False, label="Owner (group)"
    )
    owner_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Owner (agency)"
    )
    due_date = forms.DateField(widget=DateInput())

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        objectives = Objective.objects.filter(priority__plan__partnership=partnership)
        field = choice_field(self, "objective")
        field.queryset = objectives.select_related("priority__plan").order_by(
            "-priority__plan__is_current", "priority__plan__title", "priority__position", "position"
        )
        field.label_from_instance = lambda o: f"{o.priority.plan}: {o.code} {o.title[:80]}"  # type: ignore[method-assign,assignment]
        choice_field(self, "owner_person").queryset = Person.objects.filter(partnership=partnership)
        choice_field(self, "owner_group").queryset = Group.objects.filter(partnership=partnership)
        choice_field(self, "owner_organisation").queryset = Organisation.objects.filter(
            partnership=partnership
        )


class LearningThemeForm(ModelForm):
    class Meta:
        model = LearningTheme
        fields = ["name", "description", "priorities"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "priorities": GovukCheckboxes}
        labels = {"priorities": "Plan priorities or themes it informs"}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any):
        super().__init__(*args, **kwargs)
        priorities = Priority.objects.filter(plan__partnership=partnership, plan__is_current=True)
        field = choice_field(self, "priorities")
        field.queryset = priorities.select_related("plan")
        field.label_from_instance = lambda p: f"{p.plan}: {p.code} {p.title}"  # type: ignore[method-assign,assignment]


class DipSampleForm(ModelForm):
    class Meta:
        model = DipSample
        fields = ["title", "topic", "carried_out_on", "carried_out_by", "cases_sampled", "summary"]
        widgets = {"carried_out_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}


class DipFindingForm(ModelForm):
    class Meta:
        model = DipFinding
        fields = ["kind", "text", "theme"]
        widgets = {"kind": GovukRadios, "text": forms.Textarea(attrs={"rows": 3})}
