"""An agency lead completes their organisation's Section 11 return in the browser: the police
lead (torbay.owner) continues the draft the demo left, is told what stops it being submitted,
rates the rest, gives an action for a standard partly met, and submits it signed off by a
senior officer; the return is then locked, and the auditor finds it on the round's heat map.
Every page is checked with axe on the way."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from analytics.periods import financial_year_label, financial_year_of

from .visitor import Visitor

pytestmark = pytest.mark.browser

ROUND = (
    f"Section 11 {financial_year_label(financial_year_of(dt.date.today() + dt.timedelta(days=14)))}"
)


def rate_every_unrated_standard(lead: Visitor, label: str) -> None:
    for standard in lead.page.locator("fieldset.assure-standard").all():
        radios = standard.locator("input[type=radio]")
        if not any(radio.is_checked() for radio in radios.all()):
            standard.get_by_label(re.compile(f"^{label}")).check()


def test_the_police_lead_completes_and_submits_their_section_11_return(visit):
    lead = visit("owner")
    lead.go("/p/torbay/self-assessments/mine/")
    assert "Returns asked of Devon and Cornwall Police" in lead.text()
    lead.follow(ROUND)
    assert lead.heading() == "Devon and Cornwall Police's return"
    lead.follow("Continue the return")

    lead.fill_in({"Actions for 4.1": "Set up a young people's advisory panel."})
    lead.page.locator("fieldset.assure-standard").filter(has_text="4.1 ").get_by_label(
        re.compile("^Partly met")
    ).check()
    lead.shot("self-assessment-return-form")
    lead.submit("Save and check before submitting")
    assert lead.heading() == "Submit Devon and Cornwall Police's return"
    assert "Rate standard 4.2." in lead.text()  # still unrated: it cannot be submitted yet

    lead.follow("Go back to the return")
    rate_every_unrated_standard(lead, "Fully met")
    lead.submit("Save and check before submitting")
    assert "cannot be submitted yet" not in lead.text()
    lead.fill_in(
        {
            "Signed off by": "Assistant Chief Constable",
            "Their role": "Assistant Chief Constable (Crime and Justice)",
            "The senior officer named has read and agreed this return": True,
        }
    )
    lead.submit("Submit the return")
    assert "Submitted Devon and Cornwall Police's return" in lead.banner()
    assert "Submitted returns are locked" in lead.text()
    assert "Continue the return" not in lead.text()
    lead.shot("journey-self-assessment-submitted")

    auditor = visit("auditor")
    auditor.go("/p/torbay/self-assessments/")
    auditor.follow(ROUND)
    heat_map = auditor.page.locator("#heat-map").inner_text()
    assert "Devon and Cornwall Police" in heat_map and "Partly met" in heat_map
    auditor.shot("self-assessment-round")
