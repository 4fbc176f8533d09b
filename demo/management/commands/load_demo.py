"""Load (or reload) the demo partnerships built from the seed documents."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.loader import DEMO_PASSWORD, DemoDataError, load_all


class Command(BaseCommand):
    help = "Load the demo partnerships (Torbay and Stockton-on-Tees), replacing earlier copies"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue-child-level",
            action="store_true",
            help="leave the synthetic child-level returns to the task worker",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = options["queue_child_level"]
        try:
            partnerships = load_all(queue_child_level=queued)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        for partnership in partnerships:
            users = partnership.members.select_related("user").order_by("user__username")
            self.stdout.write(
                f"Loaded {partnership.name} ({partnership.slug}): {partnership.plans.count()} plans"
            )
            for membership in users:
                self.stdout.write(
                    f"  {membership.user.username:<20} {membership.get_role_display()}"
                )
        self.stdout.write(f"Every demo user's password is {DEMO_PASSWORD}")
        if queued:
            self.stdout.write(
                "Torbay's synthetic returns are being simulated and loaded by the task worker: "
                "its child-level figures appear under Data and Performance within a minute."
            )
