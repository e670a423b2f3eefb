"""Raw captures in WARC (ISO 28500), written with warcio: every response the crawler received,
with the request that asked for it, in gzip-compressed files under ``<archive>/warc/``.

Each record pair is serialised in memory and appended with one ``write`` on an ``O_APPEND``
descriptor, so a crawl killed at any moment leaves whole records or none; ``repair`` cuts a
file back to its last whole record should anything else have left a partial one.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import socket
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_SUFFIX = ".warc.gz"
MAX_FILE_BYTES = 512 * 1024 * 1024
# Records are gzip members written here, not by warcio (which always uses level 9: on pages, up to
# 1.5x the time of level 6 for ~1% less; on photos, ~1 ms each for nothing).
TEXT_LEVEL = 6
STORED_LEVEL = 0
COMPRESSED_MEDIA = ("image/", "video/", "audio/")
SOFTWARE = "khcn-archive (warcio)"


@dataclass(frozen=True)
class Capture:
    """Where one response is stored: file name (relative to the WARC folder), byte offset and
    length of its record, the record id, and when it was received (UTC, ISO 8601)."""

    file: str
    offset: int
    length: int
    record_id: str
    fetched_at: str


@dataclass(frozen=True)
class StoredResponse:
    """A response record read back from a WARC file."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str
    capture: Capture

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


