"""A case review walked in the browser from the serious incident to changed practice: the
auditor records and notifies an incident and asks the police for their summary; the police
lead writes it (and sees no other agency's); the rapid review is decided, signed off and
sent; the local practice review's finding becomes a recommendation, the recommendation a
plan action with an update, and, with evidence of impact (and not before), it is met.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

REF = "SI-2025-90"
OBJECTIVE = (
    "Torbay Safeguarding Children Partnership Business Plan 2021-2024: 1.1 A Neglect Group "
    "whose membership and terms of reference fit its purpose"
)


def test_from_a_notification_to_a_recommendation_met_with_evidence(visit):
    auditor = visit("auditor")
    auditor.go("/p/torbay/case-reviews/")
    auditor.follow("Record a serious incident")
    auditor.fill_in(
        {
            re.compile("^Reference"): REF,
            re.compile("^Child's reference"): "Jane Smith",
            "A child has been seriously harmed": True,
            re.compile("^Date of the incident"): "2025-03-02",
            re.compile("^Date the local authority became aware"): "2025-03-03",
            "Devon and Cornwall Police": True,
        }
    )
    auditor.submit(expect=400)  # a name is refused
    assert "never a name" in auditor.text()
    auditor.fill_in({re.compile("^Child's reference"): "Child W"})
    auditor.submit()
    assert auditor.heading() == f"Serious incident {REF}"
    assert "Due by 10 March 2025" in auditor.text()  # five working days after Monday 3rd

    auditor.follow("Record the notification")
    auditor.fill_in(
        {
            re.compile("^Date the national panel was notified"): "2025-03-05",
            re.compile("^Date Ofsted was notified"): "2025-03-05",
        }
    )
    auditor.submit()
    assert "In time" in auditor.text()
    assert "Due at the national panel by 26 March 2025" in auditor.text()
    auditor.follow("Ask agencies for their summaries")
    auditor.fill_in({re.compile("^Due by"): "2025-03-12"})
    auditor.submit()
    assert "Asked 1 agency" in auditor.banner()

    police = visit("owner")
    police.go("/p/torbay/case-reviews/my-summaries/")
    police.follow(f"Write the summary of involvement for {REF}")
    police.fill_in({re.compile("^Your agency's return"): "One domestic callout in 2024."})
    police.submit("Send the summary of involvement")
    assert "Sent the" in police.banner()
    police.go("/p/torbay/case-reviews/", expect=403)

    auditor.page.reload()
    auditor.check()
    auditor.follow("Record the rapid review")
    auditor.fill_in(
        {
            re.compile("^Rapid review meeting"): "2025-03-12",
            re.compile("^Immediate actions"): "A strategy discussion for the sibling.",
            "A local child safeguarding practice review": True,
            re.compile("^Reason for the decision"): "Learning for every agency.",
            re.compile("^Date of the decision"): "2025-03-12",
            re.compile("^Signed off by the council"): "2025-03-13",
            re.compile("^Signed off by the police"): "2025-03-13",
        }
    )
    auditor.submit()
    auditor.follow("Send the rapid review to the panel")
    auditor.fill_in({re.compile("^Date sent"): "2025-03-20"})
    auditor.submit(expect=400)  # health has not signed it off
    assert "signed off by the council, the police and health" in auditor.text()
    auditor.follow("Back")
    auditor.follow("Record the rapid review")
    auditor.fill_in({re.compile("^Signed off by health"): "2025-03-14"})
    auditor.submit()
    auditor.follow("Send the rapid review to the panel")
    auditor.fill_in({re.compile("^Date sent"): "2025-03-20"})
    auditor.submit()
    assert "Rapid review sent to the national panel" in auditor.text()

    auditor.follow("Start the local practice review")
    auditor.fill_in(
        {
            re.compile("^Reference"): "LCSPR-2025-90",
            re.compile("^Title"): "Child W: a head injury",
            re.compile("^Terms of reference"): "How did agencies share what they knew?",
        }
    )
    auditor.submit()
    assert auditor.heading() == "Child W: a head injury"
    assert "Expected by 12 September 2025" in auditor.text()
    auditor.follow("Add a finding")
    auditor.fill_in(
        {
            re.compile("^Finding"): "The GP's concern was not shared with the school.",
            re.compile("^Date found"): "2025-06-02",
            "Multi-agency information sharing": True,
        }
    )
    auditor.submit()
    auditor.follow("Make a recommendation from finding 1")
    auditor.fill_in({re.compile("^Reference"): "R1", re.compile("^Recommendation"): "Share it."})
    auditor.submit()
    assert auditor.heading() == "Recommendation R1"

    auditor.follow("Add an action")
    auditor.fill_in(
        {
            re.compile("^Objective it comes under"): OBJECTIVE,
            re.compile("^Action code"): "LR-J1",
            "Action": "Brief every GP practice on sharing with schools",
            re.compile("^Owner \\(person\\)"): "Head of Quality Assurance",
        }
    )
    auditor.submit()
    assert "Added action LR-J1" in auditor.banner()
    assert "No update yet" in auditor.text()
    recommendation = auditor.path
    auditor.follow("LR-J1")
    auditor.follow(re.compile(r"^Write the Q\d 20\d\d.\d\d update$"))
    auditor.fill_in({re.compile("^Green"): True, "Progress": "Every practice is briefed."})
    auditor.submit()
    auditor.go(recommendation)
    assert "Every practice is briefed." in auditor.text()

    auditor.submit("Close as met")
    assert "only with evidence" in auditor.text()
    auditor.follow("Record evidence of impact")
    auditor.fill_in(
        {
            "A re-audit or dip sample": True,
            re.compile("^What it shows"): "Schools now hear of GP concerns in the dip sample.",
        }
    )
    auditor.submit()
    auditor.submit("Close as met")
    assert "Recommendation R1 is met" in auditor.banner()
    assert "Schools now hear of GP concerns" in auditor.text()
    auditor.shot("journey-case-review-met")
