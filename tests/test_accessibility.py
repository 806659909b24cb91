"""The status colours stay apart for colour-blind viewers, and never carry
meaning alone (each status also has its own dash pattern)."""
import itertools

import numpy as np

from dashboard.mapdata import STATUS_STYLE

# Machado, Oliveira & Fernandes (2009), severity 1.0
SIMULATIONS = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def to_linear(hex_color):
    rgb = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def to_lab(linear):
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(linear, 0, 1)
    xyz /= np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_status_colours_are_distinct_for_every_kind_of_colour_blindness():
    for name, matrix in [("normal", np.eye(3))] + [(k, np.array(v)) for k, v in SIMULATIONS.items()]:
        labs = {status: to_lab(np.asarray(matrix) @ to_linear(style["color"])) for status, style in STATUS_STYLE.items()}
        for a, b in itertools.combinations(labs, 2):
            delta = float(np.linalg.norm(labs[a] - labs[b]))
            assert delta >= 12, f"{a} and {b} look alike under {name} (ΔE {delta:.1f})"


def test_every_status_has_its_own_dash_pattern():
    dashes = [style["dash"] for style in STATUS_STYLE.values()]
    assert len(set(dashes)) == len(dashes)
