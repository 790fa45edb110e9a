"""Paths -> readers: files, folders (recursive, sorted, hidden entries skipped, symlink loops caught) and stdin."""
from __future__ import annotations

import errno
import logging
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Sequence, TextIO

from newsevents.records import Article, Rejection
from newsevents.settings import Settings

from . import readers
from .decode import Reject, decode_bytes, gunzip, human_size, one_line

log = logging.getLogger(__name__)

Item = Article | Rejection

# suffix (lower case, without ".gz") -> reader kind
FORMATS = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".sgm": "sgm",
}


def _suffix(name: str) -> tuple[str, bool]:
    """('.html', True) for 'page.HTML.gz'; ('', False) when there is no suffix."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    dot = lower.rfind(".")
    return (lower[dot:] if dot > 0 else ""), gz


def format_of(name: str) -> str | None:
    """Reader kind for a file name, or None when the suffix is unknown."""
    suffix, _ = _suffix(name)
    return FORMATS.get(suffix)


def _guard(path: str, items: Iterable[Item]) -> Iterator[Item]:
    """Turn a reader's Reject (or any unexpected error) into one Rejection; ingest never raises for bad input."""
    try:
        yield from items
    except Reject as r:
        yield Rejection(path, r.code, r.reason)
    except MemoryError:
        yield Rejection(path, "E102", one_line("cannot read file: out of memory"))
    except Exception as exc:  # a reader bug or hostile input must not stop a whole run
        log.debug("unexpected error reading %s", path, exc_info=True)
        yield Rejection(path, "E102", one_line(f"cannot read file: {type(exc).__name__}: {exc}"))


def _dispatch(kind: str, data: bytes, path: str, settings: Settings) -> Iterator[Item]:
    if kind == "html":
        return readers.read_html(data, path, settings)
    text = decode_bytes(data)
    if kind == "txt":
        return readers.read_txt(text, path, settings)
    if kind == "json":
        return readers.read_json(text, path, settings)
    if kind == "jsonl":
        return readers.read_jsonl(text, path, settings)
    if kind == "csv":
        return readers.read_csv(text, path, settings)
    return readers.read_sgm(text, path, settings)


def _read_path(path: Path, settings: Settings) -> Iterator[Item]:
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise Reject("E101") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a symbolic link that points to itself
            raise Reject("E102", reason="symbolic link loop") from None
        raise Reject("E102", reason=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise Reject("E102", reason="is a folder")
    suffix, gz = _suffix(path.name)
    kind = FORMATS.get(suffix)
    if kind is None:
        raise Reject("E110", suffix=(suffix + ".gz" if gz else suffix) or path.name)
    if not stat.S_ISREG(st.st_mode):
        raise Reject("E119")
    limit = settings.max_file_bytes
    if st.st_size > limit:
        raise Reject("E109", limit=human_size(limit))
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise Reject("E102", reason=exc.strerror or str(exc)) from None
    if len(data) > limit:  # the file grew since stat()
        raise Reject("E109", limit=human_size(limit))
    if gz:
        data = gunzip(data, settings.max_gunzip_bytes)
    if not data.strip():
        raise Reject("E103")
    yield from _dispatch(kind, data, name, settings)


def read_file(path: str | Path, settings: Settings | None = None) -> Iterator[Item]:
    """Articles (or Rejections) from one file; the format comes from the suffix. Never raises for bad input."""
    settings = settings or Settings()
    return _guard(str(path), _read_path(Path(path), settings))


def _walk(root: Path, settings: Settings) -> Iterator[Item]:
    """Depth-first, entries sorted by name, hidden entries skipped, unknown suffixes skipped silently.
    A symbolic link to a folder that is an ancestor (a loop) or was already read is reported once (E114)."""
    try:
        root_st = os.stat(root)
    except OSError as exc:
        yield Rejection(str(root), "E102", one_line(f"cannot read file: {exc.strerror or exc}"))
        return
    visited = {(root_st.st_dev, root_st.st_ino)}
    stack: list[Iterator[os.DirEntry]] = []

    def entries(folder: str) -> Iterator[os.DirEntry] | Rejection:
        try:
            with os.scandir(folder) as it:
                found = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            return Rejection(folder, "E102", one_line(f"cannot read file: {exc.strerror or exc}"))
        return iter(found)

    first = entries(str(root))
    if isinstance(first, Rejection):
        yield first
        return
    stack.append(first)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()  # follows symbolic links
        except OSError:
            is_dir = False
        if is_dir:
            try:
                st = os.stat(entry.path)
            except OSError as exc:
                yield Rejection(entry.path, "E102", one_line(f"cannot read file: {exc.strerror or exc}"))
                continue
            key = (st.st_dev, st.st_ino)
            if key in visited:
                target = os.path.realpath(entry.path)
                yield Rejection(entry.path, "E114", one_line(_e114(target)))
                continue
            visited.add(key)
            sub = entries(entry.path)
            if isinstance(sub, Rejection):
                yield sub
            else:
                stack.append(sub)
            continue
        if format_of(entry.name) is None:
            log.debug("skipping %s (unknown suffix)", entry.path)
            continue
        try:
            regular = entry.is_file()
        except OSError:
            regular = False
        if not regular and not entry.is_symlink():
            log.debug("skipping %s (not a regular file)", entry.path)
            continue
        # broken symbolic links reach read_file and come back as E101
        yield from read_file(entry.path, settings)


def _e114(target: str) -> str:
    from newsevents.errors import Errors
    return Errors.E114.format(target=target)


def _read_stdin(stream: TextIO | BinaryIO, settings: Settings) -> Iterator[Item]:
    limit = settings.max_file_bytes
    if stream is None:  # e.g. started without a standard input
        raise Reject("E102", reason="there is no standard input")
    buffer = getattr(stream, "buffer", None)
    source = buffer if buffer is not None else stream
    data = source.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    if len(data) > limit:
        raise Reject("E109", limit=human_size(limit))
    if data.startswith(b"\x1f\x8b"):
        data = gunzip(data, settings.max_gunzip_bytes)
    text = decode_bytes(data)
    head = text.lstrip("\ufeff \t\r\n")
    if not head:
        raise Reject("E103")
    if head[0] in "{[":
        yield from readers.read_json(text, "-", settings)
    elif head[0] == "<":
        yield from readers.read_html(text, "-", settings)
    else:
        for item in readers.read_txt(text, "-", settings):
            yield item


def iter_articles(paths: Sequence[str], settings: Settings | None = None, *,
                  stdin: TextIO | BinaryIO | None = None) -> Iterator[Item]:
    """Articles and Rejections from files, folders and "-" (standard input), in order. Never raises for bad input."""
    settings = settings or Settings()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        name = os.fspath(p)
        if name == "-":
            yield from _guard("-", _read_stdin(stdin if stdin is not None else sys.stdin, settings))
            continue
        path = Path(name)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, settings)
        else:
            yield from read_file(path, settings)
