"""Checking complaint and counter-notice forms: the elements each kind needs, with clear messages.

A copyright notice needs what 17 U.S.C. § 512(c)(3) asks for: the work, the location of the
material, the complainant's contact details, a good-faith statement, a statement under penalty
of perjury that the notice is accurate and the sender is authorised, and a signature. A
counter-notice needs what § 512(g)(3) asks for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping
from urllib.parse import urlsplit

KINDS = {
    "copyright": "Copyright infringement (DMCA notice)",
    "privacy": "Privacy (personal information)",
    "defamation": "Defamation",
    "error": "Factual error or wrong attribution",
    "other": "Something else",
}
EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[^@\s<>\"']+\.[^@\s<>\"']{2,}$")
LIMITS = {"url": 2000, "work": 4000, "name": 200, "email": 254, "address": 1000, "phone": 50,
          "details": 10000, "signature": 200}
CHECKED = ("on", "yes", "true", "1")


@dataclass
class Checked:
    """The cleaned values of a form and, per field, what is wrong with it."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value.strip().replace("\x00", "") if isinstance(value, str) else ""


def _flag(form: Mapping[str, Any], name: str) -> bool:
    return _text(form, name).lower() in CHECKED


def location_ok(url: str) -> bool:
    """An absolute http(s) URL with a host, or a path on this site."""
    if url.startswith("/") and not url.startswith("//"):
        return True
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _common(form: Mapping[str, Any], checked: Checked) -> None:
    for name in LIMITS:
        checked.values[name] = _text(form, name)
        if len(checked.values[name]) > LIMITS[name]:
            checked.errors[name] = f"Please keep this under {LIMITS[name]} characters."
    values, errors = checked.values, checked.errors
    if not values["url"]:
        errors["url"] = "Give the address (URL) of the page on this site."
    elif "url" not in errors and not location_ok(values["url"]):
        errors["url"] = "The address must start with http:// or https:// (or be a path like /article/12)."
    if not values["name"]:
        errors["name"] = "Give your full name."
    if not values["email"]:
        errors["email"] = "Give an e-mail address we can reach you at."
    elif "email" not in errors and not EMAIL.match(values["email"]):
        errors["email"] = "This does not look like an e-mail address."


def _contact(checked: Checked) -> None:
    values, errors = checked.values, checked.errors
    if not values["address"]:
        errors["address"] = "Give your postal address."
    if not values["phone"]:
        errors["phone"] = "Give a telephone number."
    elif "phone" not in errors and len(re.sub(r"\D", "", values["phone"])) < 5:
        errors["phone"] = "A telephone number needs at least 5 digits."
    if not values["signature"]:
        errors["signature"] = "Sign by typing your full name."


def check_complaint(form: Mapping[str, Any]) -> Checked:
    """Validate a complaint form; copyright notices need every DMCA element."""
    checked = Checked()
    kind = _text(form, "kind")
    if kind not in KINDS:
        checked.errors["kind"] = "Choose what kind of complaint this is."
    checked.values["kind"] = kind
    _common(form, checked)
    checked.values.update(good_faith=_flag(form, "good_faith"), accuracy=_flag(form, "accuracy"),
                          email_ack=_flag(form, "email_ack"))
    if kind == "copyright":
        _copyright(checked)
    elif len(checked.values["details"]) < 10 and "details" not in checked.errors:
        checked.errors["details"] = "Tell us what is wrong (at least a sentence)."
    return checked


def _copyright(checked: Checked) -> None:
    values, errors = checked.values, checked.errors
    if not values["work"]:
        errors["work"] = "Identify the copyrighted work you say is infringed."
    _contact(checked)
    if not values["good_faith"]:
        errors["good_faith"] = ("A notice needs your statement that you believe in good faith that the use "
                                "is not authorised by the owner, its agent, or the law.")
    if not values["accuracy"]:
        errors["accuracy"] = ("A notice needs your statement, under penalty of perjury, that it is accurate "
                              "and that you are the owner or authorised to act for the owner.")


def check_counter_notice(form: Mapping[str, Any]) -> Checked:
    """Validate a counter-notice: contact details, both statements and a signature."""
    checked = Checked()
    _common(form, checked)
    _contact(checked)
    checked.values.update(mistake=_flag(form, "mistake"), consent=_flag(form, "consent"))
    if not checked.values["mistake"]:
        checked.errors["mistake"] = ("A counter-notice needs your statement, under penalty of perjury, that you "
                                     "believe in good faith the material was removed by mistake or misidentification.")
    if not checked.values["consent"]:
        checked.errors["consent"] = ("A counter-notice needs your consent to the jurisdiction of the court and "
                                     "to accept service of process from the person who sent the notice.")
    return checked
