"""Translation: the one `tr` for code outside a QObject, and English plurals for strings written
as "%n day(s)", until real translations exist.

Qt resolves plural forms through a translator; with none installed "(s)" would show as typed.
This translator answers only for plural strings (everything else falls through to the source
text, or to a real translation installed after it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTranslator

_installed: list[QTranslator] = []


def tr(context: str, text: str, n: int = -1) -> str:
    """`text` in the user's language, from `context`'s translations; with `n` (`%n` in the
    text), in the plural form for n."""
    return QCoreApplication.translate(context, text, None, n)


def translator(context: str) -> Callable[..., str]:
    """A module's `tr(text, n=-1)`, bound to its context."""
    return functools.partial(tr, context)


class EnglishPlurals(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if n < 0 or "(s)" not in source:
            return None  # a null string: "no translation here", so Qt uses the source
        one = n == 1
        text = source.replace("person(s)", "person" if one else "people")
        return text.replace("(s)", "" if one else "s")

    def isEmpty(self) -> bool:
        return False


def install() -> None:
    """Install once per application (idempotent)."""
    app = QCoreApplication.instance()
    if app is None or _installed:
        return
    translator = EnglishPlurals(app)
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
