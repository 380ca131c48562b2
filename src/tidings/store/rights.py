"""Accounts, API tokens, login attempts, rate limits, the audit log, comments and bans.

The audit log is append-only: this module only ever inserts into it (and migration 0003 adds
database triggers refusing UPDATE and DELETE).
"""
from __future__ import annotations

import json
import secrets
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from .articles import last_id_fetched_before
from .complaints import ComplaintQueries, audit_row
from .schema import (api_tokens, article_html, audit_log, bans, comments, kv, login_attempts,
                     rate_events, stories, users)
from .sources import utcnow


class RightsQueries(ComplaintQueries):
    engine: sa.Engine

    # -- the installation secret -------------------------------------------------------------
    def ensure_secret(self, key: str = "secret_key") -> str:
        """The random secret stored under ``key`` in kv, created once (race-safe across processes)."""
        query = sa.select(kv.c.value).where(kv.c.key == key)
        with self.engine.connect() as conn:
            value = conn.execute(query).scalar()
        if value is not None:
            return json.loads(value)
        try:
            with self.engine.begin() as conn:
                conn.execute(kv.insert().values(key=key, value=json.dumps(secrets.token_urlsafe(48)),
                                                updated=utcnow()))
        except sa.exc.IntegrityError:
            pass  # another process created it first
        with self.engine.connect() as conn:
            return json.loads(conn.execute(query).scalar_one())

    # -- users and API tokens ------------------------------------------------------------------
    def add_user(self, username: str, password_hash: str, role: str, *, email: str = "",
                 actor: str = "cli") -> int:
        """Create an account; ``ValueError`` when the username is taken."""
        with self.engine.begin() as conn:
            taken = conn.execute(sa.select(users.c.id).where(users.c.username == username)).first()
            if taken is not None:
                raise ValueError(f"user {username!r} exists already")
            user_id = conn.execute(users.insert().values(
                username=username, password_hash=password_hash, role=role, email=email,
                created_at=utcnow())).inserted_primary_key[0]
            audit_row(conn, actor, "user.created", f"user:{username}", f"role={role}")
        return user_id

    def get_user(self, user_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(users).where(users.c.id == user_id)).mappings().first()
            return dict(row) if row else None

    def user_by_username(self, username: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(users).where(users.c.username == username)).mappings().first()
            return dict(row) if row else None

    def list_users(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(sa.select(users).order_by(users.c.username)).mappings()]

    def moderator_emails(self) -> list[str]:
        query = sa.select(users.c.email).where(users.c.email != "", sa.not_(users.c.disabled))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def set_user(self, user_id: int, actor: str, action: str, **values: Any) -> None:
        """Change an account (disable, new password hash, ...) and audit it."""
        with self.engine.begin() as conn:
            conn.execute(users.update().where(users.c.id == user_id).values(**values))
            audit_row(conn, actor, action, f"user:{user_id}", "")

    def add_api_token(self, user_id: int, name: str, token_hash: str, actor: str) -> int:
        with self.engine.begin() as conn:
            token_id = conn.execute(api_tokens.insert().values(
                user_id=user_id, name=name, token_hash=token_hash, created_at=utcnow())).inserted_primary_key[0]
            audit_row(conn, actor, "token.created", f"token:{token_id}", f"user={user_id} name={name}")
        return token_id

    def user_by_token_hash(self, token_hash: str) -> dict[str, Any] | None:
        """The enabled user owning the token, with ``token_id`` and ``last_used``."""
        query = (sa.select(users, api_tokens.c.id.label("token_id"), api_tokens.c.last_used)
                 .join(api_tokens, api_tokens.c.user_id == users.c.id)
                 .where(api_tokens.c.token_hash == token_hash, sa.not_(users.c.disabled)))
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
            return dict(row) if row else None

    def touch_api_token(self, token_id: int, now: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(api_tokens.update().where(api_tokens.c.id == token_id).values(last_used=now))

    def list_api_tokens(self) -> list[dict[str, Any]]:
        query = (sa.select(api_tokens.c.id, api_tokens.c.name, api_tokens.c.created_at, api_tokens.c.last_used,
                           users.c.username).join(users, users.c.id == api_tokens.c.user_id)
                 .order_by(api_tokens.c.id))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def delete_api_token(self, token_id: int, actor: str) -> bool:
        with self.engine.begin() as conn:
            gone = conn.execute(api_tokens.delete().where(api_tokens.c.id == token_id)).rowcount > 0
            if gone:
                audit_row(conn, actor, "token.revoked", f"token:{token_id}", "")
        return gone

    # -- login attempts and rate limits --------------------------------------------------------
    def record_login_attempt(self, keys: list[str], ok: bool, at: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(login_attempts.insert(), [dict(key=k[:200], ok=ok, at=at) for k in keys])

    def login_failures_since(self, key: str, since: datetime) -> list[datetime]:
        """Failed attempts for ``key`` after ``since`` and after its last successful login."""
        last_ok = (sa.select(sa.func.max(login_attempts.c.at))
                   .where(login_attempts.c.key == key, login_attempts.c.ok).scalar_subquery())
        query = (sa.select(login_attempts.c.at)
                 .where(login_attempts.c.key == key, sa.not_(login_attempts.c.ok), login_attempts.c.at > since,
                        sa.or_(last_ok.is_(None), login_attempts.c.at > last_ok))
                 .order_by(login_attempts.c.at))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def record_rate_event(self, key: str, at: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(rate_events.insert().values(key=key[:200], at=at))

    def rate_events_since(self, key: str, since: datetime) -> list[datetime]:
        query = (sa.select(rate_events.c.at).where(rate_events.c.key == key, rate_events.c.at > since)
                 .order_by(rate_events.c.at))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def prune_throttle_rows(self, before: datetime) -> int:
        """Forget login attempts and rate events older than ``before``."""
        with self.engine.begin() as conn:
            gone = conn.execute(login_attempts.delete().where(login_attempts.c.at < before)).rowcount
            return gone + conn.execute(rate_events.delete().where(rate_events.c.at < before)).rowcount

    # -- audit log -----------------------------------------------------------------------------
    def add_audit(self, actor: str, action: str, target: str = "", details: str = "",
                  at: datetime | None = None) -> int:
        with self.engine.begin() as conn:
            return audit_row(conn, actor, action, target, details, at)

    def list_audit(self, *, target: str | None = None, limit: int = 100,
                   before_id: int | None = None) -> list[dict[str, Any]]:
        """Audit entries, newest first (``before_id`` pages back)."""
        query = sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        if target is not None:
            query = query.where(audit_log.c.target == target)
        if before_id is not None:
            query = query.where(audit_log.c.id < before_id)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    # -- comments and bans ---------------------------------------------------------------------
    def add_comment(self, story_id: int, author: str, body: str, ip_hash: str, status: str,
                    spam_score: float, at: datetime) -> int:
        values = dict(story_id=story_id, author=author[:100], body=body, ip_hash=ip_hash, status=status,
                      spam_score=spam_score, created_at=at)
        with self.engine.begin() as conn:
            return conn.execute(comments.insert().values(**values)).inserted_primary_key[0]

    def story_comments(self, story_id: int) -> list[dict[str, Any]]:
        """Approved comments of a story, oldest first; ``body_html`` is sanitised, safe markup."""
        from markupsafe import Markup

        from ..rights.sanitize import sanitize_comment
        query = (sa.select(comments.c.id, comments.c.author, comments.c.body, comments.c.created_at)
                 .where(comments.c.story_id == story_id, comments.c.status == "approved")
                 .order_by(comments.c.created_at, comments.c.id))
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        for row in rows:
            row["body_html"] = Markup(sanitize_comment(row["body"]))
        return rows

    def comments_by_status(self, statuses: tuple[str, ...], limit: int = 200) -> list[dict[str, Any]]:
        query = (sa.select(comments, stories.c.title.label("story_title"))
                 .join(stories, stories.c.id == comments.c.story_id)
                 .where(comments.c.status.in_(statuses)).order_by(comments.c.id.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def get_comment(self, comment_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(comments).where(comments.c.id == comment_id)).mappings().first()
            return dict(row) if row else None

    def comments_since(self, ip_hash: str, since: datetime) -> int:
        query = sa.select(sa.func.count()).select_from(comments).where(
            comments.c.ip_hash == ip_hash, comments.c.created_at > since)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def moderate_comment(self, comment_id: int, status: str | None, actor: str) -> bool:
        """Set a comment's status, or delete it when ``status`` is None; audited."""
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(comments.c.story_id, comments.c.author)
                               .where(comments.c.id == comment_id)).first()
            if row is None:
                return False
            where = comments.c.id == comment_id
            conn.execute(comments.delete().where(where) if status is None
                         else comments.update().where(where).values(status=status))
            audit_row(conn, actor, f"comment.{status or 'deleted'}", f"comment:{comment_id}",
                      f"story={row.story_id} author={row.author}")
        return True

    def ban(self, ip_hash: str, reason: str, actor: str, *, until: datetime | None = None,
            now: datetime | None = None) -> int:
        """Ban an address (by hash) and delete its comments not yet approved; returns how many."""
        now = now or utcnow()
        with self.engine.begin() as conn:
            conn.execute(bans.delete().where(bans.c.ip_hash == ip_hash))
            conn.execute(bans.insert().values(ip_hash=ip_hash, reason=reason[:1000], at=now, until=until))
            gone = conn.execute(comments.delete().where(comments.c.ip_hash == ip_hash,
                                                        comments.c.status != "approved")).rowcount
            audit_row(conn, actor, "address.banned", f"ip:{ip_hash[:16]}", reason, now)
        return gone

    def is_banned(self, ip_hash: str, now: datetime) -> bool:
        query = sa.select(bans.c.ip_hash).where(bans.c.ip_hash == ip_hash,
                                                sa.or_(bans.c.until.is_(None), bans.c.until > now))
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    # -- retention -------------------------------------------------------------------------------
    def prune_raw_html(self, before: datetime) -> int:
        """Delete stored raw HTML fetched before ``before``; returns the number of rows."""
        with self.engine.begin() as conn:
            last = last_id_fetched_before(conn, before)  # then a primary-key range, not a table scan
            if last is None:
                return 0
            old = sa.and_(article_html.c.article_id <= last, article_html.c.fetched < before)
            return conn.execute(article_html.delete().where(old)).rowcount
