"""Tests for HTML sanitising and HTML -> paragraphs (fonds.ingest.html_clean).

The real WCDA transcript sample (a Russian transcript exported from a word processor, with a
<style> block and a class on every span) is read in place from ../shared/corpora.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from fonds.ingest.html_clean import ALLOWED_TAGS, sanitize, to_paragraphs, to_text

TRANSCRIPT_SAMPLE = Path(__file__).resolve().parents[2].parent / "shared/corpora/wcda/api-transcript-33548.json"


# --- sanitize --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p>a</p>",
        "<p>a<br>b</p>",
        "<p><em>a</em> <strong>b</strong> <i>c</i> <b>d</b> <u>e</u> x<sup>2</sup> H<sub>2</sub>O</p>",
        "<ul><li>a</li></ul>",
        '<ol start="3"><li>a</li></ol>',
        "<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>",
        "<blockquote><p>q</p></blockquote>",
        "<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>",
        '<p dir="rtl" lang="ar">نص</p>',
    ],
)
def test_sanitize_keeps_the_allowed_structure(html: str) -> None:
    assert sanitize(html) == html


def test_allowed_tags_cover_the_documented_set() -> None:
    documented = {"p", "br", "em", "strong", "i", "b", "u", "sup", "sub", "ul", "ol", "li", "table", "thead",
                  "tbody", "tr", "th", "td", "caption", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "a"}  # fmt: skip
    assert documented <= ALLOWED_TAGS
    assert not {"style", "script", "span", "img", "iframe", "form", "font"} & ALLOWED_TAGS


def test_style_and_script_go_with_their_content() -> None:
    html = "<style>.cs1{font-size:10pt}</style><p>kept</p><script>alert('x')</script><noscript>n</noscript>"
    assert sanitize(html) == "<p>kept</p>"


def test_class_style_id_and_event_attributes_go() -> None:
    html = '<p class="cs1" style="color:red" id="x" onclick="go()"><span class="cs2">text</span></p>'
    assert sanitize(html) == "<p>text</p>"


def test_unknown_tags_are_unwrapped_and_their_text_kept() -> None:
    html = '<html><body><div><font face="Arial">old</font> <o:p>word</o:p> <img src="x.png"></div></body></html>'
    assert sanitize(html) == "<div>old word </div>"


def test_links_keep_href_and_get_rel() -> None:
    html = '<a href="https://example.org/x" target="_blank" class="c">x</a>'
    assert sanitize(html) == '<a href="https://example.org/x" rel="noopener noreferrer">x</a>'


def test_dangerous_link_schemes_are_dropped() -> None:
    assert sanitize('<a href="javascript:alert(1)">x</a>') == '<a rel="noopener noreferrer">x</a>'
    assert sanitize('<a href="data:text/html,x">x</a>') == '<a rel="noopener noreferrer">x</a>'


def test_relative_links_resolve_against_the_base_or_go() -> None:
    html = '<a href="/collection/234/x">c</a>'
    assert sanitize(html) == '<a rel="noopener noreferrer">c</a>'
    resolved = sanitize(html, base_url="https://archive.example/")
    assert resolved == '<a href="https://archive.example/collection/234/x" rel="noopener noreferrer">c</a>'


def test_comments_go() -> None:
    assert sanitize("<p>a<!-- [if gte mso 9]>junk<![endif] --></p>") == "<p>a</p>"


def test_whitespace_only_blocks_go_even_when_nested() -> None:
    html = "<div>\r\n\t<p>&nbsp;</p>\r\n</div><p> <br> </p><p>text</p>"
    assert sanitize(html) == "<p>text</p>"


def test_sanitize_is_idempotent_and_safe_on_empty_input() -> None:
    html = '<p class="a">x &amp; y<br>z</p><style>p{}</style><ul><li>i</li></ul>'
    once = sanitize(html)
    assert sanitize(once) == once
    assert sanitize("") == ""


def test_entities_are_kept_escaped_in_html() -> None:
    assert sanitize("<p>a &lt;b&gt; &amp; c</p>") == "<p>a &lt;b&gt; &amp; c</p>"


# --- to_paragraphs / to_text -----------------------------------------------------------------------


def test_each_block_is_a_paragraph_and_inline_tags_do_not_split() -> None:
    html = (
        "<h2>Head</h2><p>One <em>two</em> <a href='https://x.org'>three</a>.</p>"
        "<blockquote><p>q1</p><p>q2</p></blockquote>"
    )
    assert to_paragraphs(html) == ["Head", "One two three.", "q1", "q2"]


def test_whitespace_is_normalised_and_entities_decoded() -> None:
    html = "<p>\r\n\tA&nbsp;&nbsp;b\u00a0 c &amp; &lt;d&gt; &laquo;e&raquo; &#1041;</p>"
    assert to_paragraphs(html) == ["A b c & <d> «e» Б"]


def test_br_is_a_line_break_and_blank_lines_never_appear() -> None:
    assert to_paragraphs("<p>line one<br>line two<br><br><br>line three<br></p>") == [
        "line one\nline two\nline three"
    ]


def test_empty_blocks_are_dropped() -> None:
    assert to_paragraphs("<p></p><p>&nbsp;</p><p> <br> </p><div><p>x</p></div>") == ["x"]


def test_list_items_and_text_outside_blocks() -> None:
    html = "Loose text <b>bold</b><ul><li>first</li><li><p>second</p></li></ul>tail"
    assert to_paragraphs(html) == ["Loose text bold", "first", "second", "tail"]


def test_table_rows_join_their_cells() -> None:
    html = (
        "<table><caption>Deliveries</caption><tr><th>Item</th><th>Tons</th></tr>"
        "<tr><td>Grain</td><td>40</td></tr><tr><td>Coal</td><td></td></tr><tr><td></td><td></td></tr></table>"
    )
    assert to_paragraphs(html) == ["Deliveries", "Item | Tons", "Grain | 40", "Coal"]


def test_script_and_style_text_never_reach_the_paragraphs() -> None:
    assert to_paragraphs("<style>p{x:y}</style><p>a</p><script>var s = 1;</script>") == ["a"]


def test_to_text_separates_paragraphs_by_a_blank_line() -> None:
    assert to_text("<p>a</p><p>b<br>c</p>") == "a\n\nb\nc"
    assert to_text("") == ""


# --- the real transcript sample ----------------------------------------------------------------------


@pytest.fixture
def transcript_raw() -> str:
    if not TRANSCRIPT_SAMPLE.exists():
        pytest.skip(
            f"WCDA transcript sample not found at {TRANSCRIPT_SAMPLE} (needs ../shared/corpora beside the checkout)"
        )
    return json.loads(TRANSCRIPT_SAMPLE.read_text(encoding="utf-8"))["raw"]


def _sample_phrases(raw: str) -> list[str]:
    """Text runs of the sample's spans (entities decoded), read from the sample itself: none is
    copied into the repository."""
    return [unescape(m) for m in re.findall(r"<span[^>]*>([^<]{30,})</span>", raw)]


@pytest.mark.corpus
def test_real_transcript_is_sanitised(transcript_raw: str) -> None:
    assert "<style" in transcript_raw and 'class="' in transcript_raw  # the junk we must remove
    clean = sanitize(transcript_raw)
    for junk in ("<style", "</style>", "class=", "style=", "<script", "<span", "<html", "<body", "font-size"):
        assert junk not in clean
    assert clean.startswith("<p>") and clean.endswith("</p>")
    assert "<p></p>" not in clean
    assert set(re.findall(r"</?([a-z0-9]+)", clean)) <= ALLOWED_TAGS


@pytest.mark.corpus
def test_real_transcript_text_is_intact(transcript_raw: str) -> None:
    phrases = _sample_phrases(transcript_raw)
    assert len(phrases) > 20
    clean = sanitize(transcript_raw)
    text = to_text(transcript_raw)
    for phrase in phrases:
        assert phrase in unescape(clean)
        assert " ".join(phrase.split()) in " ".join(text.split())
    # Cyrillic is kept as characters, not entities; the sample's &laquo;/&raquo; become « and ».
    assert re.search(r"[А-Яа-яЁё]{5,}", text)
    assert "&laquo;" in transcript_raw and "«" in text and "&laquo;" not in text


@pytest.mark.corpus
def test_real_transcript_paragraphs_follow_its_blocks(transcript_raw: str) -> None:
    paragraphs = to_paragraphs(transcript_raw)
    blocks = re.findall(r"<p class=", transcript_raw)
    assert len(paragraphs) == len(blocks)
    first_phrase = _sample_phrases(transcript_raw)[0]
    assert paragraphs[0].startswith(first_phrase.strip())
    assert all(p == p.strip() and "\n\n" not in p and "  " not in p for p in paragraphs)
