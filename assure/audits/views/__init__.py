"""Case audit pages, in three modules: casework (samples, audits, returns, moderation,
actions), arrangements (tools, the programme, cases, learning themes, dip samples) and figures
(the overview, scores, compliance and learning). Each view parses, calls a service or a
query, and renders."""

from __future__ import annotations

from functools import partial

from assure.audits.access import AUDITORS, PUBLISHERS, READERS
from assure.core.forms import edit_page, titled_form_page

__all__ = ["AUDITORS", "PUBLISHERS", "READERS", "edit", "form_page"]


_FORM = "audits/form.html"
form_page = partial(titled_form_page, template=_FORM)
edit = partial(edit_page, template=_FORM)
