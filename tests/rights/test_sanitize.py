"""Sanitising: OWASP XSS cheat-sheet style payloads through the content and comment allowlists."""
from __future__ import annotations

import re

import pytest

from tidings.rights.sanitize import plain_text, sanitize_comment, sanitize_html

PAYLOADS = [
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">click</a>",
    "<a href=\"jav&#x09;ascript:alert('XSS');\">tab</a>",
    "<a href=\" &#14;  javascript:alert('XSS');\">spaces</a>",
    "<SCRIPT/XSS SRC=\"http://xss.example/xss.js\"></SCRIPT>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
    "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
    "<svg/onload=alert('XSS')>",
    "<iframe src=\"javascript:alert('XSS');\"></iframe>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
    "<div style=\"background-image: url(javascript:alert('XSS'))\">styled</div>",
    "<p style=\"x:expression(alert(1))\">expr</p>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
    "<base href=\"javascript:alert('XSS');//\"><meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<a href=\"vbscript:msgbox(1)\">vb</a><a href=\"//evil.example/x\">proto-relative</a>",
    "<!--<img src=x onerror=alert(1)>--><b>after comment</b>",
]
DANGER = re.compile(r"<\s*(script|iframe|object|embed|svg|math|style|form|base|meta|img|link)\b|\son\w+\s*=|"
                    r"javascript:|vbscript:|data:|style\s*=|expression\(|href=\"//", re.I)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("clean", [sanitize_html, sanitize_comment], ids=["content", "comment"])
def test_payloads_come_out_harmless(clean, payload):
    out = clean(payload)
    assert not DANGER.search(out), out
    for href in re.findall(r'href="([^"]*)"', out):
        assert href.startswith(("http://", "https://"))


def test_comment_allowlist_and_link_rel():
    out = sanitize_comment('<p>Hi <b>bold</b> <i>it</i> <em>e</em> <strong>s</strong> <u>u</u> <span class="c">head</span>'
                           '<a href="https://ok.example/a" target="_blank" rel="me">link</a></p>')
    assert out == ('<p>Hi <b>bold</b> <i>it</i> <em>e</em> <strong>s</strong> u head'
                   '<a href="https://ok.example/a" rel="nofollow ugc noopener">link</a></p>')
    assert sanitize_comment("line one\nline two") == "line one<br>line two"
    assert sanitize_comment("1 < 2 & 3 > 2") == "1 &lt; 2 &amp; 3 &gt; 2"


def test_content_allowlist_keeps_structure():
    html = ('<article><h2 class="x" id="y">Title</h2><p>Text with <a href="https://a.example/" title="t">a link</a>'
            ' and a <a href="/relative">relative one</a>.</p><ul><li>one</li></ul>'
            '<table><tr><td colspan="2" onclick="x()">cell</td></tr></table></article>')
    out = sanitize_html(html)
    assert "<h2>Title</h2>" in out and "<li>one</li>" in out and '<td colspan="2">cell</td>' in out
    assert '<a href="https://a.example/" title="t" rel="noopener noreferrer nofollow">a link</a>' in out
    assert '<a rel="noopener noreferrer nofollow">relative one</a>' in out
    assert "<article" not in out and "class=" not in out and "id=" not in out


def test_plain_text():
    html = ("<div><h1>Head</h1><p>Hello <b>bold</b>&nbsp;&amp; <i>world</i></p><script>evil()</script>"
            "<style>p{}</style><p>Second&#33;</p>tail &lt;tag&gt;</div>")
    assert plain_text(html) == "Head\nHello bold & world\nSecond!\ntail <tag>"
    assert plain_text("") == "" and plain_text(None) == ""
    assert plain_text("a<br>b") == "a\nb"
