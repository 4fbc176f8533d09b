"""The board pack of a meeting in the browser, and as one file to download. Whoever may see
the meeting may build its pack: every member of the partnership. The reporting month and the
date of the report may be chosen (`?month=2021-05&as_at=2021-07-20`); a value that is not a
month or a date is said so, and the pack shows its default instead."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from analytics.periods import day_or_none, month_or_none
from assure.core.access import TenantRequest, tenant_view
from assure.meetings.queries import get_meeting
from assure.reports.board_pack.files import FORMATS, agenda_table
from assure.reports.board_pack.model import BoardPack, board_pack


def _pack(request: TenantRequest, pk: int) -> tuple[BoardPack, list[str]]:
    """The pack asked for, and what was asked for that could not be read."""
    month_text, day_text = request.GET.get("month", ""), request.GET.get("as_at", "")
    month, as_at = month_or_none(month_text), day_or_none(day_text)
    errors = []
    if month_text and month is None:
        errors.append("month")
    if day_text and as_at is None:
        errors.append("as_at")
    meeting = get_meeting(request.partnership, pk)
    return board_pack(request.partnership, meeting, month=month, as_at=as_at), errors


@tenant_view()
def pack_page(request: TenantRequest, pk: int) -> HttpResponse:
    pack, errors = _pack(request, pk)
    context = {
        "pack": pack,
        "meeting_pk": pk,
        "agenda": agenda_table(pack),
        "tracker": pack.tracker,
        "formats": [(kind, f.label) for kind, f in FORMATS.items()],
        "errors": errors,
        "chosen": f"month={pack.month:%Y-%m}&as_at={pack.as_at:%Y-%m-%d}" if pack.month else "",
    }
    return render(request, "reports/board_pack.html", context, status=400 if errors else 200)


@tenant_view()
def pack_file(request: TenantRequest, pk: int, kind: str) -> HttpResponse:
    chosen = FORMATS.get(kind)
    if chosen is None:
        raise Http404("No such format")
    pack, _ = _pack(request, pk)
    response = HttpResponse(chosen.render(pack), content_type=chosen.content_type)
    name = f"board-pack-{request.partnership.slug}-{pack.held_on:%Y-%m-%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
