"""What a Radicale serving https presents: the fingerprint a person reads off their server."""

from __future__ import annotations

from tests.helpers.radicale import Radicale


def served_fingerprint(server: Radicale) -> str:
    """The SHA-256 of the certificate the server was started with, as `openssl x509
    -fingerprint -sha256` prints it (worked out apart from netdesk's own code)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    certificate = x509.load_pem_x509_certificate((server.folder / "cert.pem").read_bytes())
    return certificate.fingerprint(hashes.SHA256()).hex(":").upper()
