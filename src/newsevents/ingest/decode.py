"""Bytes -> text, size-capped gunzip, and the internal rejection signal used by the readers."""
from __future__ import annotations

import codecs
import re
import zlib

from newsevents.errors import Errors


class Reject(Exception):
    """Raised inside a reader; turned into a `Rejection` by the caller. Never escapes the ingest package."""

    def __init__(self, code: str, **kwargs):
        self.code = code
        self.reason = one_line(getattr(Errors, code).format(**kwargs))
        super().__init__(self.reason)


def one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.4g} {unit}"
        n /= 1024
    return str(n)  # pragma: no cover


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that do not belong in text (tab, LF, VT, FF, CR and ESC are tolerated).
_BAD_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def decode_bytes(data: bytes) -> str:
    """Decode file content: a BOM (UTF-8/16/32) wins; else strict UTF-8; else cp1252 (latin-1 for the five bytes
    cp1252 leaves undefined). NUL bytes without a BOM, or content that is mostly control characters or (in the
    fallback) mostly non-ASCII, is binary -> E104."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, errors="replace")
            _check_text(text, fallback=False)
            return text
    if b"\x00" in data:
        raise Reject("E104")
    try:
        text = data.decode("utf-8")
        fallback = False
    except UnicodeDecodeError:
        fallback = True
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    _check_text(text, fallback)
    return text


def _check_text(text: str, fallback: bool) -> None:
    sample = text[:65536]
    if not sample:
        return
    if len(_BAD_CONTROL_RE.findall(sample)) > max(2, len(sample) // 100):
        raise Reject("E104")
    if fallback and len(_NON_ASCII_RE.findall(sample)) > len(sample) * 0.3:
        raise Reject("E104")


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def gunzip(data: bytes, limit: int) -> bytes:
    """Stream-decompress gzip data (several members allowed), stopping as soon as the output passes `limit`."""
    if not data.startswith(b"\x1f\x8b"):
        raise Reject("E108", reason="the file does not start with the gzip signature (1f 8b)")
    out: list[bytes] = []
    size = 0
    rest = data
    chunk = 1 << 16
    while rest:
        dec = zlib.decompressobj(wbits=31)
        buf = rest
        try:
            while not dec.eof:
                piece = dec.decompress(buf, chunk)
                buf = dec.unconsumed_tail
                size += len(piece)
                if size > limit:
                    raise Reject("E113", limit=human_size(limit))
                out.append(piece)
                if not piece and not buf:
                    break  # input used up, no more output: truncated stream
        except zlib.error as exc:
            raise Reject("E108", reason=str(exc)) from None
        if not dec.eof:
            raise Reject("E108", reason="the data is truncated (unexpected end of the compressed stream)")
        rest = dec.unused_data.lstrip(b"\x00")  # zero padding after the last member is allowed
        if rest and not rest.startswith(b"\x1f\x8b"):
            break  # trailing garbage after a complete member is ignored, as gzip(1) does
    return b"".join(out)
