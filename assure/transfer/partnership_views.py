"""A partnership's tables brought in as a workbook, and the whole partnership taken out."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from assure.core import spreadsheets
from assure.core.access import MANAGERS, TenantRequest, tenant_view
from assure.core.forms import form_data
from assure.transfer import export, workbook_import
from assure.transfer.views import MAX_BYTES, XLSX, UploadForm, _folder

PENDING = "assure_tables_import"


class WorkbookForm(UploadForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "The workbook"
        self.fields["file"].help_text = (
            "An Excel workbook (.xlsx) with a sheet for each table, or one table as CSV, up "
            "to 10 MB."
        )


def _file(content: bytes, name: str, kind: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@tenant_view(MANAGERS)
def export_workbook(request: TenantRequest) -> HttpResponse:
    name = f"{slugify(request.partnership.slug)}-assure.xlsx"
    try:
        return _file(export.workbook(request.partnership), name, XLSX)
    except spreadsheets.TooLongForExcel as refused:
        messages.error(request, str(refused))
        return redirect("tables-import", request.partnership.slug)


@tenant_view(MANAGERS)
def export_csv(request: TenantRequest) -> HttpResponse:
    name = f"{slugify(request.partnership.slug)}-assure-csv.zip"
    return _file(export.csv_zip(request.partnership), name, "application/zip")


@tenant_view(MANAGERS)
def template(request: TenantRequest) -> HttpResponse:
    content = export.workbook(request.partnership, with_rows=False)
    return _file(content, "partnership-tables-template.xlsx", XLSX)


@tenant_view(MANAGERS)
def import_tables(request: TenantRequest) -> HttpResponse:
    partnership = request.partnership
    pending = request.session.get(PENDING) or {}
    if request.method == "POST" and request.POST.get("confirm"):
        if pending.get("partnership") != partnership.pk:
            messages.info(request, "Upload the workbook again: the earlier upload has gone.")
            return redirect("tables-import", partnership.slug)
        path = _folder() / pending["file"]
        preview = workbook_import.read(path, pending["name"])
        if not preview.problems:
            # Applied at once (the upload showed what it would do); only if it is refused now,
            # because the partnership changed meanwhile, is it tried again to show it all.
            try:
                preview = workbook_import.apply(request.user, partnership, preview)
            except workbook_import.Refused as refused:
                preview = workbook_import.prepare(request.user, partnership, preview)
                preview.problems = preview.problems or refused.problems  # changed again since
        if preview.problems:
            return _page(request, WorkbookForm(), preview, 400)
        path.unlink(missing_ok=True)
        del request.session[PENDING]
        made = sum(1 for c in preview.changes if c.verb == "create")
        changed = sum(1 for c in preview.changes if c.verb == "change")
        messages.success(request, f"Imported {pending['name']}: {made} new, {changed} changed")
        return redirect("members", partnership.slug)
    form = WorkbookForm(form_data(request), request.FILES or None)
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
            request.session[PENDING] = {
                "partnership": partnership.pk,
                "file": stored,
                "name": upload.name,
            }
            read = workbook_import.read(_folder() / stored, upload.name)
            preview = workbook_import.prepare(request.user, partnership, read)
            return _page(request, form, preview, 400 if preview.problems else 200)
    return _page(request, form, None, 400 if form.errors else 200)


def _page(
    request: TenantRequest,
    form: WorkbookForm,
    preview: workbook_import.Preview | None,
    status: int,
) -> HttpResponse:
    context = {"form": form, "preview": preview}
    return render(request, "transfer/tables_import.html", context, status=status)
