"""Where a zoomed map writes its names: each inside its own country, clear of borders, marks and other names.

A chapter's locator map is framed on its own port, so the hand-placed names of data/map_labels.csv (placed for
the whole region) mostly fall outside it. Names are placed on the fly instead: for each country (largest share of
the frame first), every point of a grid over the frame is tried, and the name goes to the one whose box lies
inside the country and the frame, clear of the marks and of names already placed, farthest from the country's
border. A country with no such point (a sliver at the frame's edge) is left unnamed rather than named over a
border. Pure geometry in degrees of longitude and latitude: no drawing, so it is tested without matplotlib's
renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.path import Path as MplPath

GRID = (56, 40)  # candidate points across and up the frame


@dataclass(frozen=True)
class Box:
    """A name's box on the map, in degrees: centre and half-width, half-height."""

    x: float
    y: float
    half_width: float
    half_height: float

    def corners(self) -> np.ndarray:
        """The box's corners and edge midpoints: the points that must all lie inside its country."""
        xs = (self.x - self.half_width, self.x, self.x + self.half_width)
        ys = (self.y - self.half_height, self.y, self.y + self.half_height)
        return np.array([(x, y) for x in xs for y in ys])

    def contains(self, points: np.ndarray) -> np.ndarray:
        """Which of the points (longitude, latitude rows) lie inside the box.

        >>> Box(0, 0, 1, 1).contains(np.array([(0.5, -0.5), (2, 0)])).tolist()
        [True, False]
        """
        return (np.abs(points[:, 0] - self.x) <= self.half_width) & (np.abs(points[:, 1] - self.y) <= self.half_height)

    def clear_of(self, other: Box, pad: float = 0.0) -> bool:
        """Whether the two boxes are apart by at least ``pad`` degrees, across or up."""
        return (
            abs(self.x - other.x) >= self.half_width + other.half_width + pad
            or abs(self.y - other.y) >= self.half_height + other.half_height + pad
        )


def border_points(path: MplPath, step: float = 0.15) -> np.ndarray:
    """Points along a country's outline, no farther apart than ``step`` degrees (a simplified outline has long
    straight edges, and a name must keep clear of their middles too).

    >>> border_points(MplPath([(0, 0), (1, 0), (1, 1)]), step=0.5).tolist()
    [[0.0, 0.0], [0.5, 0.0], [1.0, 0.0], [1.0, 0.5]]
    """
    vertices, codes = path.vertices, path.codes
    starts, ends = vertices[:-1], vertices[1:]
    if codes is not None:  # no line into the first point of a ring
        keep = codes[1:] != MplPath.MOVETO
        starts, ends = starts[keep], ends[keep]
    if not len(starts):
        return np.empty((0, 2))
    pieces = np.maximum(1, (np.hypot(*(ends - starts).T) / step).astype(int))
    segment = np.repeat(np.arange(len(starts)), pieces)
    # each segment's points at 0, 1/pieces, 2/pieces ... of the way along it
    step_in_segment = np.arange(len(segment)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    fraction = step_in_segment / pieces[segment]
    return starts[segment] + fraction[:, None] * (ends - starts)[segment]


def place_name(
    path: MplPath,
    size: tuple[float, float],
    frame: tuple[float, float, float, float],
    taken: list[Box],
    aspect: float = 1.0,
    exclude: list[MplPath] = (),
) -> Box | None:
    """The best box of ``size`` (half-width, half-height in degrees) for a name inside ``path`` and ``frame`` (west,
    east, south, north), clear of the boxes in ``taken`` and outside every path in ``exclude`` (a province drawn
    over its country); None when none fits. ``aspect`` stretches latitude as the map does, for distances. Of
    candidates with equal room, the first (from the south-west, row by row) wins.

    >>> square = MplPath([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)], closed=True)
    >>> box = place_name(square, (1.0, 0.5), (0, 10, 0, 10), [])
    >>> round(box.x), round(box.y)
    (5, 5)
    >>> place_name(square, (6.0, 0.5), (0, 10, 0, 10), []) is None
    True
    >>> box = place_name(square, (1.0, 0.5), (0, 10, 0, 10), [Box(5, 5, 2, 2)])
    >>> box.clear_of(Box(5, 5, 2, 2), pad=0.1)
    True
    """
    west, east, south, north = frame
    half_width, half_height = size
    xs = np.linspace(west + half_width, east - half_width, GRID[0])
    ys = np.linspace(south + half_height, north - half_height, GRID[1])
    if not len(xs) or not len(ys) or xs[0] > xs[-1] or ys[0] > ys[-1]:
        return None
    centres = np.array([(x, y) for y in ys for x in xs])
    inside = path.contains_points(centres)
    outline = border_points(path)
    for other in exclude:
        inside &= ~other.contains_points(centres)
        outline = np.vstack([outline, border_points(other)])
    centres = centres[inside]
    # the box's corners and edge midpoints (Box.corners) must all lie inside the country and outside ``exclude``
    offsets = np.array([(dx, dy) for dx in (-half_width, 0.0, half_width) for dy in (-half_height, 0.0, half_height)])
    corners = (centres[:, None, :] + offsets[None, :, :]).reshape(-1, 2)
    fits = path.contains_points(corners).reshape(-1, len(offsets)).all(axis=1)
    for other in exclude:
        fits &= ~other.contains_points(corners).reshape(-1, len(offsets)).any(axis=1)
    for other in taken:
        fits &= (np.abs(centres[:, 0] - other.x) >= half_width + other.half_width + 0.1) | (
            np.abs(centres[:, 1] - other.y) >= half_height + other.half_height + 0.1
        )
    centres = centres[fits]
    if not len(centres):
        return None
    x, y = centres[:, 0], centres[:, 1]
    # room: how far the box's edge is from the nearest border point or edge of the frame, latitude stretched as drawn
    room = np.minimum.reduce(
        [
            x - half_width - west,
            east - x - half_width,
            (y - half_height - south) * aspect,
            (north - y - half_height) * aspect,
        ]
    )
    for chunk in range(0, len(outline), 512):  # in pieces, to keep the distance table small
        part = outline[chunk : chunk + 512]
        dx = np.maximum(np.abs(part[None, :, 0] - x[:, None]) - half_width, 0)
        dy = np.maximum(np.abs(part[None, :, 1] - y[:, None]) - half_height, 0) * aspect
        room = np.minimum(room, np.hypot(dx, dy).min(axis=1))
    best = int(np.argmax(room))
    return Box(float(x[best]), float(y[best]), half_width, half_height)
