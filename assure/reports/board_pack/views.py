"""The board pack of a meeting in the browser, and as one file to download. Whoever may see
the meeting may build its pack: every member of the partnership."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from assure.core.access import TenantRequest, tenant_view
from assure.meetings.queries import get_meeting
from assure.reports.board_pack.files import FORMATS, agenda_table, tracker_table
from assure.reports.board_pack.model import board_pack


@tenant_view()
def pack_page(request: TenantRequest, pk: int) -> HttpResponse:
    pack = board_pack(request.partnership, get_meeting(request.partnership, pk))
    context = {
        "pack": pack,
        "meeting_pk": pk,
        "agenda": agenda_table(pack),
        "tracker": tracker_table(pack),
        "formats": [(kind, f.label) for kind, f in FORMATS.items()],
    }
    return render(request, "reports/board_pack.html", context)


@tenant_view()
def pack_file(request: TenantRequest, pk: int, kind: str) -> HttpResponse:
    chosen = FORMATS.get(kind)
    if chosen is None:
        raise Http404("No such format")
    pack = board_pack(request.partnership, get_meeting(request.partnership, pk))
    response = HttpResponse(chosen.render(pack), content_type=chosen.content_type)
    name = f"board-pack-{request.partnership.slug}-{pack.held_on:%Y-%m-%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
