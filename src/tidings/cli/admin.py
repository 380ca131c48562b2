"""``tidings reprocess|admin|backup|migrate``: operating an installation."""
from __future__ import annotations

import getpass
import sys

from .common import UsageError, parse_date, progress, store_for


def register(commands) -> None:
    reprocess = commands.add_parser("reprocess", help="re-extract stored HTML with the current extractor")
    reprocess.add_argument("--source", type=int, metavar="SOURCE_ID")
    reprocess.add_argument("--since")
    reprocess.set_defaults(handler=cmd_reprocess)
    admin = commands.add_parser("admin", help="accounts")
    sub = admin.add_subparsers(dest="admin_command", metavar="ACTION", parser_class=type(admin))
    sub.required = True
    create = sub.add_parser("create", help="create an admin or moderator account")
    create.add_argument("username")
    create.add_argument("--role", choices=("admin", "moderator"), default="admin")
    create.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    create.set_defaults(handler=cmd_admin_create)
    backup = commands.add_parser("backup", help="online backup (SQLite) or pg_dump (PostgreSQL)")
    backup.add_argument("--out", help="output path (default: data/backup-<time>.db or .sql)")
    backup.set_defaults(handler=cmd_backup)
    migrate = commands.add_parser("migrate", help="move an installation to another database")
    migrate.add_argument("--from", dest="source", required=True, metavar="URL")
    migrate.add_argument("--to", dest="target", required=True, metavar="URL")
    migrate.set_defaults(handler=cmd_migrate)


def cmd_reprocess(args) -> int:
    from ..reprocess import reprocess
    store = store_for(args)
    ids = store.article_ids_with_html(source_id=args.source, since=parse_date(args.since))
    changed = reprocess(store, progress(ids, total=len(ids), label="re-extracting"))
    print(f"re-extracted {len(ids)} article(s), {changed} changed")
    return 0


def cmd_admin_create(args) -> int:
    from ..rights.accounts import create_user
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("password: ")
        if password != getpass.getpass("again: "):
            raise UsageError("the passwords differ")
    if len(password) < 10:
        raise UsageError("the password needs at least 10 characters")
    create_user(store_for(args), args.username, password, args.role)
    print(f"created {args.role} {args.username}")
    return 0


def cmd_backup(args) -> int:
    from ..rights.backup import backup
    path = backup(store_for(args), args.out)
    print(f"backup written to {path}")
    return 0


def cmd_migrate(args) -> int:
    from ..store.move import move
    report = move(args.source, args.target, progress=progress)
    for table, (count, checksum) in report.items():
        print(f"{table:16s} {count:9d} rows  checksum {checksum}")
    return 0
