"""The text-level XML guard: declarations out, references fixed, root element found."""
from __future__ import annotations

import pytest

from tidings.parse.xmlsafe import DTD_WARNING, fix_references, root_name, sanitize_xml


@pytest.mark.parametrize("prolog", [
    '<!DOCTYPE rss [<!ENTITY a "b">]>',
    '<!doctype rss [ <!ENTITY % p SYSTEM "file:///etc/passwd"> %p; ]>',
    '<!DOCTYPE rss SYSTEM "a>b" [<!ENTITY a "b">]>',
    '<!DOCTYPE rss [<!ENTITY a "]>"> <!ENTITY c SYSTEM "file:///etc/passwd">]>',
    '<!ENTITY a "b">',
])
def test_prolog_declarations_are_removed(prolog):
    text, warnings = sanitize_xml('<?xml version="1.0"?><!-- c -->' + prolog + "<rss>&a;</rss>")
    assert "<!ENTITY" not in text and "<!DOCTYPE" not in text.upper()
    assert warnings == [DTD_WARNING]
    assert text.endswith("<rss>&amp;a;</rss>")


def test_plain_doctype_goes_silently():
    text, warnings = sanitize_xml(
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss/>')
    assert (text, warnings) == ("<rss/>", [])


def test_declarations_after_the_root():
    text, warnings = sanitize_xml('<rss><!DOCTYPE x [<!ENTITY a "b">]><!ENTITY c "d"><t/></rss>')
    assert text == "<rss><t/></rss>"
    assert warnings == [DTD_WARNING]


def test_xml_declaration_is_dropped_but_not_inside_content():
    text, _ = sanitize_xml('<?xml version="1.0" encoding="latin-1"?><rss>'
                           '<d><![CDATA[<?xml version="1.0"?>]]></d></rss>')
    assert text == '<rss><d><![CDATA[<?xml version="1.0"?>]]></d></rss>'


def test_references():
    assert fix_references("a &nbsp; &amp; &#233; &#xE9; &bogus; & b &hellip;") == \
        "a &#160; &amp; &#233; &#xE9; &amp;bogus; &amp; b &#8230;"
    assert fix_references("<t><![CDATA[AT&T &nbsp;]]> &copy;</t>") == \
        "<t><![CDATA[AT&T &nbsp;]]> &#169;</t>"


@pytest.mark.parametrize("text, name", [
    ('<?xml version="1.0"?>\n<!-- <html> -->\n<rss version="2.0">', "rss"),
    ('<!DOCTYPE x [<!ENTITY a "b">]><rdf:RDF xmlns:rdf="x">', "rdf"),
    ("\n\n<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    ("<?xml-stylesheet href='a.xsl'?><urlset>", "urlset"),
    ("plain text", ""),
])
def test_root_name(text, name):
    assert root_name(text) == name
