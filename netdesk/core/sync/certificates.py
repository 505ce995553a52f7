"""A server's TLS certificate told by its SHA-256 fingerprint.

A home server (a NAS, a Radicale at home) often has a certificate it signed itself, which no
system trusts. netdesk then shows that certificate's fingerprint, for the person to compare
with the one their server shows; once they say yes, the account keeps it and vdirsyncer accepts
that certificate and no other (`verify_fingerprint`). A certificate that changes later is
refused again with its new fingerprint: it is never trusted without being asked.
"""

from __future__ import annotations

import hashlib
import re
from ssl import PEM_cert_to_DER_cert, get_server_certificate
from urllib.parse import urlsplit

from netdesk.core.sync.vdirsyncer_run import SyncError

PROBE_TIMEOUT = 10.0  # seconds to fetch a certificate from a server that just refused one
_LABEL = re.compile(r"^\s*(sha-?256)?\s*(fingerprint)?\s*[=:]?\s*", re.IGNORECASE)


def normalise(text: str) -> str:
    """`AB:CD:…` (64 hexadecimal digits in pairs); ValueError in one line for anything else.
    Takes what tools print: colons or not, any case, an `SHA256 Fingerprint=` label."""
    digits = re.sub(r"[\s:]", "", _LABEL.sub("", text))
    if not re.fullmatch(r"[0-9a-fA-F]{64}", digits):
        raise ValueError(
            f"not a SHA-256 fingerprint: {text.strip()!r} (64 hexadecimal digits, as AB:CD:…)"
        )
    return ":".join(digits[i : i + 2] for i in range(0, 64, 2)).upper()


def of_certificate(der: bytes) -> str:
    return normalise(hashlib.sha256(der).hexdigest())


def of_server(url: str, timeout: float = PROBE_TIMEOUT) -> str | None:
    """The fingerprint of the certificate the server at `url` presents; None for plain http or
    when it cannot be fetched (no answer, no TLS there). The one connection netdesk opens
    itself rather than through vdirsyncer: a TLS handshake with the server the person set up,
    after vdirsyncer was refused its certificate, and nothing sent over it."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return None
    try:
        # Without ca_certs nothing is verified: the point is to see the certificate refused.
        pem = get_server_certificate((parts.hostname, parts.port or 443), timeout=timeout)
    except (OSError, ValueError):  # an SSLError is an OSError
        return None
    return of_certificate(PEM_cert_to_DER_cert(pem))


def explain(error: SyncError, url: str, trusted: str | None) -> SyncError:
    """A certificate refusal with the fingerprint the server presents, so the person can
    decide to trust it; any other failure as it was. With a certificate already trusted, a
    failure is checked against it: vdirsyncer says a changed one only as bytes."""
    if error.kind != "certificate" and not (trusted and error.kind == "other"):
        return error
    seen = of_server(url)
    if seen is None:
        return error
    host = urlsplit(url).netloc
    if trusted and seen != trusted:
        return SyncError(
            f"{host}'s certificate is not the one you trusted: its SHA-256 fingerprint is now "
            f"{seen}; trust it only if you know the server's certificate was replaced.",
            "certificate",
            fingerprint=seen,
        )
    if error.kind == "certificate":
        sentence = str(error).rstrip(".")
        return SyncError(
            f"{sentence}; its SHA-256 fingerprint is {seen}.", "certificate", fingerprint=seen
        )
    return error
