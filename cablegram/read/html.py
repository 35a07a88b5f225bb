"""HTML pages: the main content as text, without page chrome, share buttons or comment forms."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from cablegram.errors import EmptyDocument
from cablegram.read.base import Text
from cablegram.read.encoding import decode

DROP_TAGS = ["script", "style", "nav", "aside", "form", "noscript", "iframe", "button", "svg",
             "select", "input", "textarea", "template"]
# class or id values that mark page furniture rather than the document
FURNITURE = re.compile(
    r"comment|respond|reply|share|sharing|social|sharedaddy|related|sidebar|widget|menu|breadcrumb|"
    r"cookie|subscribe|newsletter|author-bio|author-info|about-author|byline-bio|jp-|likes|"
    r"site-header|site-footer|masthead|skip-link|navigation|pagination|post-nav|tags-links|cat-links|"
    r"advert|banner|popup|modal", re.I)
BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5",
          "h6", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "figure",
          "figcaption", "address", "hr"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def _decode_html(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _content_root(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element that holds the document: <main>, the largest <article>, or <body>."""
    candidates = doc.xpath("//main | //article | //*[@role='main'] | //*[contains(@class,'entry-content')]")
    if candidates:
        return max(candidates[:1] + doc.xpath("//article"), key=lambda el: len(el.text_content()))
    body = doc.find("body")
    return body if body is not None else doc


def _strip_furniture(root: lxml.html.HtmlElement) -> None:
    for el in root.xpath("|".join(f".//{t}" for t in DROP_TAGS)):
        el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')}"
        if el.tag in {"footer"} or (marks.strip() and FURNITURE.search(marks)):
            if el.tag not in {"main", "article", "body"}:
                el.drop_tree()


def _to_text(root: lxml.html.HtmlElement) -> str:
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in BLOCKS:
            parts.append("\n\n")
        if tag == "br":
            parts.append("\n")
        if tag == "sup" and (el.text or "").strip().isdigit():
            parts.append(f"[{el.text.strip()}]" if el.text else "")
        elif el.text and tag not in {"script", "style"}:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in BLOCKS:
            parts.append("\n\n")

    walk(root)
    text = "".join(parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


class HTMLReader:
    formats = ("html",)

    def read(self, path: Path, data: bytes) -> Text:
        html, encoding = _decode_html(data)
        try:
            doc = lxml.html.document_fromstring(html)
        except (etree.ParserError, ValueError) as exc:
            raise EmptyDocument(f"{path.name}: no HTML content ({exc})") from exc
        meta: dict[str, str] = {}
        title = doc.findtext(".//title")
        if title:
            meta["page_title"] = title.strip()
        for xpath, key in (("//link[@rel='canonical']/@href", "url"), ("//meta[@property='og:url']/@content", "url"),
                           ("//meta[@property='og:site_name']/@content", "site"),
                           ("//meta[@name='author']/@content", "author")):
            values = doc.xpath(xpath)
            if values and key not in meta:
                meta[key] = str(values[0]).strip()
        root = _content_root(doc)
        _strip_furniture(root)
        text = _to_text(root)
        if not text.strip():
            raise EmptyDocument(f"{path.name}: the page holds no text once its furniture is removed")
        return Text(text=text, path=path, format="html", encoding=encoding, meta=meta)