class WarcFolder:
    """Appends captures to the current WARC file of a folder, starting a new one per process
    (and when a file reaches ``MAX_FILE_BYTES``)."""

    def __init__(self, folder: str | Path, prefix: str = "khcn") -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self._base = f"{prefix}-{stamp}-{socket.gethostname()}-{os.getpid()}"
        self._serial = 0
        self._fd: int | None = None
        self._name = ""
        self._size = 0

    def write(
        self,
        url: str,
        method: str,
        request_headers: Mapping[str, str],
        request_body: bytes,
        status: int,
        response_headers: list[tuple[str, str]],
        body: bytes,
        fetched_at: datetime,
    ) -> Capture:
        """Append a response record and its request record; return where the response is."""
        date = fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=False)
        response = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders(
                f"{status} {_reason(status)}", response_headers, protocol="HTTP/1.1"
            ),
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(response)
        content_type = next((v for k, v in response_headers if k.lower() == "content-type"), "")
        response_member = gzip_member(buffer.getvalue(), _level(content_type))
        buffer.seek(0)
        buffer.truncate()
        path = _request_target(url)
        request = writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(request_body),
            length=len(request_body),
            http_headers=StatusAndHeaders(
                f"{method} {path} HTTP/1.1", list(request_headers.items()), is_http_request=True
            ),
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        writer.write_record(request)
        offset = self._append(response_member + gzip_member(buffer.getvalue(), TEXT_LEVEL))
        return Capture(
            file=self._name,
            offset=offset,
            length=len(response_member),
            record_id=response.rec_headers.get_header("WARC-Record-ID"),
            fetched_at=fetched_at.astimezone(UTC).isoformat(timespec="seconds"),
        )

    def _append(self, data: bytes) -> int:
        """Append whole records or nothing: a write cut short (a full disk) is cut back off the
        file and raised, so the file never ends in a partial record."""
        if self._fd is None or self._size + len(data) > MAX_FILE_BYTES:
            self._open_next()
        assert self._fd is not None
        offset = self._size
        try:
            written = os.write(self._fd, data)
            if written != len(data):
                raise OSError(errno.ENOSPC, f"only {written} of {len(data)} bytes written")
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, offset)
            raise
        self._size += len(data)
        return offset

    def _open_next(self) -> None:
        self.close()
        self._serial += 1
        self._name = f"{self._base}-{self._serial:05d}{WARC_SUFFIX}"
        self._fd = os.open(self.folder / self._name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self._size = 0
        self._append_warcinfo()

    def _append_warcinfo(self) -> None:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        writer.write_record(writer.create_warcinfo_record(self._name, {"software": SOFTWARE}))
        assert self._fd is not None
        os.write(self._fd, buffer.getvalue())
        self._size = buffer.tell()

    def close(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None


def gzip_member(record: bytes, level: int) -> bytes:
    """One WARC record as its own gzip member, as every .warc.gz reader expects."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return compressor.compress(record) + compressor.flush()


def _level(content_type: str) -> int:
    """Media are compressed already: stored (level 0) they cost no CPU and no space."""
    return STORED_LEVEL if content_type.lower().startswith(COMPRESSED_MEDIA) else TEXT_LEVEL


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def written_by_live_process(name: str) -> bool:
    """True when the file is being written by a process still running on this machine (a
    worker of a distributed crawl): its captures are not left over from a dead run."""
    try:
        rest, pid, _ = name.removesuffix(WARC_SUFFIX).rsplit("-", 2)
        host = rest.split("-", 2)[2]
        if host != socket.gethostname():
            return False
        os.kill(int(pid), 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def warc_files(folder: str | Path) -> list[str]:
    """The WARC files of a folder, in name order (which is capture order)."""
    return sorted(path.name for path in Path(folder).glob(f"*{WARC_SUFFIX}"))


def iter_responses(
    folder: str | Path, names: Iterable[str] | None = None
) -> Iterator[StoredResponse]:
    """Every response record of the folder's WARC files (or of ``names`` only), file by file
    in capture order, record by record."""
    for name in sorted(names) if names is not None else warc_files(folder):
        path = Path(folder) / name
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                body = record.content_stream().read()
                yield _stored(
                    record, body, path.name, records.get_record_offset(),
                    records.get_record_length(),
                )  # fmt: skip


def _stored(
    record: ArcWarcRecord, body: bytes, name: str, offset: int, length: int
) -> StoredResponse:
    date = record.rec_headers.get_header("WARC-Date")
    fetched_at = datetime.fromisoformat(date.replace("Z", "+00:00")).isoformat(timespec="seconds")
    return StoredResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=int(record.http_headers.get_statuscode()),
        headers=list(record.http_headers.headers),
        body=body,
        fetched_at=fetched_at,
        capture=Capture(
            file=name,
            offset=offset,
            length=length,
            record_id=record.rec_headers.get_header("WARC-Record-ID"),
            fetched_at=fetched_at,
        ),
    )


def repair(folder: str | Path) -> list[str]:
    """Cut every WARC file of the folder back to its last whole record; return the names of
    the files that had a partial record at their end."""
    repaired = []
    for path in sorted(Path(folder).glob(f"*{WARC_SUFFIX}")):
        good = 0
        try:
            with path.open("rb") as stream:
                records = ArchiveIterator(stream)
                for record in records:
                    record.content_stream().read()
                    good = records.get_record_offset() + records.get_record_length()
        except (ArchiveLoadFailed, EOFError, OSError, ValueError):
            pass
        if good < path.stat().st_size:
            with path.open("r+b") as stream:
                stream.truncate(good)
            repaired.append(path.name)
    return repaired


def read_response(folder: str | Path, name: str, offset: int) -> StoredResponse:
    """The response record at ``offset`` of one WARC file of the folder, read by seeking there
    (not by reading the file from its start). ``name`` must be a file of the folder."""
    if Path(name).name != name or not name.endswith(WARC_SUFFIX):
        raise FileNotFoundError(f"not a WARC file of the archive: {name!r}")
    with (Path(folder) / name).open("rb") as stream:
        stream.seek(offset)
        records = ArchiveIterator(stream)
        record = next(iter(records), None)
        if record is None or record.rec_type != "response" or record.http_headers is None:
            raise ValueError(f"no response record at {name}:{offset}")
        body = record.content_stream().read()
        return _stored(record, body, name, offset, records.get_record_length() or 0)
