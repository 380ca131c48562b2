"""Accounts: argon2 password hashes, users with roles, and API tokens stored as SHA-256 hashes.

>>> create_user(store, "ada", "correct horse battery", "admin")
>>> authenticate(store, "ada", "correct horse battery")
User(id=1, username='ada', role='admin', email='')
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ROLES = ("admin", "moderator")
USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,100}$")
MIN_PASSWORD = 10
TOKEN_PREFIX = "tid_"

_hasher = PasswordHasher()
# verified against when the username is unknown, so both paths cost one argon2 verification
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class User:
    """A logged-in person (or the owner of an API token)."""

    id: int
    username: str
    role: str
    email: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def has_role(self, role: str) -> bool:
        """Admins may do everything moderators may."""
        return self.role == role or self.role == "admin"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "User":
        return cls(id=row["id"], username=row["username"], role=row["role"], email=row.get("email") or "")


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (PHC string with salt and parameters)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; never raises for a bad hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def validate_account(username: str, password: str, role: str) -> str | None:
    """Why these account details are unacceptable, or None."""
    if not USERNAME.match(username or ""):
        return "the username may use letters, digits and . _ @ - (at most 100 characters)"
    if role not in ROLES:
        return f"the role must be one of {', '.join(ROLES)}"
    if len(password or "") < MIN_PASSWORD:
        return f"the password needs at least {MIN_PASSWORD} characters"
    return None


def create_user(store, username: str, password: str, role: str = "admin", *, email: str = "",
                actor: str = "cli") -> int:
    """Create an account with an argon2 password hash; ``ValueError`` on bad input or a taken name."""
    problem = validate_account(username, password, role)
    if problem:
        raise ValueError(problem)
    return store.add_user(username, hash_password(password), role, email=email, actor=actor)


def authenticate(store, username: str, password: str) -> User | None:
    """The enabled user with this username and password, else None (constant work either way)."""
    row = store.user_by_username(username) if USERNAME.match(username or "") else None
    if row is None or row["disabled"]:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(row["password_hash"], password):
        return None
    if _hasher.check_needs_rehash(row["password_hash"]):
        store.set_user(row["id"], username, "user.rehashed", password_hash=hash_password(password))
    return User.from_row(row)


def session_version(password_hash: str) -> str:
    """A short fingerprint of the hash: a password change logs out every session."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(store, user_id: int, name: str, actor: str) -> str:
    """A new API token for ``user_id``; only its hash is kept, so show it once."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    store.add_api_token(user_id, name[:200], token_hash(token), actor)
    return token


def user_for_token(store, token: str) -> tuple[User, dict[str, Any]] | None:
    """The user owning ``token`` (and the token row), or None."""
    if not token or len(token) > 200:
        return None
    row = store.user_by_token_hash(token_hash(token))
    if row is None:
        return None
    return User.from_row(row), row
