"""Where a report opens when no month or year is asked for: on the latest month with data, so
a report never opens on empty tables.

A month has data when the performance tables have a monthly figure for it
(performance.queries.latest_month) or an update of the plan (of any plan, for a report not
about one plan) reports on a quarter ending in it. Never a month
still to come; for a plan, never outside the months it runs. The annual report opens on the
year of that month, or on last year when the data runs into this one (a year in progress is
not reported on unless asked for).
"""

from __future__ import annotations

import datetime as dt

from analytics.periods import financial_year_of, month_start
from assure.core.models import Partnership
from assure.core.periods import Period
from assure.performance.queries import latest_month
from assure.plans.models import ActionUpdate, Plan


def latest_month_with_data(
    partnership: Partnership, plan: Plan | None = None, today: dt.date | None = None
) -> dt.date | None:
    today = today or dt.date.today()
    figures = latest_month(partnership, before=today)
    plans = [plan] if plan else Plan.objects.filter(partnership=partnership)
    updates = ActionUpdate.objects.filter(action__objective__priority__plan__in=plans)
    codes = updates.order_by().values_list("period", flat=True).distinct()
    quarters = [Period.parse(code).end for code in codes]
    known = [day for day in (figures, *quarters) if day is not None and day <= today]
    return month_start(max(known)) if known else None


def opening_month(
    partnership: Partnership, plan: Plan | None = None, today: dt.date | None = None
) -> dt.date:
    today = today or dt.date.today()
    month = latest_month_with_data(partnership, plan, today) or month_start(today)
    if plan is not None:
        month = min(max(month, month_start(plan.starts)), month_start(plan.ends))
    return min(month, month_start(today))


def opening_year(partnership: Partnership, today: dt.date | None = None) -> int:
    """The financial year (the year it starts) the annual report opens on."""
    today = today or dt.date.today()
    last_year = financial_year_of(today) - 1
    latest = latest_month_with_data(partnership, today=today)
    return min(last_year, financial_year_of(latest)) if latest else last_year
