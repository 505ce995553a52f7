"""English plurals for strings written as "%n day(s)", until real translations exist.

Qt resolves plural forms through a translator; with none installed "(s)" would show as typed.
This translator answers only for plural strings (everything else falls through to the source
text, or to a real translation installed after it).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

_installed: list[QTranslator] = []


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
