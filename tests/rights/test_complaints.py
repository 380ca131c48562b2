"""Complaints and takedowns: validation, the 24-hour clock, the queue, takedown, counter-notice,
restoration after the waiting period, metrics, rate limits, honeypot and notifications."""
from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from tidings.rights import complaints as ops
from tidings.rights.config import SMTP, RightsSettings
from tidings.rights.notices import check_complaint, check_counter_notice
from tidings.rights.notify import notify_moderators
from tidings.store.schema import blocked_urls, sources
from tidings.store.sources import utcnow

from .conftest import csrf_of, make_app, sqlite_only
from .servers import smtp_sink, webhook_sink

COPYRIGHT_ELEMENTS = {"work", "name", "email", "address", "phone", "good_faith", "accuracy", "signature"}


def notice(url: str, **changes) -> dict:
    data = {"kind": "copyright", "url": url, "work": "My photo essay 'Valley floods', published at "
            "https://owner.example/floods", "name": "Rita Owner", "email": "rita@owner.example",
            "address": "1 Main Street, Springfield", "phone": "+1 555 0100", "good_faith": "on",
            "accuracy": "on", "signature": "Rita Owner"}
    data.update(changes)
    return data


def counter(url: str) -> dict:
    return {"url": url, "name": "Pat Publisher", "email": "pat@news.example", "address": "2 Side St, Town",
            "phone": "+44 20 7946 0000", "mistake": "on", "consent": "on", "signature": "Pat Publisher",
            "details": "We licensed the photos."}


def post_form(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": csrf_of(client)})


def blocked(store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(sa.select(blocked_urls.c.url)).scalars())


def source_row(store, source_id: int) -> dict:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(sources).where(sources.c.id == source_id)).mappings().one())


def test_a_copyright_notice_needs_every_dmca_element():
    checked = check_complaint({"kind": "copyright", "url": "https://site.example/article/1"})
    assert set(checked.errors) == COPYRIGHT_ELEMENTS
    assert "penalty of perjury" in checked.errors["accuracy"] and "good faith" in checked.errors["good_faith"]
    assert check_complaint(notice("https://site.example/article/1")).ok


def test_other_kinds_need_an_explanation_but_not_the_dmca_statements():
    checked = check_complaint({"kind": "privacy", "url": "/article/3", "name": "A", "email": "a@b.example"})
    assert set(checked.errors) == {"details"}
    assert check_complaint({"kind": "error", "url": "/article/3", "name": "A", "email": "a@b.example",
                            "details": "The date in the headline is wrong."}).ok


def test_field_formats_are_checked():
    checked = check_complaint(notice("javascript:alert(1)", email="not-an-email", phone="12", kind="copyright"))
    assert set(checked.errors) == {"url", "email", "phone"}
    assert "kind" in check_complaint(notice("/article/1", kind="spam")).errors
    assert "work" in check_complaint(notice("/article/1", work="x" * 5000)).errors
    assert set(check_counter_notice({"url": "/article/1"}).errors) == {
        "name", "email", "address", "phone", "signature", "mistake", "consent"}


