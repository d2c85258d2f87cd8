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

    def clear_of(self, other: Box, pad: float = 0.0) -> bool:
        """Whether the two boxes are apart by at least ``pad`` degrees, across or up."""
        return (
            abs(self.x - other.x) >= self.half_width + other.half_width + pad
            or abs(self.y - other.y) >= self.half_height + other.half_height + pad
        )


def border_points(path: MplPath, step: float = 0.15) -> np.ndarray:
    """Points along a country's outline, no farther apart than ``step`` degrees (a simplified outline has long
    straight edges, and a name must keep clear of their middles too)."""
    points = []
    vertices, codes = path.vertices, path.codes
    for index in range(1, len(vertices)):
        if codes is not None and codes[index] == MplPath.MOVETO:
            continue
        start, end = vertices[index - 1], vertices[index]
        pieces = max(1, int(np.hypot(*(end - start)) / step))
        points.append(start + np.outer(np.arange(pieces) / pieces, end - start))
    return np.vstack(points) if points else np.empty((0, 2))


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
    over its country); None when none fits. ``aspect`` stretches latitude as the map does, for distances.

    >>> square = MplPath([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)], closed=True)
    >>> box = place_name(square, (1.0, 0.5), (0, 10, 0, 10), [])
    >>> round(box.x), round(box.y)
    (5, 5)
    >>> place_name(square, (6.0, 0.5), (0, 10, 0, 10), []) is None
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
    best, best_room = None, 0.0
    for x, y in centres[inside]:
        box = Box(float(x), float(y), half_width, half_height)
        corners = box.corners()
        if not path.contains_points(corners).all():
            continue
        if any(other.contains_points(corners).any() for other in exclude):
            continue
        if not all(box.clear_of(other, pad=0.1) for other in taken):
            continue
        # room: how far the box's edge is from the nearest border point or edge of the frame, latitude stretched
        # as drawn
        room = min(
            x - half_width - west,
            east - x - half_width,
            (y - half_height - south) * aspect,
            (north - y - half_height) * aspect,
        )
        if len(outline):
            dx = np.maximum(np.abs(outline[:, 0] - x) - half_width, 0)
            dy = np.maximum(np.abs(outline[:, 1] - y) - half_height, 0) * aspect
            room = min(room, float(np.min(np.hypot(dx, dy))))
        if best is None or room > best_room:
            best, best_room = box, room
    return best
