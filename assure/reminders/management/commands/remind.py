"""`assure remind`: e-mail each owner what is overdue or due within 14 days, and each
training attendee the three-month follow-up that has fallen due. Run it daily."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assure.reminders.services import Outgoing, remind
from assure.training.follow_ups import send_follow_ups


class Command(BaseCommand):
    help = (
        "E-mail each owner their plan updates, tracker actions, risk reviews, case audits, case "
        "review deadlines and self-assessment returns that are overdue or due within 14 days, "
        "each item at most once a week; and each training attendee their three-month follow-up, "
        "once. --dry-run lists without sending."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List, send nothing")
        parser.add_argument("--partnership", action="append", help="Only this partnership (slug)")
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = self._today(options.get("today"))
        dry_run = options["dry_run"]
        outgoing = remind(today, dry_run=dry_run, slugs=options.get("partnership"))
        for item in outgoing:
            self._report(item, dry_run)
        sent = [o for o in outgoing if o.sent]
        failed = [o for o in outgoing if o.error]
        items = sum(len(o.items) for o in (outgoing if dry_run else sent))
        held = sum(len(o.held_back) for o in outgoing)
        verb = "Would send" if dry_run else "Sent"
        count = len([o for o in outgoing if o.items and o.email]) if dry_run else len(sent)
        self.stdout.write(
            f"{verb} {count} e-mail{'s' if count != 1 else ''} about {items} item"
            f"{'s' if items != 1 else ''}; {held} held back as reminded in the last week."
        )
        follow_ups = send_follow_ups(today, dry_run=dry_run, slugs=options.get("partnership"))
        for follow_up in follow_ups:
            self.stdout.write(str(follow_up))
        failed_follow_ups = [f for f in follow_ups if f.error]
        if failed or failed_follow_ups:
            count = len(failed) + len(failed_follow_ups)
            raise CommandError(f"{count} e-mail(s) could not be sent.")

    def _today(self, text: str | None) -> dt.date:
        if not text:
            return dt.date.today()
        try:
            return dt.date.fromisoformat(text)
        except ValueError as error:
            raise CommandError(f"--today: '{text}' is not a date; expected YYYY-MM-DD") from error

    def _report(self, item: Outgoing, dry_run: bool) -> None:
        who = f"{item.person.name} ({item.partnership.slug})"
        if not item.items:
            return
        if not item.email:
            self.stdout.write(f"No e-mail address for {who}: {len(item.items)} item(s) not sent")
            return
        if item.error:
            self.stderr.write(f"Could not send to {item.email}, {who}: {item.error}")
            return
        verb = "Would send to" if dry_run else "Sent to"
        self.stdout.write(f"{verb} {item.email}, {who}: {len(item.items)} item(s)")
        for due in item.items:
            when = f", due {due.due_on:%-d %b %Y}" if due.due_on else ""
            self.stdout.write(f"  {due.state}: {due.kind_label}: {due.label[:100]}{when}")
