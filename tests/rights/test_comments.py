"""Comments: pre/post-moderation, rate limits, honeypot, spam scoring, bans, sanitised output."""
from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from tidings.rights.comments import SPAM, SUSPICIOUS, spam_score, submit_comment
from tidings.rights.config import RightsSettings

from .conftest import MOD_PASSWORD, csrf_of, log_in, make_app, sqlite_only
from .test_sanitize import DANGER, PAYLOADS


def comment(client, story_id: int, body: str, **extra):
    return client.post(f"/story/{story_id}/comments",
                       data={"body": body, "author": "Reader", "csrf_token": csrf_of(client), **extra})


def comments_section(client, story_id: int) -> str:
    page = client.get(f"/story/{story_id}").text
    return page.split('id="comments"', 1)[1]


@pytest.fixture
def post_client(store, world):
    with TestClient(make_app(store, RightsSettings(comments="post")), follow_redirects=False) as client:
        yield client


def test_pre_moderation_hides_comments_until_approved(client, mod_client, store, world):
    section = comments_section(client, world.story_id)
    assert f'href="/story/{world.story_id}/comments"' in section and 'id="comment-form"' not in section
    form = client.get(f"/story/{world.story_id}/comments")
    assert form.status_code == 200 and form.headers["cache-control"] == "no-store"
    assert 'id="comment-form"' in form.text and 'name="website"' in form.text and 'name="csrf_token"' in form.text
    response = comment(client, world.story_id, "Thanks for collecting these reports.")
    assert response.status_code == 303
    assert response.headers["location"] == f"/story/{world.story_id}?comment=pending#comments"
    assert store.story_comments(world.story_id) == []
    assert "Thanks for collecting" not in comments_section(client, world.story_id)
    [pending] = store.comments_by_status(("pending",))
    assert re.fullmatch(r"[0-9a-f]{64}", pending["ip_hash"]) and "testclient" not in pending["ip_hash"]
    assert "Thanks for collecting" in mod_client.get("/admin/comments").text
    token = csrf_of(mod_client)
    assert mod_client.post(f"/admin/comments/{pending['id']}/approve", data={"csrf_token": token}).status_code == 303
    [shown] = store.story_comments(world.story_id)
    assert shown["author"] == "Reader"
    assert "Thanks for collecting" in comments_section(client, world.story_id)
    assert "comment.approved" in [e["action"] for e in store.list_audit()]


def test_post_moderation_publishes_at_once_unless_suspicious(post_client, store, world):
    assert comment(post_client, world.story_id, "A calm and useful remark.").headers["location"].endswith(
        "?comment=approved#comments")
    comment(post_client, world.story_id, "CHECK THIS OUT https://a.example https://b.example")
    assert [c["body"] for c in store.story_comments(world.story_id)] == ["A calm and useful remark."]
    assert len(store.comments_by_status(("pending", "spam"))) == 1


@sqlite_only
def test_comments_off(store, world):
    with TestClient(make_app(store, RightsSettings(comments="off")), follow_redirects=False) as client:
        assert "/comments" not in client.get(f"/story/{world.story_id}").text
        assert client.get(f"/story/{world.story_id}/comments").status_code == 404
        assert comment(client, world.story_id, "hello there").status_code == 404
    assert store.comments_by_status(("pending", "approved", "spam")) == []


def test_rate_limit_per_address(client, store, world):
    for n in range(3):
        assert comment(client, world.story_id, f"Comment number {n} about the floods.").status_code == 303
    response = comment(client, world.story_id, "One more comment about the floods.")
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0
    assert len(store.comments_by_status(("pending",))) == 3


@sqlite_only
def test_honeypot_looks_accepted_but_stores_nothing(client, store, world):
    response = comment(client, world.story_id, "Nice article", website="http://spam.example")
    assert response.status_code == 303 and "comment=pending" in response.headers["location"]
    assert store.comments_by_status(("pending", "approved", "spam")) == []


@sqlite_only
def test_bad_input_and_unknown_story(client, world):
    assert comment(client, world.story_id, "   ").status_code == 400
    too_long = comment(client, world.story_id, "x" * 5001, author="Rosa")
    assert too_long.status_code == 400 and 'id="comment-problem"' in too_long.text
    assert "x" * 5001 + "</textarea>" in too_long.text and 'value="Rosa"' in too_long.text  # nothing typed is lost
    assert comment(client, 999999, "hello there").status_code == 404
    assert client.get("/story/999999/comments").status_code == 404


@pytest.mark.parametrize("text, low", [
    ("I think the second report has the better numbers.", True),
    ("Good point, see https://stats.example/floods for the official figures.", True),
    ("BUY NOW!!! https://a.example https://b.example https://c.example", False),
    ("THIS IS THE WORST REPORTING I HAVE EVER SEEN ANYWHERE", False),
    ("Cheap viagra and casino bonuses, click here", False),
    ("Wooooooooooooow", False),
    ("k", False),
])
def test_spam_score(text, low):
    assert (spam_score(text) < SUSPICIOUS) is low


def test_obvious_spam_is_held_as_spam(post_client, store, world):
    comment(post_client, world.story_id, "Free money! viagra casino click here https://x.example https://y.example")
    [held] = store.comments_by_status(("spam",))
    assert held["spam_score"] >= SPAM and store.story_comments(world.story_id) == []


def test_delete_and_ban(client, mod_client, store, world):
    comment(client, world.story_id, "First message from this address.")
    comment(client, world.story_id, "Second message from this address.")
    first, second = sorted(store.comments_by_status(("pending",)), key=lambda c: c["id"])
    token = csrf_of(mod_client)
    assert mod_client.post(f"/admin/comments/{first['id']}/delete", data={"csrf_token": token}).status_code == 303
    assert store.get_comment(first["id"]) is None
    assert mod_client.post(f"/admin/comments/{second['id']}/ban",
                           data={"csrf_token": token, "days": "7"}).status_code == 303
    assert store.comments_by_status(("pending",)) == []
    response = comment(client, world.story_id, "Trying again after the ban.")
    assert response.status_code == 403 and store.comments_by_status(("pending",)) == []
    actions = [e["action"] for e in store.list_audit()]
    assert "comment.deleted" in actions and "address.banned" in actions
    assert mod_client.post("/admin/comments/999999/delete", data={"csrf_token": token}).status_code == 404


@sqlite_only
def test_xss_payloads_never_reach_the_page(client, store, world, users):
    for n, payload in enumerate(PAYLOADS):
        outcome = submit_comment(store, world.story_id, {"body": payload, "author": payload[:60]}, f"{n:064x}", "post")
        if outcome.status != "approved":
            store.moderate_comment(outcome.comment_id, "approved", "test")
    assert len(store.story_comments(world.story_id)) == len(PAYLOADS)
    section = comments_section(client, world.story_id)
    listing = section.split('<ol class="comment-list">', 1)[1].split("</ol>", 1)[0]
    assert not DANGER.search(listing), DANGER.search(listing)
    with TestClient(client.app, follow_redirects=False) as moderator:
        log_in(moderator, "mo", MOD_PASSWORD)
        page = moderator.get("/admin/comments").text
    shown = re.findall(r'<div class="comment-body">(.*?)</div>|<p class="meta">(.*?)</p>', page, re.S)
    assert len(shown) == 2 * len(PAYLOADS)
    for body, meta in shown:
        assert not DANGER.search(body + meta), body + meta