def test_complaint_lifecycle(store, world, client, mod_client):
    form = client.get("/complaints/new").text
    for name in ("kind", "url", "work", "name", "email", "address", "phone", "details", "good_faith",
                 "accuracy", "signature"):
        assert f'id="f-{name}" name="{name}"' in form and f'for="f-{name}"' in form
    stories_before = store.story_view(world.story_id)

    # file → acknowledgement with a deadline 24 hours after receipt
    response = post_form(client, "/complaints/new", notice(f"http://testserver/article/{world.article_id}"))
    assert response.status_code == 303
    status_url = response.headers["location"]
    complaint_id = int(re.search(r"/complaints/(\d+)\?t=", status_url).group(1))
    complaint = store.get_complaint(complaint_id)
    assert complaint["deadline"] - complaint["received_at"] == timedelta(hours=24)
    assert complaint["article_id"] == world.article_id and complaint["status"] == "open"
    page = client.get(status_url)
    assert page.status_code == 200 and f'id="complaint-id">{complaint_id}<' in page.text
    assert complaint["deadline"].isoformat() in page.text
    assert client.get(f"/complaints/{complaint_id}").status_code == 404
    assert client.get(f"/complaints/{complaint_id}?t=0123456789abcdef0123456789abcdef").status_code == 404

    # the queue shows it; take it down and block the source
    assert f'id="complaint-{complaint_id}"' in mod_client.get("/admin/complaints").text
    response = post_form(mod_client, f"/admin/complaints/{complaint_id}/takedown",
                         {"article_id": str(world.article_id), "reason": "valid notice", "block_source": "on"})
    assert response.status_code == 303
    assert store.get_article(world.article_id)["status"] == "taken_down"
    assert store.get_complaint(complaint_id)["status"] == "taken_down"
    assert blocked(store) == {world.url, world.canonical}
    assert store.known_urls([world.url, world.canonical]) == {world.url, world.canonical}
    assert store.raw_html(world.article_id) is None
    assert store.article_count() == 1
    assert store.story_view(world.story_id) != stories_before
    source = source_row(store, world.source_id)
    assert source["infringements"] == 1 and source["blocked"] is True
    actions = [e["action"] for e in store.list_audit()]
    for expected in ("complaint.received", "article.taken_down", "complaint.take_down", "source.blocked"):
        assert expected in actions
    assert "taken down" in client.get(status_url).text
    detail = mod_client.get(f"/admin/complaints/{complaint_id}").text
    assert '<strong id="infringements">1</strong>' in detail and 'id="unblock-source"' in detail

    # counter-notice → accepted → restored once the waiting period has passed
    response = post_form(client, "/complaints/counter", counter(world.url))
    assert response.status_code == 303 and response.headers["location"] == status_url
    assert store.get_complaint(complaint_id)["status"] == "counter_notice"
    assert post_form(mod_client, f"/admin/complaints/{complaint_id}/accept-counter", {}).status_code == 303
    complaint = store.get_complaint(complaint_id)
    assert complaint["status"] == "restore_pending"
    waited = complaint["restore_after"] - utcnow()
    assert timedelta(days=13, hours=23) < waited <= timedelta(days=14)
    assert ops.restore_due(store) == 0
    assert store.get_article(world.article_id)["status"] == "taken_down"
    assert ops.restore_due(store, complaint["restore_after"] + timedelta(seconds=1)) == 1
    assert store.get_article(world.article_id)["status"] == "ok"
    assert store.get_complaint(complaint_id)["status"] == "restored"
    assert blocked(store) == set() and store.article_count() == 2
    assert source_row(store, world.source_id)["infringements"] == 0
    assert source_row(store, world.source_id)["blocked"] is True  # until a moderator unblocks it
    assert post_form(mod_client, f"/admin/complaints/{complaint_id}/unblock-source", {}).status_code == 303
    assert source_row(store, world.source_id)["blocked"] is False
    assert "article.restored" in [e["action"] for e in store.list_audit()]


def test_counter_notice_waiting_period_is_configurable(store, world):
    filed = ops.file_complaint(store, notice(world.url))
    ops.take_down(store, filed["id"], "mo")
    assert ops.file_counter_notice(store, counter(world.canonical))["status"] == "counter_notice"
    now = utcnow()
    assert ops.accept_counter_notice(store, filed["id"], "mo", days=3, now=now) == now + timedelta(days=3)
    ops.keep_down(store, filed["id"], "mo", "the complainant filed a court action")
    assert ops.restore_due(store, now + timedelta(days=30)) == 0
    assert store.get_complaint(filed["id"])["status"] == "taken_down"


def test_the_24_hour_clock_queue_order_overdue_and_metrics(store, world, mod_client):
    now = utcnow()
    ages = {"fresh": 2, "late": 30, "latest": 50, "borderline": 23}
    ids = {name: ops.file_complaint(store, notice(f"/article/{world.article_id}"), now=now - timedelta(hours=h))["id"]
           for name, h in ages.items()}
    metrics = ops.complaint_metrics(store, now)
    assert metrics == {"open": 4, "overdue": 2, "median_hours_to_action": None}
    page = mod_client.get("/admin/complaints").text
    order = [int(i) for i in re.findall(r'<tr id="complaint-(\d+)"', page)]
    assert order == [ids["latest"], ids["late"], ids["borderline"], ids["fresh"]]
    overdue_rows = re.findall(r'<tr id="complaint-(\d+)" class="overdue"', page)
    assert sorted(int(i) for i in overdue_rows) == sorted([ids["late"], ids["latest"]])
    assert page.count("OVERDUE by") == 2 and 'id="metric-overdue">2<' in page

    ops.reject(store, ids["late"], "mo", "not our page", now=now)
    ops.take_down(store, ids["fresh"], "mo", now=now)
    metrics = ops.complaint_metrics(store, now)
    assert metrics["open"] == 2 and metrics["overdue"] == 1
    assert metrics["median_hours_to_action"] == 16.0  # (30 h + 2 h) / 2


