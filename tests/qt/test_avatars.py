"""Round avatars: initials on a colour of their own, or the photo, inside a circle."""

from __future__ import annotations

import io

from PIL import Image

from netdesk.qt import avatars


def test_initials_avatar_is_a_circle_in_the_name_colour(qapp):
    pixmap = avatars.render("Ana Souza", None, 30, 2.0)
    assert (pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()) == (60, 60, 2.0)
    image = pixmap.toImage()
    assert image.pixelColor(0, 0).alpha() == 0  # outside the circle
    assert image.pixelColor(59, 59).alpha() == 0
    colour = avatars.colour_for("Ana Souza")
    assert image.pixelColor(30, 4).name() == colour.name()  # inside, above the letters
    assert avatars.colour_for("Ana Souza") == colour  # the same person, the same colour


def test_photo_avatar_shows_the_photo_in_a_circle(qapp):
    buffer = io.BytesIO()
    Image.new("RGB", (80, 120), (20, 160, 90)).save(buffer, format="PNG")
    image = avatars.render("Ana Souza", buffer.getvalue(), 30).toImage()
    assert image.pixelColor(0, 0).alpha() == 0
    centre = image.pixelColor(15, 15)
    assert (centre.red(), centre.green(), centre.blue()) == (20, 160, 90)


def test_initials_are_readable_on_every_circle_in_light_and_dark_palettes(qapp):
    from PySide6.QtGui import QColor, QPalette

    names = [f"Person {n}" for n in range(200)]  # enough names to meet every hue
    assert len({avatars.colour_for(name).name() for name in names}) == len(avatars._HUES)
    original = qapp.palette()
    try:
        for window in (QColor("#f6f6f6"), QColor("#1e1e1e")):  # light, then dark
            palette = QPalette(window)
            qapp.setPalette(palette)
            for name in names:
                image = avatars.render(name, None, 40).toImage()
                circle = image.pixelColor(20, 3)  # inside, above the letters
                brightest = max(
                    (image.pixelColor(x, y) for x in range(8, 32) for y in range(8, 32)),
                    key=lambda c: c.lightness(),
                )
                assert brightest.name() == "#ffffff"  # the initials
                assert avatars.contrast_ratio(circle, brightest) >= 4.5, name
    finally:
        qapp.setPalette(original)
