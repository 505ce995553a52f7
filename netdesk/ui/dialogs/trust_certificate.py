"""Asking before a server's certificate is trusted: which server, the SHA-256 fingerprint of the
certificate it presented (to compare with the one the server itself shows), and a yes that has
to be given. Cancel, the default, trusts nothing. A line that says such a refusal also says
where to answer it, since a background sync (the reminders service's) asks nobody."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from netdesk.core.sync import accounts
from netdesk.core.sync.accounts import Account, AccountError
from netdesk.core.write_errors import WRITE_FAILURES
from netdesk.ui.dialogs import feedback, modal

PAIRS_PER_LINE = 16  # the 32 pairs of a fingerprint on two lines, easy to compare


def refused_fingerprint(account: Account) -> str:
    """The fingerprint of the certificate the account's last sync refused, or "" (also once
    that one is trusted: nothing is left to ask until the next sync)."""
    result = account.last_result or {}
    if result.get("kind") != "certificate":
        return ""
    fingerprint = str(result.get("fingerprint") or "")
    return "" if fingerprint == account.trusted_fingerprint else fingerprint


def where_to_trust(account: Account, line: str) -> str:
    """`line` (the account's last sync) ending with where its refused certificate can be
    trusted, when there is one to trust and the line does not say so yet."""
    hint = QCoreApplication.translate(
        "trust_certificate", "Its certificate can be trusted in Settings > Sync."
    )
    if not refused_fingerprint(account) or hint in line:
        return line
    return f"{line} {hint}"


def offer(
    parent: QWidget, account: Account, on_trusted: Callable[[Account], None]
) -> QMessageBox | None:
    """Ask (without blocking the window) whether to trust the certificate the account's last
    sync refused; `on_trusted` hears the account once it is kept. None when nothing to ask."""
    fingerprint = refused_fingerprint(account)
    if not fingerprint:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        parent.tr("Trust this certificate?"),
        _question(parent, account, fingerprint),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("trust_certificate_box")
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and addresses were typed by someone
    trust = box.addButton(parent.tr("Trust this certificate"), QMessageBox.ButtonRole.AcceptRole)
    trust.setObjectName("trust_certificate_yes")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.buttonClicked.connect(
        lambda button: button is trust and _trust(parent, account.name, fingerprint, on_trusted)
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _question(parent: QWidget, account: Account, fingerprint: str) -> str:
    host = urlsplit(account.url).netloc
    if account.trusted_fingerprint:
        why = parent.tr(
            "The certificate of %1 is not the one you trusted for %2: the server now presents "
            "another."
        )
        advice = parent.tr(
            "Trust it only if you replaced the server's certificate and the server shows this "
            "same fingerprint; otherwise someone may be between you and your server."
        )
    else:
        why = parent.tr(
            "The certificate of %1 is not signed by an authority this computer trusts, as is "
            "usual for a home server or a NAS. The sync with %2 stopped."
        )
        advice = parent.tr(
            "Trust it only if your server shows this same fingerprint. netdesk then accepts "
            "this certificate for %2, and no other."
        )
    shown = parent.tr("Its SHA-256 fingerprint:") + "\n" + _in_lines(fingerprint)
    return "\n\n".join(
        text.replace("%1", host).replace("%2", account.name) for text in (why, shown, advice)
    )


def _in_lines(fingerprint: str) -> str:
    pairs = fingerprint.split(":")
    return "\n".join(
        ":".join(pairs[i : i + PAIRS_PER_LINE]) for i in range(0, len(pairs), PAIRS_PER_LINE)
    )


def _trust(
    parent: QWidget, name: str, fingerprint: str, on_trusted: Callable[[Account], None]
) -> None:
    try:
        account = accounts.trust_certificate(name, fingerprint)
    except AccountError as exc:  # removed meanwhile (the command line)
        text = str(exc)
        feedback.show_failure(parent, text[:1].upper() + text[1:] + ".")
        return
    except WRITE_FAILURES as exc:
        modal.show_write_failure(parent, exc)
        return
    on_trusted(account)