def test_actions_check_state_and_reasons(store, world, mod_client, client):
    filed = ops.file_complaint(store, notice("https://elsewhere.example/not-stored"))
    assert filed["article_id"] is None
    path = f"/admin/complaints/{filed['id']}"
    response = post_form(mod_client, f"{path}/takedown", {"reason": "x"})
    assert response.status_code == 404 and "matches no stored article" in response.text
    assert post_form(mod_client, f"{path}/reject", {"reason": " "}).status_code == 400
    assert post_form(mod_client, f"{path}/reject", {"reason": "Not on this site"}).status_code == 303
    assert store.get_complaint(filed["id"])["status"] == "rejected"
    assert post_form(mod_client, f"{path}/accept-counter", {}).status_code == 409
    assert post_form(mod_client, f"{path}/takedown", {"article_id": str(world.article_id)}).status_code == 409
    assert store.get_article(world.article_id)["status"] == "ok"
    assert mod_client.get("/admin/complaints/999999").status_code == 404
    status = client.get(f"/complaints/{filed['id']}?t={ops.ack_token(store.ensure_secret(), filed['id'])}")
    assert "Not on this site" in status.text


@sqlite_only
def test_the_form_reports_every_problem_and_keeps_the_values(client, store):
    response = post_form(client, "/complaints/new", {"kind": "copyright", "url": "/article/1", "name": "Rita <b>"})
    assert response.status_code == 400
    for name in COPYRIGHT_ELEMENTS - {"name"}:
        assert f'id="e-{name}"' in response.text
    assert 'value="Rita &lt;b&gt;"' in response.text
    assert store.list_complaints(None) == []


def test_complaints_are_rate_limited_per_address(client, store, world):
    for _ in range(5):
        assert post_form(client, "/complaints/new", notice(world.url)).status_code == 303
    response = post_form(client, "/complaints/new", notice(world.url))
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0
    assert len(store.list_complaints(None)) == 5


@sqlite_only
def test_honeypot_submissions_are_not_stored(client, store, world):
    response = post_form(client, "/complaints/new", {**notice(world.url), "website": "http://spam.example"})
    assert response.status_code == 200 and "Thank you" in response.text
    assert store.list_complaints(None) == []


@sqlite_only
def test_counter_notice_for_an_unknown_url(client, store, world):
    response = post_form(client, "/complaints/counter", counter("https://nowhere.example/x"))
    assert response.status_code == 404 and "no takedown on record" in response.text


@sqlite_only
def test_new_complaints_notify_moderators_by_webhook_and_email(store, world):
    with webhook_sink() as (hook, received), smtp_sink() as (port, mails):
        settings = RightsSettings(webhook=hook, moderator_email="mods@site.example, lead@site.example",
                                  smtp=SMTP(host="127.0.0.1", port=port, sender="desk@site.example"))
        from starlette.testclient import TestClient
        with TestClient(make_app(store, settings), follow_redirects=False) as client:
            data = {**notice(world.url), "email_ack": "on"}
            assert post_form(client, "/complaints/new", data).status_code == 303
    [payload] = received
    assert payload["event"] == "new_complaint" and payload["kind"] == "copyright" and payload["url"] == world.url
    assert payload["link"].endswith(f"/admin/complaints/{payload['id']}")
    assert "rita@owner.example" not in str(payload)  # no personal data in the webhook
    recipients = sorted(to for mail in mails for to in mail["to"])
    assert recipients == ["lead@site.example", "mods@site.example", "rita@owner.example"]
    assert any("needs action before" in mail["data"] for mail in mails)


@sqlite_only
def test_failed_notifications_never_fail_the_form(store, world):
    settings = RightsSettings(webhook="http://127.0.0.1:9/hook", moderator_email="m@site.example",
                              smtp=SMTP(host="127.0.0.1", port=9, sender="desk@site.example"))
    assert notify_moderators(settings, "new_complaint", {"id": 1, "kind": "error"}, "/x") == {
        "webhook": False, "email": False}
    from starlette.testclient import TestClient
    with TestClient(make_app(store, settings), follow_redirects=False) as client:
        assert post_form(client, "/complaints/new", notice(world.url)).status_code == 303
    assert len(store.list_complaints(None)) == 1


@sqlite_only
def test_prometheus_collector(store, world):
    from prometheus_client import CollectorRegistry, generate_latest

    from tidings.rights.metrics import ComplaintCollector
    ops.file_complaint(store, notice(world.url), now=utcnow() - timedelta(hours=25))
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ComplaintCollector(store))
    text = generate_latest(registry).decode()
    assert "tidings_complaints_open 1.0" in text and "tidings_complaints_overdue 1.0" in text
    assert "tidings_complaints_median_hours_to_action NaN" in text
