"""View > Network picture…: the picture (`network_graph_canvas`) with a search field, zoom
buttons and a line saying what is shown.

The network is read and laid out on the window's workers (`core.network_graph`,
`core.graph_layout`); only the scene is built here. Zoom with the wheel, Ctrl+= and Ctrl+-,
Ctrl+0 to fit; drag to move. The search field highlights the people whose name holds the text
and centres them (Enter goes to the next one). Clicking a person shows them in the main window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from netdesk.core import network_graph
from netdesk.core.graph_layout import Layout
from netdesk.core.network_graph import Network, NodeKind
from netdesk.qt import plain
from netdesk.qt.change_bridge import ChangeNotifier
from netdesk.qt.workers import Cancelled, Task, Workers
from netdesk.ui.dialogs import network_graph_controls as controls
from netdesk.ui.dialogs.network_graph_canvas import GraphView
from netdesk.ui.dialogs.network_graph_follow import ChangeFollower
from netdesk.ui.widgets import theme


class NetworkGraphDialog(QDialog):
    """The picture with a search field, zoom buttons and a line saying what is shown."""

    person_chosen = Signal(int)
    loaded = Signal()  # the picture is shown (for tests)

    def __init__(
        self, parent: QWidget | None, workers: Workers, notifier: ChangeNotifier | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("network_graph_dialog")
        self.setWindowTitle(self.tr("Network picture"))
        self.resize(1000, 720)
        self._workers = workers
        self._task: Task | None = None
        self._asked = 0  # loads started; only the latest one's picture is shown
        self._again = False  # the store changed while a picture was being drawn
        self.network: Network | None = None
        self._layout: Layout | None = None
        self._follower = ChangeFollower(self, self.redraw)
        if notifier is not None:
            notifier.changed.connect(self._follower.store_changed)
        self.view = GraphView(self)
        self.view.person_clicked.connect(self.person_chosen)
        self.query = QLineEdit(self)
        self.query.setObjectName("query")
        self.query.setPlaceholderText(self.tr("Find a person in the picture"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self._search)
        self.query.returnPressed.connect(self._next_found)
        self.status = QLabel(self.tr("Drawing your network…"), self)
        self.status.setObjectName("status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it repeats what was typed
        self._found_at = 0
        legend = QLabel(
            self.tr(
                "Round hubs are circles, square ones organisations. Grey lines: circles and"
                " organisations (dashed: worked there before); orange: relationships; violet:"
                " introductions."
            ),
            self,
        )
        legend.setObjectName("legend")
        legend.setTextFormat(Qt.TextFormat.PlainText)
        legend.setWordWrap(True)
        legend.setFont(theme.scaled_font(self, 0.9))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        for button in controls.zoom_buttons(self, self.view):
            row.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(legend)
        controls.add_shortcuts(self, self.view, self._open_found)
        self.query.setFocus()  # type a name at once

    def load(self) -> None:
        """Read and lay out the network afresh in the background, then draw it showing
        everyone; an earlier load still running is stopped, and its picture dropped if it
        arrives."""
        if self._task is not None:
            self._task.cancel()
        self._start(None)

    def redraw(self) -> None:
        """Draw the picture again after a change, in the background: what was drawn stays
        where it was, and so do the zoom, the place looked at, the person chosen and the
        search. While a picture is being drawn, it is drawn again once that one is shown."""
        if self._task is not None:
            self._again = True
        else:
            self._start(self._layout)  # None: nothing drawn yet, so drawn afresh

    def _start(self, before: Layout | None) -> None:
        self._asked += 1
        asked = self._asked
        self._task = self._workers.start(
            lambda progress: (asked, before is not None, _read_and_lay_out(progress.check, before)),
            on_done=self._show,  # a method: no call reaches a dialog already closed
            on_error=self._failed,
        )

    def _show(self, result: tuple[int, bool, tuple[Network, Layout]]) -> None:
        asked, again, (network, layout) = result
        if asked != self._asked:
            return
        self._task = None
        self.network, self._layout = network, layout
        self.view.show_network(network, layout, keep_view=again)
        self._say_what_is_shown()
        if self.query.text():
            self._search(self.query.text(), centre=not again)
        self.loaded.emit()
        if self._again:
            self._again = False
            self.redraw()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):  # stopped for a newer load: that one reports
            self._task = None
            self.status.setText(
                self.tr("The picture could not be drawn: %1").replace("%1", str(exc))
            )

    def _say_what_is_shown(self) -> None:
        assert self.network is not None
        if not self.network.people():
            self.status.setText(
                self.tr("Nobody here yet: the people you add or import appear around you.")
            )
            return
        hubs = self.network.hubs()
        circles = sum(1 for h in hubs if h.kind is NodeKind.CIRCLE)
        organisations = len(hubs) - circles
        shared = self.network.shared_organisations
        if shared > organisations:  # only the largest are hubs
            places = self.tr("the %n largest of %1 shared organisations", "", organisations)
            places = places.replace("%1", f"{shared:,}")
        else:
            places = self.tr("%n shared organisation(s)", "", organisations)
        self.status.setText(
            self.tr("%n person(s)", "", len(self.network.people()))
            + ", "
            + self.tr("%n circle(s)", "", circles)
            + ", "
            + places
            + ". "
            + self.tr("Scroll to zoom, drag to move, click a person to open them.")
        )

    @Slot(str)
    def _search(self, text: str, centre: bool = True) -> None:
        if self.network is None:
            return
        found = self.view.search(text, centre=centre)
        self._found_at = 0
        if not text.strip():
            self._say_what_is_shown()
        elif found:
            self.status.setText(
                self.tr(
                    "%n person(s) found; Enter goes to the next, Ctrl+Enter opens that person.",
                    "",
                    len(found),
                )
            )
        else:
            self.status.setText(self.tr("Nobody named “%1”.").replace("%1", plain.clip(text)))

    def _next_found(self) -> None:
        if not self.view.found:
            return
        self._found_at = (self._found_at + 1) % len(self.view.found)
        self.view.centre_on([self.view.found[self._found_at]])

    def _open_found(self) -> None:
        """The keyboard's click: open the person found that Enter went to."""
        if self.view.found:
            self.view.open_person(self.view.found[self._found_at])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.view.setPalette(self.palette())


def show_picture(
    parent: QWidget,
    workers: Workers,
    notifier: ChangeNotifier | None,
    reveal: Callable[[int], None],
) -> NetworkGraphDialog:
    """The window's one picture, drawn afresh (raised when already open) and again whenever
    `notifier` (the window's) reports a change; a person clicked in it is revealed by
    `reveal`."""
    dialog = parent.findChild(NetworkGraphDialog, "network_graph_dialog")
    if dialog is None:
        dialog = NetworkGraphDialog(parent, workers, notifier)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.person_chosen.connect(reveal)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.load()
    return dialog


def _read_and_lay_out(check: Callable[[], None], before: Layout | None) -> tuple[Network, Layout]:
    net = network_graph.read()
    check()  # stopped between the two steps when a newer load or the window's close asks
    return net, net.layout(before=before)
