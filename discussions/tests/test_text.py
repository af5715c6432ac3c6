"""The markdown subset of posts: useful formatting in, nothing executable out."""

from html.parser import HTMLParser

import pytest

from discussions.text import ALLOWED_TAGS, render_markdown


class Elements(HTMLParser):
    """Every element and attribute in a piece of HTML (escaped text is not an element)."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src="x" onerror="alert(1)">',
        "![cat](https://evil.example/x.png)",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="javascript:alert(1)">x</a>',
        '<p style="color:red" onclick="alert(1)">x</p>',
        "<iframe src=https://evil.example></iframe>",
        "[x][1]\n\n[1]: javascript:alert(1)",
        "<svg onload=alert(1)>",
    ],
)
def test_nothing_executable_survives(source):
    html = render_markdown(source)
    for tag, attributes in Elements(html).found:
        assert tag in ALLOWED_TAGS, html
        assert set(attributes) <= ({"href", "rel"} if tag == "a" else set()), html
        assert attributes.get("href", "https:").startswith(("https:", "http:", "mailto:")), html
    assert "<script" not in html.lower()


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>bold?</b>") == "<p>&lt;b&gt;bold?&lt;/b&gt;</p>"


def test_the_subset_renders():
    html = render_markdown("**b** _i_ `c`\nnext line\n\n> quoted\n\n1. one\n2. two\n\n- x\n\n```\ncode()\n```")
    assert "<strong>b</strong> <em>i</em> <code>c</code><br>" in html
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in html
    assert "<ul>\n<li>x</li>\n</ul>" in html
    assert "<pre><code>code()\n</code></pre>" in html


def test_links_are_kept_with_nofollow_and_no_opener():
    assert render_markdown("[docs](https://example.com/a?b=1)") == (
        '<p><a href="https://example.com/a?b=1" rel="nofollow noopener noreferrer">docs</a></p>'
    )


def test_headings_stay_plain_text():
    assert render_markdown("# 1 reason") == "<p># 1 reason</p>"
