"""Accounts: argon2 hashes, users and roles, the CLI, API tokens."""
from __future__ import annotations

import io

import pytest
from argon2 import PasswordHasher

from tidings.rights import accounts
from tidings.rights.accounts import (User, authenticate, create_api_token, create_user, hash_password,
                                     token_hash, user_for_token, verify_password)

from .conftest import sqlite_only


def test_argon2_hash_and_verify_with_the_real_parameters(monkeypatch):
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher())  # undo the cheap test parameters
    first, second = hash_password("s3cret pass phrase"), hash_password("s3cret pass phrase")
    assert first.startswith("$argon2id$") and "m=65536" in first
    assert first != second  # salted
    assert verify_password(first, "s3cret pass phrase")
    assert not verify_password(first, "s3cret pass phrasE")
    assert not verify_password("not a hash", "s3cret pass phrase")
    assert not verify_password("", "")


def test_create_user_checks_its_input(store):
    with pytest.raises(ValueError, match="10 characters"):
        create_user(store, "bob", "short", "moderator")
    with pytest.raises(ValueError, match="role"):
        create_user(store, "bob", "long enough password", "superuser")
    with pytest.raises(ValueError, match="username"):
        create_user(store, "bob smith", "long enough password", "moderator")
    create_user(store, "bob", "long enough password", "moderator")
    with pytest.raises(ValueError, match="exists"):
        create_user(store, "bob", "another long password", "admin")
    row = store.user_by_username("bob")
    assert row["role"] == "moderator" and row["password_hash"].startswith("$argon2")
    assert "long enough password" not in row["password_hash"]


def test_authenticate(store):
    create_user(store, "ada", "correct horse battery", "admin", email="ada@example.org")
    user = authenticate(store, "ada", "correct horse battery")
    assert user == User(id=user.id, username="ada", role="admin", email="ada@example.org")
    assert authenticate(store, "ada", "wrong horse battery") is None
    assert authenticate(store, "nobody", "correct horse battery") is None
    store.set_user(user.id, "test", "user.disabled", disabled=True)
    assert authenticate(store, "ada", "correct horse battery") is None


def test_roles_admin_includes_moderator():
    admin, moderator = User(1, "a", "admin"), User(2, "m", "moderator")
    assert admin.has_role("moderator") and admin.has_role("admin") and admin.is_admin
    assert moderator.has_role("moderator") and not moderator.has_role("admin")


def test_cli_admin_create_reads_the_password_from_stdin(tmp_path, monkeypatch, capsys):
    from tidings.cli import main
    from tidings.store import open_store
    url = f"sqlite:///{tmp_path}/cli.db"
    monkeypatch.setattr("sys.stdin", io.StringIO("a long cli password\n"))
    assert main(["--db", url, "admin", "create", "carol", "--role", "moderator", "--password-stdin"]) == 0
    assert "created moderator carol" in capsys.readouterr().out
    store = open_store(url)
    try:
        assert authenticate(store, "carol", "a long cli password").role == "moderator"
        monkeypatch.setattr("sys.stdin", io.StringIO("a long cli password\n"))
        assert main(["--db", url, "admin", "create", "carol", "--password-stdin"]) == 1
        assert "exists" in capsys.readouterr().err
    finally:
        store.close()


def test_api_tokens_are_stored_hashed_and_can_be_revoked(store):
    user_id = create_user(store, "ada", "correct horse battery", "admin")
    token = create_api_token(store, user_id, "ci", "ada")
    assert token.startswith("tid_") and len(token) > 40
    [row] = store.list_api_tokens()
    assert row["name"] == "ci" and row["username"] == "ada"
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM api_tokens").scalar()
    assert stored == token_hash(token) and token not in stored
    assert user_for_token(store, token)[0].username == "ada"
    assert user_for_token(store, token + "x") is None
    assert user_for_token(store, "") is None
    store.delete_api_token(row["id"], "ada")
    assert user_for_token(store, token) is None


@sqlite_only
def test_bearer_token_authenticates_requests(store, client, users):
    token = create_api_token(store, users["moderator"], "bot", "ada")
    assert client.get("/whoami").json() == {"user": None}
    assert client.get("/whoami", headers={"Authorization": f"Bearer {token}"}).json() == {"user": "mo"}
    assert client.get("/whoami", headers={"Authorization": "Bearer tid_wrong"}).json() == {"user": None}
    assert client.get("/whoami", headers={"Authorization": f"Basic {token}"}).json() == {"user": None}
    assert store.list_api_tokens()[0]["last_used"] is not None
    store.set_user(users["moderator"], "test", "user.disabled", disabled=True)
    assert client.get("/whoami", headers={"Authorization": f"Bearer {token}"}).json() == {"user": None}
