"""Comments on stories: checks, spam scoring, rate limits, bans and pre- or post-moderation.

``TIDINGS_COMMENTS=pre`` (default) holds every comment until a moderator approves it; ``post``
publishes at once unless it looks suspicious; ``off`` accepts none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from ..store.sources import utcnow
from .sanitize import plain_text, sanitize_comment
from .throttle import COMMENTS, take

HONEYPOT = "website"
MAX_BODY = 5000
MAX_AUTHOR = 80
SPAM = 3.0
SUSPICIOUS = 1.5
SPAM_WORDS = ("viagra", "cialis", "casino", "porn", "xxx", "payday loan", "bitcoin doubler", "crypto giveaway",
              "buy now", "click here", "free money", "work from home", "earn $", "make money fast", "seo services",
              "backlinks", "weight loss", "replica watches", "forex signals", "limited offer")
_LINK = re.compile(r"https?://|www\.|<a\s", re.I)
_REPEAT = re.compile(r"(.)\1{5,}", re.S)


@dataclass(frozen=True)
class Outcome:
    """What became of a submitted comment: ``status`` is pending, approved, spam, honeypot,
    banned, limited, invalid or off; ``wait`` is the Retry-After for ``limited``."""

    status: str
    message: str = ""
    comment_id: int | None = None
    wait: int | None = None


def spam_score(text: str) -> float:
    """Points for signs of spam: links, shouting, repeated characters, spam words, odd length."""
    plain = plain_text(text) if "<" in text else text
    score = {0: 0.0, 1: 0.5, 2: 1.5}.get(len(_LINK.findall(text)), 3.0)
    letters = [ch for ch in plain if ch.isalpha()]
    if len(letters) >= 12 and sum(ch.isupper() for ch in letters) / len(letters) > 0.7:
        score += 1.5
    if _REPEAT.search(plain):
        score += 1.5
    lowered = plain.lower()
    score += min(4.5, 1.5 * sum(1 for word in SPAM_WORDS if word in lowered))
    length = len(plain.strip())
    if length < 3:
        score += 1.5
    elif length > 3000:
        score += 1.0
    return score


def check_comment(form: Mapping[str, Any]) -> tuple[str, str, str | None]:
    """``(author, body, problem)`` from a comment form; ``problem`` is None when it is fine."""
    author = form.get("author", "") if isinstance(form.get("author", ""), str) else ""
    body = form.get("body", "") if isinstance(form.get("body", ""), str) else ""
    author = plain_text(author.replace("\x00", "")).replace("\n", " ").strip()[:MAX_AUTHOR] or "Anonymous"
    body = body.replace("\x00", "").strip()
    if not body:
        return author, body, "Write something first."
    if len(body) > MAX_BODY:
        return author, body, f"Please keep comments under {MAX_BODY} characters."
    return author, body, None


def initial_status(mode: str, score: float) -> str:
    if score >= SPAM:
        return "spam"
    if mode == "post" and score < SUSPICIOUS:
        return "approved"
    return "pending"


def submit_comment(store, story_id: int, form: Mapping[str, Any], addr_hash: str, mode: str,
                   now: datetime | None = None) -> Outcome:
    """Check, score and store a comment from the address ``addr_hash`` (already keyed)."""
    now = now or utcnow()
    if mode == "off":
        return Outcome("off", "Comments are turned off.")
    if form.get(HONEYPOT):
        return Outcome("honeypot", "Thank you.")  # looks like success to the bot; nothing stored
    if store.is_banned(addr_hash, now):
        return Outcome("banned", "You cannot comment here.")
    author, body, problem = check_comment(form)
    if problem:
        return Outcome("invalid", problem)
    wait = take(store, "comment", addr_hash, COMMENTS, now)
    if wait is not None:
        return Outcome("limited", f"You are commenting too fast; try again in {wait} seconds.", wait=wait)
    score = spam_score(body)
    status = initial_status(mode, score)
    comment_id = store.add_comment(story_id, author, sanitize_comment(body), addr_hash, status, score, now)
    message = {"approved": "Your comment is published.",
               "pending": "Thank you: your comment will appear once a moderator has approved it.",
               "spam": "Thank you: your comment will appear once a moderator has approved it."}[status]
    return Outcome(status, message, comment_id)
