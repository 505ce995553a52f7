"""The person pane's health: the sentence beside a twelve-month sparkline that says its numbers
to screen readers and in its tooltip, drawn from the palette in light and dark."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QLabel

from netdesk.core import interactions
from netdesk.core.interactions import InteractionDraft
from netdesk.ui.views.person_pane import PersonPane
from netdesk.ui.widgets.sparkline import Sparkline
from tests.helpers.people import person


def month_back(today: dt.date, months: int) -> dt.date:
    """The 10th of the month `months` before today's."""
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 10)


def test_pane_shows_the_health_sentence_beside_the_sparkline(store, qtbot):
    today = dt.date.today()
    pid = person("Ana Souza", circles=["Friends"], met_on=today - dt.timedelta(400))
    for months in (11, 3, 3):  # the first month of the twelve, and twice three months ago
        when = month_back(today, months)
        interactions.log(InteractionDraft(when=when, people=[pid]))
    pane = PersonPane(None)
    qtbot.addWidget(pane)
    pane.show_person(pid)
    sentence = pane.findChild(QLabel, "pane_health_sentence")
    assert sentence.text().startswith("Drifting. You aim for every month; last time ")
    assert sentence.text().endswith("; 3 conversations in the last 12 months.")
    spark = pane.findChild(Sparkline, "sparkline")
    assert spark.counts == (1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0)
    first, last = month_back(today, 11), today
    words = f"Contacts per month, {first:%b}–{last:%b}: 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0"
    assert spark.accessibleName() == "Contacts per month"
    assert spark.accessibleDescription() == words
    assert spark.toolTip() == f"<p>{words}</p>"


def render(spark: Sparkline, window: QColor, highlight: QColor) -> QImage:
    palette = QPalette(spark.palette())
    palette.setColor(QPalette.ColorRole.Window, window)
    palette.setColor(
        QPalette.ColorRole.WindowText, QColor("white" if window.lightness() < 128 else "black")
    )
    palette.setColor(QPalette.ColorRole.Highlight, highlight)
    spark.setPalette(palette)
    spark.resize(spark.sizeHint())
    image = QImage(spark.size(), QImage.Format.Format_ARGB32)
    image.fill(window)
    spark.render(image)
    return image


def test_sparkline_draws_from_the_palette_in_light_and_dark(qtbot):
    spark = Sparkline()
    qtbot.addWidget(spark)
    spark.set_counts([0, 4, 2], "Contacts per month, Oct–Dec: 0, 4, 2")
    assert spark.sizeHint().width() == 3 * 6 + 2 * 3
    for window, highlight in (
        (QColor("#ffffff"), QColor("#1565c0")),
        (QColor("#202020"), QColor("#90caf9")),
    ):
        image = render(spark, window, highlight)
        middle = 6 + 3 + 3  # the centre of the second (tallest) bar
        assert image.pixelColor(middle, 2) == highlight  # it reaches the top
        third = 2 * (6 + 3) + 3
        assert image.pixelColor(third, 2) == window  # half as tall: the top is background
        assert image.pixelColor(third, image.height() - 3) == highlight
        empty = image.pixelColor(3, image.height() - 1)  # a month without contact: a baseline
        assert empty not in (window, highlight)
        assert image.pixelColor(3, image.height() // 2) == window


def test_a_long_name_with_its_badges_stays_inside_a_narrow_pane(store, qtbot):
    pid = person(
        "Maximiliane Alexandra Wolkenstein-Rodeneck von Hohenberg",
        nurture=True,
        cadence_days=30,
        met_on=dt.date.today() - dt.timedelta(days=4000),
    )
    pane = PersonPane(None)
    qtbot.addWidget(pane)
    pane.resize(330, 700)  # its share of a 1280-pixel window
    pane.show()
    pane.show_person(pid)
    qtbot.wait(50)  # the new content laid out
    assert pane.findChild(QLabel, "badge_status").text().startswith("Drifting · ")
    viewport = pane.scroll.viewport()
    assert pane.scroll.widget().width() <= viewport.width()
    for badge in ("badge_status", "badge_nurture"):
        label = pane.findChild(QLabel, badge)
        assert label.mapTo(viewport, label.rect().topRight()).x() <= viewport.width(), badge
