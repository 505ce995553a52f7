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
