"""The `assure` command: the front door for operators and analysts.

assure demo            migrate and (re)load the demo partnerships, print the sign-ins; the
                       synthetic child-level returns are left to the task worker [--now:
                       load them too, before returning]
assure serve           migrate and serve as in production: gunicorn with workers sized to the
                       machine and a task worker beside it, until Ctrl-C [ADDRESS] [--dev: the
                       development server instead of gunicorn] [--no-worker: the web alone,
                       when workers run as a service of their own]
assure worker          one task worker (loads, recomputing, daily reminders) [--batch: run
                       what is queued, then stop]
assure partnership new ...
                       a partnership and its first administrator (--slug --name --la CODE
                       --la-name NAME --admin USERNAME [--email])
assure purge-snapshots --older-than DAYS [--dry-run]
                       delete snapshots of returns kept longer than DAYS (each dataset's
                       newest stays), recorded on their loads
assure backup -o FILE  one archive of the database and the data folder, with checksums
assure restore FILE    an archive into an empty instance
assure spc ...         statistical process control of a series, as JSON
assure remind          e-mail owners what is overdue or due within 14 days (run daily);
                       --dry-run lists what would be sent, to whom, without sending
assure compute ...     every indicator from a folder of returns or a kept snapshot (--data DIR
                       or --snapshot DIR, --la CODE --month YYYY-MM [--format json|csv]),
                       without the web application
assure load ...        validate and keep returns for a partnership (--partnership SLUG
                       DIR|FILES [--year YYYY] [--as USERNAME])
assure generate ...    synthetic SSDA903, CIN census, Annex A and local extracts, calibrated to an
                       authority (--la CODE [--years N] [--scale authority|england] -o DIR)
assure report ...      a report to a file, --format html|pdf|docx (and xlsx for highlight
                       and exception) -o FILE: highlight --partnership SLUG [--plan ID]
                       --month YYYY-MM; exception --partnership SLUG --month YYYY-MM;
                       annual --partnership SLUG --year 2021-22 [--public];
                       board-pack --partnership SLUG --meeting ID
assure manage ...      any Django management command
"""

from __future__ import annotations

import os
import sys

USAGE = __doc__ or ""


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assure.settings")
    import django

    django.setup()


def demo(argv: list[str]) -> int:
    _django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", queue_child_level="--now" not in argv)
    return 0


def serve(argv: list[str]) -> int:
    _django()
    from assure.service.server import serve as run_server

    flags = {"--dev", "--no-worker"}
    rest = [a for a in argv if a not in flags]
    address = rest[0] if rest else os.environ.get("ASSURE_ADDRESS", "127.0.0.1:8000")
    return run_server(address, dev="--dev" in argv, worker="--no-worker" not in argv)


def worker(argv: list[str]) -> int:
    _django()
    from assure.service.worker import main as worker_main

    return worker_main(argv)


def backup(argv: list[str]) -> int:
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="assure backup")
    parser.add_argument("-o", "--output", required=True, type=Path, help="the archive to write")
    args = parser.parse_args(argv)
    _django()
    from assure.service.backup import BackupError, write

    try:
        write(args.output)
    except (BackupError, OSError) as error:
        print(f"assure backup: {error}", file=sys.stderr)
        return 1
    return 0


def restore(argv: list[str]) -> int:
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="assure restore")
    parser.add_argument("archive", type=Path, help="an archive written by assure backup")
    args = parser.parse_args(argv)
    _django()
    from assure.service.backup import BackupError
    from assure.service.backup import restore as restore_archive

    try:
        restore_archive(args.archive)
    except (BackupError, OSError) as error:
        print(f"assure restore: {error}", file=sys.stderr)
        return 1
    return 0


def spc(argv: list[str]) -> int:
    from analytics.spc_cli import main as spc_main

    return spc_main(argv)


def manage(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assure.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["assure manage", *argv])
    return 0


def remind(argv: list[str]) -> int:
    _django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("remind", *argv)
    except CommandError as error:
        print(f"assure remind: {error}", file=sys.stderr)
        return 1
    return 0


def compute(argv: list[str]) -> int:
    from analytics.compute_cli import main as compute_main

    return compute_main(argv)


def load(argv: list[str]) -> int:
    _django()
    from assure.datasets.command import main as load_main

    return load_main(argv)


COMMANDS = {"demo": demo, "serve": serve, "spc": spc, "manage": manage, "remind": remind}
COMMANDS.update({"compute": compute, "load": load, "worker": worker})
COMMANDS.update({"backup": backup, "restore": restore})


def partnership(argv: list[str]) -> int:
    _django()
    from assure.partnership.command import main as partnership_main

    return partnership_main(argv)


COMMANDS["partnership"] = partnership


def purge_snapshots(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="assure purge-snapshots")
    parser.add_argument("--older-than", type=int, required=True, metavar="DAYS")
    parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")
    args = parser.parse_args(argv)
    if args.older_than < 1:
        print("assure purge-snapshots: --older-than must be at least 1 day", file=sys.stderr)
        return 2
    _django()
    from assure.datasets.services import purge_snapshots as purge

    purged = purge(None, args.older_than, dry_run=args.dry_run)
    for name in purged:
        print(("Would delete " if args.dry_run else "Deleted ") + name)
    print(
        f"{len(purged)} snapshot{'s' if len(purged) != 1 else ''} older than {args.older_than} days"
    )
    return 0


COMMANDS["purge-snapshots"] = purge_snapshots


def generate(argv: list[str]) -> int:
    from analytics.synthetic.cli import main as generate_main

    return generate_main(argv)


COMMANDS["generate"] = generate


def report(argv: list[str]) -> int:
    _django()
    from assure.reports.command import main as report_main

    return report_main(argv)


COMMANDS["report"] = report


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    command = COMMANDS.get(args[0])
    if command is None:
        print(f"assure: no command '{args[0]}'.\n{USAGE}", file=sys.stderr)
        return 2
    return command(args[1:])


if __name__ == "__main__":
    sys.exit(main())
