"""Replay saved pages over HTTP on 127.0.0.1, as a forward proxy: the crawler requests the
portals' real URLs (http_proxy / https_proxy point here) and gets the saved bytes. Used by
`khcn demo` and the crawl tests; it never forwards anything to the network.

A snapshot folder's ``manifest.toml`` maps URLs to files (``[pages]``), answers POSTs whose
form or JSON fields match (``[[posts]]``) and serves 301 redirects (``[redirects]``); see
docs/adding-a-portal.md. HTTPS is answered too: a CONNECT is accepted and the tunnel is
terminated with a throwaway self-signed certificate (Scrapy does not verify certificates).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import ssl
import struct
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qsl, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from portals.snapshots import Snapshot, load_snapshot

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}
NOT_FOUND = b"<html><body><h1>404 Not Found</h1></body></html>"


class _ReplayHandler(BaseHTTPRequestHandler):
    snapshot: ClassVar[Snapshot]
    requested: ClassVar[list[str]]
    tls: ClassVar[ssl.SSLContext]
    placeholder_images: ClassVar[bool]
    protocol_version = "HTTP/1.1"
    tunnel_host: str | None = None

    def do_CONNECT(self) -> None:
        """Accept the tunnel, then read the HTTPS requests inside it with our certificate."""
        self.send_response(200, "Connection Established")
        self.end_headers()
        self.tunnel_host = self.path.rsplit(":", 1)[0]
        try:
            self.connection = self.tls.wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError):
            self.close_connection = True
            return
        self.rfile = self.connection.makefile("rb")
        self.wfile = self.connection.makefile("wb")
        self.close_connection = False
        while not self.close_connection:
            self.handle_one_request()

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        if "json" in (self.headers.get("Content-Type") or ""):
            try:
                fields = json.loads(raw or "{}")
            except ValueError:
                fields = {}
        else:
            fields = dict(parse_qsl(raw, keep_blank_values=True))
        url = self._url()
        self.requested.append(url)
        self._send_file(self.snapshot.answer_post(url, fields if isinstance(fields, dict) else {}))

    def _url(self) -> str:
        if urlsplit(self.path).scheme:  # a proxy request: the absolute URL
            return self.path
        if self.tunnel_host:
            return f"https://{self.tunnel_host}{self.path}"
        return f"http://{self.headers.get('Host', '')}{self.path}"

    def _answer(self, with_body: bool) -> None:
        url = self._url()
        self.requested.append(url)
        target = self.snapshot.redirects.get(url)
        if target:
            self.send_response(301)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path = self.snapshot.pages.get(url)
        if path is None and self.placeholder_images and _is_image(url):
            self._send_bytes(200, "image/png", _placeholder_png(url), with_body)
            return
        self._send_file(path, with_body)

    def _send_file(self, path: Path | None, with_body: bool = True) -> None:
        if path is None:
            self._send_bytes(404, "text/html; charset=utf-8", NOT_FOUND, with_body)
            return
        ctype = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
        body = path.read_bytes()
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        if self.command == "GET" and self.headers.get("If-None-Match") == etag:
            self._send_bytes(304, ctype, b"", with_body=False, etag=etag)
            return
        self._send_bytes(200, ctype, body, with_body, etag=etag if self.command == "GET" else None)

    def _send_bytes(
        self, status: int, ctype: str, body: bytes, with_body: bool, etag: str | None = None
    ) -> None:
        """Answer; GET pages carry an ETag and honour If-None-Match, as many portals do."""
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        if with_body:
            self.wfile.write(body)
        self.wfile.flush()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def replay_server(
    directories: Iterable[Path], port: int = 0, placeholder_images: bool = True
) -> Iterator[ReplayServer]:
    """Serve the snapshot on 127.0.0.1 in a background thread for the duration of the block.

    The snapshots carry the portals' pages, not their photos: an image URL the manifest does
    not list is answered with a small PNG drawn from the URL (the same URL always gets the same
    bytes), so the image pipeline runs as it does live."""
    snapshot = load_snapshot(directories)
    with tempfile.TemporaryDirectory(prefix="khcn-replay-") as scratch:
        tls = _tls_context(Path(scratch), snapshot.hosts())
        attributes = {
            "snapshot": snapshot,
            "requested": [],
            "tls": tls,
            "placeholder_images": placeholder_images,
        }
        handler = type("Handler", (_ReplayHandler,), attributes)
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield ReplayServer(server, handler.requested, snapshot)
        finally:
            server.shutdown()
            server.server_close()


class ReplayServer:
    """A running replay server: its proxy URL and the URLs it was asked for."""

    def __init__(
        self, server: ThreadingHTTPServer, requested: list[str], snapshot: Snapshot
    ) -> None:
        self.proxy_url = f"http://127.0.0.1:{server.server_address[1]}"
        self.requested = requested
        self.snapshot = snapshot

    @property
    def pages(self) -> dict[str, Path]:
        return self.snapshot.pages

    def proxy_environment(self) -> dict[str, str]:
        """Environment variables that send a crawler's HTTP and HTTPS through this server."""
        return proxy_environment(self.proxy_url)


def proxy_environment(proxy_url: str) -> dict[str, str]:
    """Environment variables that send a crawler's HTTP and HTTPS through a local proxy (the
    replay server, or the crawl benchmark's nginx), with no politeness delay between requests
    (portals/settings.py): every command that fetches pages (`new-site`, `doctor`, `extract
    --url`...) then runs as fast as `crawl` with LOCAL_CRAWL_SETTINGS."""
    return {
        "KHCN_DOWNLOAD_DELAY": "0",
        "http_proxy": proxy_url,
        "HTTP_PROXY": proxy_url,
        "https_proxy": proxy_url,
        "HTTPS_PROXY": proxy_url,
        "no_proxy": "",
        "NO_PROXY": "",
    }


# A replay server is ours: no delay, no throttling.
LOCAL_CRAWL_SETTINGS = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False")


def local_crawl_command(slugs: Sequence[str], db: str | Path, *options: str) -> list[str]:
    """`khcn crawl` of sites replayed on 127.0.0.1 (demo, tests, benchmarks), politeness off;
    ``options`` are more `khcn crawl` options (``-s KEY=VALUE``, ``--redis``...)."""
    command = [sys.executable, "-m", "portals", "crawl", *slugs, "--db", str(db), *options]
    for setting in LOCAL_CRAWL_SETTINGS:
        command += ["-s", setting]
    return command


def _tls_context(folder: Path, hosts: list[str]) -> ssl.SSLContext:
    """A server TLS context with a fresh self-signed certificate naming the snapshot's hosts
    (the crawler does not check the chain, as it does not for the many .gov.vn portals with
    broken ones)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "khcn-archive replay")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(host) for host in hosts]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


_IMAGE_PATH = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp)(?:/|$)", re.IGNORECASE)


def _is_image(url: str) -> bool:
    """An image file name ends the path, or a path segment (Liferay: /file.jpg/<uuid>)."""
    return _IMAGE_PATH.search(urlsplit(url).path) is not None


def _placeholder_png(url: str) -> bytes:
    """An 8x8 PNG whose colour is taken from the URL's hash."""
    red, green, blue = hashlib.sha256(url.encode()).digest()[:3]
    row = b"\x00" + bytes([red, green, blue]) * 8
    pixels = zlib.compress(row * 8)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
