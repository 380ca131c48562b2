"""Alerts: a saved search notifies once per new story, by webhook (SSRF-guarded) and e-mail."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.web.seed import T0
from tests.web.servers import SMTPSink, WebhookReceiver
from tidings.fetch.guard import AddressPolicy
from tidings.models import FetchError
from tidings.store.schema import articles, stories
from tidings.web.alerts import run_alerts
from tidings.web.notify import SMTPSettings, post_webhook

LOOPBACK = AddressPolicy(allow_private=True)
NOW = T0 + timedelta(days=20)


def _new_story(store, world, title, *, at, source="kp"):
    with store.engine.begin() as conn:
        story_id = conn.execute(stories.insert().values(title=title, first_seen=at, last_seen=at)).inserted_primary_key[0]
        conn.execute(articles.insert().values(
            source_id=world.sources[source], url=f"https://{source}.example/{story_id}-{title[:10]}",
            title=title, text=f"{title}. More words about it.", published=at, fetched=at, lang="en",
            story_id=story_id, primary_url=f"https://{source}.example/{story_id}"))
        store.touch_story(conn, story_id)
    return story_id


@pytest.fixture
def smtp():
    with SMTPSink() as sink:
        yield sink, SMTPSettings(host="127.0.0.1", port=sink.port, sender="alerts@tidings.test", tls="none")


def test_webhook_once_per_story(sqlite_store, world):
    store = sqlite_store
    with WebhookReceiver() as hook:
        store.add_alert("Locusts", "locust*", webhook=hook.url, now=T0 + timedelta(days=10))
        first = _new_story(store, world, "Locust swarm reaches Herat", at=T0 + timedelta(days=11))
        _new_story(store, world, "Election results announced", at=T0 + timedelta(days=11))
        assert run_alerts(store, T0 + timedelta(days=12), policy=LOOPBACK) == 1
        assert run_alerts(store, T0 + timedelta(days=12, hours=1), policy=LOOPBACK) == 0
        # a second article in the same story does not notify again
        with store.engine.begin() as conn:
            conn.execute(articles.insert().values(
                source_id=world.sources["lm"], url="https://lm.example/locusts", title="Criquets: locusts again",
                text="locusts", fetched=T0 + timedelta(days=12, hours=2), lang="fr", story_id=first))
        second = _new_story(store, world, "Locusts move north", at=T0 + timedelta(days=12, hours=2))
        assert run_alerts(store, T0 + timedelta(days=13), policy=LOOPBACK) == 1
    assert [p["stories"][0]["id"] for p in hook.received] == [first, second]
    payload = hook.received[0]
    assert payload["alert"]["name"] == "Locusts" and payload["digest"] is False
    story = payload["stories"][0]
    assert story["headline"] == "Locust swarm reaches Herat" and story["url"].endswith(f"/story/{first}")
    assert story["primary_url"] == f"https://kp.example/{first}" and story["outlets"] == ["Kabul Post"]


def test_old_stories_do_not_notify_a_new_alert(sqlite_store, world):
    with WebhookReceiver() as hook:
        sqlite_store.add_alert("Floods", "floods", webhook=hook.url, now=NOW)
        assert run_alerts(sqlite_store, NOW + timedelta(hours=1), policy=LOOPBACK) == 0
    assert hook.received == []


def test_failed_delivery_is_retried_next_run(sqlite_store, world):
    with WebhookReceiver() as hook:
        sqlite_store.add_alert("Quake", "earthquake", webhook=hook.url, now=NOW)
        story = _new_story(sqlite_store, world, "Earthquake shakes Kabul", at=NOW + timedelta(minutes=10))
        hook.status = 500
        assert run_alerts(sqlite_store, NOW + timedelta(hours=1), policy=LOOPBACK) == 0
        hook.status = 200
        assert run_alerts(sqlite_store, NOW + timedelta(hours=2), policy=LOOPBACK) == 1
        assert run_alerts(sqlite_store, NOW + timedelta(hours=3), policy=LOOPBACK) == 0
    assert [p["stories"][0]["id"] for p in hook.received] == [story, story]  # one failed, one delivered


def test_email_per_story_and_digest(sqlite_store, world, smtp):
    sink, settings = smtp
    sqlite_store.add_alert("Drought single", "drought", email="one@example.test", now=NOW)
    sqlite_store.add_alert("Drought digest", "drought", email="all@example.test", digest=True, now=NOW)
    ids = [_new_story(sqlite_store, world, f"Drought hits district {n}\r\nBcc: evil@example.test", at=NOW + timedelta(minutes=n))
           for n in range(1, 4)]
    assert run_alerts(sqlite_store, NOW + timedelta(hours=1), smtp=settings, policy=LOOPBACK) == 6
    single = [m for m in sink.messages if m["To"] == "one@example.test"]
    digest = [m for m in sink.messages if m["To"] == "all@example.test"]
    assert len(single) == 3 and len(digest) == 1
    assert single[0]["Subject"].strip().startswith("[tidings] Drought single: Drought hits district 1")
    assert "Bcc" not in single[0] and all(m.envelope[1] == ["<one@example.test>"] for m in single)
    body = digest[0].get_content()
    assert digest[0]["Subject"].strip() == "[tidings] Drought digest: 3 new stories"
    assert all(f"/story/{i}" in body for i in ids)
    assert run_alerts(sqlite_store, NOW + timedelta(hours=2), smtp=settings, policy=LOOPBACK) == 0


def test_webhook_refuses_private_addresses_by_default():
    with WebhookReceiver() as hook:
        with pytest.raises(FetchError) as refused:
            post_webhook(hook.url, {"x": 1}, policy=AddressPolicy())
        assert refused.value.kind == "ssrf"
        named = hook.url.replace("127.0.0.1", "hooks.example")
        with pytest.raises(FetchError) as refused:  # a name that resolves to loopback
            post_webhook(named, {"x": 1}, policy=AddressPolicy(), resolver=lambda host, port: ["127.0.0.1"])
        assert refused.value.kind == "ssrf"
        assert hook.received == []
        assert post_webhook(named, {"x": 1}, policy=LOOPBACK, resolver=lambda host, port: ["127.0.0.1"]) == 200
        assert hook.received == [{"x": 1}]


def test_allow_private_comes_from_the_environment(monkeypatch):
    from tidings.web.notify import address_policy
    monkeypatch.delenv("TIDINGS_ALLOW_PRIVATE_NETWORKS", raising=False)
    assert not address_policy().allows("127.0.0.1")
    monkeypatch.setenv("TIDINGS_ALLOW_PRIVATE_NETWORKS", "1")
    assert address_policy().allows("127.0.0.1")


def test_refused_webhook_does_not_mark_sent(sqlite_store, world):
    sqlite_store.add_alert("Private", "typhoon", webhook="http://127.0.0.1:9/hook", now=NOW)
    _new_story(sqlite_store, world, "Typhoon nears coast", at=NOW + timedelta(minutes=5))
    assert run_alerts(sqlite_store, NOW + timedelta(hours=1), policy=AddressPolicy()) == 0
    alert = sqlite_store.list_alerts()[0]
    assert len(sqlite_store.unsent_alert_stories(alert["id"])) == 1


def test_smtp_settings_from_environment():
    settings = SMTPSettings.from_env({"TIDINGS_SMTP_HOST": "mail.test", "TIDINGS_SMTP_PORT": "465",
                                      "TIDINGS_SMTP_USER": "u", "TIDINGS_SMTP_PASSWORD": "p",
                                      "TIDINGS_SMTP_FROM": "news@test"})
    assert (settings.host, settings.port, settings.tls, settings.sender) == ("mail.test", 465, "ssl", "news@test")
    assert not SMTPSettings.from_env({}).configured
