"""A council's first step on a new Assure: `assure partnership new` starts its partnership
with the first administrator, who can sign in with the password printed once."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.test import Client

from assure.core.models import ChangeRecord, Membership, Partnership, RagScheme, Role
from assure.partnership import command
from tests.factories import PartnershipFactory

NEW = ["new", "--slug", "kent", "--name", "Kent Safeguarding Children Multi-Agency Partnership"]
NEW += ["--la", "886", "--la-name", "Kent", "--admin", "kent.admin"]


def test_a_new_partnership_with_its_administrator_who_can_sign_in(db, capsys):
    assert command.main(NEW) == 0
    printed = capsys.readouterr().out
    kent = Partnership.objects.get(slug="kent")
    assert kent.la_code == "886" and RagScheme.objects.filter(partnership=kent).exists()
    member = Membership.objects.get(partnership=kent, user__username="kent.admin")
    assert member.role == Role.ADMINISTRATOR
    assert ChangeRecord.objects.filter(partnership=kent).count() == 2
    password = re.search(r"password, shown once: (\S+)", printed)[1]
    client = Client()
    signed_in = client.post("/accounts/login/", {"username": "kent.admin", "password": password})
    assert signed_in.status_code == 302
    assert client.get("/p/kent/").status_code == 200


def test_a_bad_code_or_a_taken_name_is_refused_and_nothing_is_kept(db, capsys):
    assert command.main([*NEW[:-6], "--la", "88", "--la-name", "Kent", "--admin", "x"]) == 2
    assert "three-digit code" in capsys.readouterr().err
    existing = PartnershipFactory(slug="medway")
    taken = [*NEW[:2], existing.slug, *NEW[3:]]
    assert command.main(taken) == 2
    assert "already a partnership called medway" in capsys.readouterr().err
    assert not get_user_model().objects.filter(username="kent.admin").exists()
