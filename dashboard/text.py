"""Text from the data or the link, made safe for the places it is shown in.

Streamlit renders ``st.markdown``, headings, captions and warnings as
Markdown (with some HTML): a name like ``[Sign in](https://evil.example)``
would become a live link. :func:`md` turns any value into Markdown that shows
exactly its characters.
"""
from __future__ import annotations

import re
import string
from urllib.parse import urlparse

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_PUNCT = set(string.punctuation) - set(_ENTITIES)
# Streamlit's Markdown (remark-gfm) turns bare "http://…", "www.…" and e-mail
# addresses into links after escapes are resolved, so escaping cannot stop it.
# A word joiner (U+2060, invisible, not a space) inside each such start breaks
# the pattern: the text reads the same and stays plain text.
_AUTOLINK_START = re.compile(r"(?i)(?<=http)(?=s?:)|(?<=ftp)(?=:)|(?<=mailto)(?=:)|(?<=xmpp)(?=:)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def md(value) -> str:
    """``value`` as Markdown that renders as exactly its text: no link (not
    even an autolinked bare URL or e-mail address), image, emphasis, heading,
    HTML or line break can come from it."""
    out = []
    for ch in unlinked("" if value is None else str(value)):
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _PUNCT:
            out.append("\\" + ch)
        elif ch in "\r\n\u2028\u2029\x85":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def unlinked(text: str) -> str:
    """``text`` with a word joiner inside every start of a bare link, so that
    no Markdown renderer autolinks it (for widget labels and captions that
    Streamlit renders as Markdown too)."""
    return _AUTOLINK_START.sub(WORD_JOINER, text)


def safe_url(url: str) -> str | None:
    """``url`` if it is a plain http(s) address, else None."""
    parsed = urlparse(url or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc or any(c in url for c in " <>\"'()[]"):
        return None
    return url


def md_link(url: str) -> str:
    """A Markdown link to ``url`` labelled with its host; plain text for anything that is not http(s)."""
    ok = safe_url(url)
    if not ok:
        return md(url)
    return f"[{md(urlparse(ok).netloc.removeprefix('www.'))}]({ok})"


def md_sources(urls: str, linked: bool = True) -> str:
    """The sources as Markdown links; ``linked=False`` (a viewer's upload, whose
    sources nobody vetted) shows them as plain text."""
    return ", ".join(md_link(u) if linked else md(u) for u in (urls or "").split())


def roman(number) -> str:
    """A conference's number as a Roman numeral (``XXIV``): 1 to 3999; other
    whole numbers as digits, anything else "?". The map gets these labels
    from here (dashboard.mapdata), it does not compute its own."""
    try:
        n = int(number)
    except (TypeError, ValueError):
        return "?"
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
