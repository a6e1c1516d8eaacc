from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from forum.documents.services import prune_orphaned_files


class Command(BaseCommand):
    help = "Remove stored bytes that no file record refers to (left by rolled-back uploads). Run it daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="keep files younger than this (default: 24)")
        parser.add_argument("--dry-run", action="store_true", help="only list what would be removed")

    def handle(self, *args: Any, **options: Any) -> None:
        orphans = prune_orphaned_files(older_than=timedelta(hours=options["hours"]), dry_run=options["dry_run"])
        if options["verbosity"] == 0:
            return
        verb = "würden entfernt" if options["dry_run"] else "entfernt"
        self.stdout.write(f"{len(orphans)} verwaiste Dateien {verb}.")
        if options["verbosity"] > 1:
            for name in orphans:
                self.stdout.write(f"  {name}")
