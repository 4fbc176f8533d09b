"""Bringing a plan's table in (upload, problems or a preview, confirm) and taking it out."""

from __future__ import annotations

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from assure.core import spreadsheets
from assure.core.access import MANAGERS, TenantRequest, tenant_view
from assure.core.forms import Form, form_data
from assure.plans import queries
from assure.transfer import plan_import, plan_table, plan_workbook

PENDING = "assure_plan_import"  # session key: the upload waiting for confirmation
MAX_BYTES = 10 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(Form):
    file = forms.FileField(
        label="The plan table",
        help_text="An Excel workbook (.xlsx) or CSV, up to 10 MB: the template above, or the "
        "plan's table as you have it.",
    )


def _folder() -> Path:
    folder = Path(settings.ASSURE_DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _download(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@tenant_view(MANAGERS)
def template(request: TenantRequest, pk: int) -> HttpResponse:
    plan = queries.get_plan(request.partnership, pk)
    return _download(plan_workbook.workbook(plan, with_rows=False), "plan-table-template.xlsx")


@tenant_view()
def export(request: TenantRequest, pk: int) -> HttpResponse:
    plan = queries.get_plan(request.partnership, pk)
    try:
        return _download(plan_workbook.workbook(plan, with_rows=True), "plan-table.xlsx")
    except spreadsheets.TooLongForExcel as refused:
        messages.error(request, str(refused))
        return redirect("plan", request.partnership.slug, plan.pk)


@tenant_view(MANAGERS)
def import_table(request: TenantRequest, pk: int) -> HttpResponse:
    """Upload: the problems, every one, or the preview. Confirm: the same file, checked
    again, written whole."""
    plan = queries.get_plan(request.partnership, pk)
    pending = request.session.get(PENDING) or {}
    if request.method == "POST" and request.POST.get("confirm"):
        if pending.get("plan") != plan.pk:
            messages.info(request, "Upload the table again: the earlier upload has gone.")
            return redirect("plan-import", request.partnership.slug, plan.pk)
        path = _folder() / pending["file"]
        preview = plan_import.prepare(plan, plan_table.read(path, pending["name"]))
        if preview.problems:
            return _page(request, plan, UploadForm(), preview, status=400)
        try:
            done = plan_import.apply(request.user, preview)
        except plan_import.Refused as refused:
            preview.problems.append(refused.problem)
            return _page(request, plan, UploadForm(), preview, status=400)
        path.unlink(missing_ok=True)
        del request.session[PENDING]
        messages.success(request, f"Imported {pending['name']}: {done}")
        return redirect("plan", request.partnership.slug, plan.pk)
    form = UploadForm(form_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in {".xlsx", ".csv"}:
            form.add_error("file", "Choose an Excel workbook (.xlsx) or a CSV file.")
        elif upload.size > MAX_BYTES:
            form.add_error("file", "The file is larger than 10 MB.")
        else:
            stored = f"{uuid.uuid4().hex}{suffix}"
            with (_folder() / stored).open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            if pending.get("file"):
                (_folder() / pending["file"]).unlink(missing_ok=True)
            request.session[PENDING] = {"plan": plan.pk, "file": stored, "name": upload.name}
            preview = plan_import.prepare(plan, plan_table.read(_folder() / stored, upload.name))
            return _page(request, plan, form, preview, status=400 if preview.problems else 200)
    return _page(request, plan, form, None, status=400 if form.errors else 200)


def _page(
    request: TenantRequest,
    plan: object,
    form: UploadForm,
    preview: plan_import.Preview | None,
    status: int,
) -> HttpResponse:
    context = {"plan": plan, "form": form, "preview": preview}
    return render(request, "transfer/plan_import.html", context, status=status)
