"""`assure partnership new`: start a partnership on a new Assure, with its first administrator.

    assure partnership new --slug torbay --name "Torbay Safeguarding Children Partnership"
        --la 880 --la-name Torbay --admin jo.bloggs [--email jo.bloggs@torbay.gov.uk]

The administrator then adds the agencies, people and groups in the web interface. A new user
is given a password printed once (change it with `assure manage changepassword USER`).
"""

from __future__ import annotations

import argparse
import secrets
import sys

from django.contrib.auth import get_user_model
from django.db import transaction

from assure.core.errors import DomainError
from assure.core.models import Role
from assure.partnership import services

PROG = "assure partnership"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Start a partnership.")
    verbs = parser.add_subparsers(dest="verb", required=True)
    new = verbs.add_parser("new", help="a new partnership and its first administrator")
    new.add_argument("--slug", required=True, help="short name in addresses, e.g. torbay")
    new.add_argument("--name", required=True, help="the partnership's full name")
    new.add_argument("--la", required=True, help="the local authority's code, e.g. 880")
    new.add_argument("--la-name", required=True, help="the local authority's name")
    new.add_argument("--admin", required=True, help="user name of the first administrator")
    new.add_argument("--email", default="", help="the administrator's e-mail address")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 2
    users = get_user_model()
    password = ""
    try:
        with transaction.atomic():
            partnership = services.start_partnership(
                None, slug=args.slug, name=args.name, la_code=args.la, la_name=args.la_name
            )
            user = users.objects.filter(username=args.admin).first()
            if user is None:
                password = secrets.token_urlsafe(12)
                user = users.objects.create_user(args.admin, args.email, password)
            services.add_member(None, partnership, user, Role.ADMINISTRATOR)
    except DomainError as error:
        print(f"{PROG}: {error.message}", file=sys.stderr)
        return 2
    print(
        f"Started {partnership.name} at /p/{partnership.slug}/; {args.admin} is its administrator"
    )
    if password:
        print(f"{args.admin}'s password, shown once: {password}")
    return 0
