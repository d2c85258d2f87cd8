"""Derive data/borders.geojson, the map's borders, from Debian's gmt-dcw package (run by hand, never by the build).

The book draws its maps offline from the small file this script writes and commits; nothing is downloaded at build
time. Source: DCW-GMT, the Digital Chart of the World for the Generic Mapping Tools (1:1,000,000), as packaged by
Debian (`apt-get install gmt-dcw`, /usr/share/gmt-dcw/dcw-gmt.nc, a netCDF-4/HDF5 file), licence LGPL-3.0-or-later.
It has country borders and the borders of China's provinces, so Xinjiang's own outline comes from the same source
as the international borders around it. Borders are as DCW draws them (lines of actual control where disputed),
which the book does not endorse.

Each polygon is stored in DCW as unsigned 16-bit steps from its bounding box's south-west corner, 65535 separating
rings (the format gmt_dcw.c reads); rings are clipped to the frame below, simplified with Douglas-Peucker
(TOLERANCE degrees, well under a pixel at the book's map sizes) and rounded to 0.001 degree (about 100 m).

Usage (h5py reads the HDF5 file; it is needed for this script only, pinned in scripts/requirements-borders.txt):
    apt-get install gmt-dcw && .venv/bin/pip install -r scripts/requirements-borders.txt
    .venv/bin/python scripts/derive_borders.py            # or: make borders
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DCW = Path("/usr/share/gmt-dcw/dcw-gmt.nc")
OUTPUT = ROOT / "data" / "borders.geojson"
PACKAGE = "gmt-dcw"
LICENCE = "LGPL-3.0-or-later"
# west, east, south, north: wider than any map the book draws, so no cut edge shows
FRAME = (60.0, 104.0, 27.0, 56.0)
TOLERANCE = 0.02  # degrees
SEPARATOR = 65535
# (DCW tag, role): China, Xinjiang (a province of China: tag CN + XJ) and the countries around it
AREAS = [
    ("CN", "country"),
    ("CNXJ", "province"),
    ("KZ", "country"),
    ("KG", "country"),
    ("TJ", "country"),
    ("AF", "country"),
    ("PK", "country"),
    ("IN", "country"),
    ("MN", "country"),
    ("RU", "country"),
    ("UZ", "country"),
    ("TM", "country"),
    ("NP", "country"),
    ("IR", "country"),
    ("BT", "country"),
]


def decode(steps_x, steps_y, west: float, south: float, scale_x: float, scale_y: float) -> list[np.ndarray]:
    """DCW's packed rings as arrays of (longitude, latitude): 65535 separates rings, other values are steps of 1/scale degrees.

    >>> [ring.tolist() for ring in decode([65535, 0, 10, 65535, 5], [65535, 0, 20, 65535, 5], 70.0, 40.0, 10.0, 10.0)]
    [[[70.0, 40.0], [71.0, 42.0]], [[70.5, 40.5]]]
    """
    steps_x, steps_y = np.asarray(steps_x, dtype=np.int64), np.asarray(steps_y, dtype=np.int64)
    rings, start = [], 0
    for end in [*np.flatnonzero(steps_x == SEPARATOR), len(steps_x)]:
        if end > start:
            ring = np.column_stack([steps_x[start:end] / scale_x + west, steps_y[start:end] / scale_y + south])
            rings.append(ring)
        start = end + 1
    return rings


def simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker: the fewest of the points that stay within ``tolerance`` of the line through them all.

    >>> simplify(np.array([[0, 0], [1, 0.001], [2, 0], [2, 2]], dtype=float), 0.01).tolist()
    [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0]]
    """
    if len(points) < 3:
        return points
    keep = np.zeros(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        a, b = points[first], points[last]
        middle = points[first + 1 : last]
        direction = b - a
        length = float(np.hypot(*direction))
        if length == 0:
            distances = np.hypot(*(middle - a).T)
        else:
            distances = np.abs(direction[0] * (middle[:, 1] - a[1]) - direction[1] * (middle[:, 0] - a[0])) / length
        farthest = int(np.argmax(distances))
        if distances[farthest] > tolerance:
            index = first + 1 + farthest
            keep[index] = True
            stack += [(first, index), (index, last)]
    return points[keep]


def touches_frame(ring: np.ndarray, frame=FRAME) -> bool:
    """Whether a ring's bounding box overlaps the frame."""
    west, east, south, north = frame
    return bool(
        ring[:, 0].min() < east and ring[:, 0].max() > west and ring[:, 1].min() < north and ring[:, 1].max() > south
    )


def clip(ring: np.ndarray, frame=FRAME) -> np.ndarray:
    """The part of a ring inside the frame (Sutherland-Hodgman, one edge of the frame at a time); cut edges run along it.

    >>> clip(np.array([[50.0, 30.0], [70.0, 30.0], [70.0, 40.0], [50.0, 40.0]]), (60.0, 104.0, 27.0, 56.0)).tolist()
    [[60.0, 30.0], [70.0, 30.0], [70.0, 40.0], [60.0, 40.0]]
    """
    west, east, south, north = frame
    edges = [(0, west, True), (0, east, False), (1, south, True), (1, north, False)]
    points = ring
    for axis, limit, keep_above in edges:
        if len(points) == 0:
            break
        inside = points[:, axis] >= limit if keep_above else points[:, axis] <= limit
        kept = []
        for i in range(len(points)):
            here, before = points[i], points[i - 1]
            if inside[i] != inside[i - 1]:
                t = (limit - before[axis]) / (here[axis] - before[axis])
                kept.append(before + t * (here - before))
            if inside[i]:
                kept.append(here)
        points = np.array(kept)
    return points


def area_of(ring: np.ndarray) -> float:
    """A ring's area in square degrees (shoelace), to drop specks."""
    x, y = ring[:, 0], ring[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def names(folder: Path) -> dict[str, str]:
    """DCW's names of its countries and states, by tag (CN, CNXJ)."""
    found = {}
    for line in (folder / "dcw-countries.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            _, code, name = line.split(maxsplit=2)
            found[code] = name
    for line in (folder / "dcw-states.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, code, name = line.split(maxsplit=2)
            found[country + code] = name
    return found


def feature(tag: str, role: str, name: str, variables) -> dict:
    """One area as a GeoJSON feature: its rings in the frame, simplified, as a MultiPolygon of outer rings."""
    x, y = variables[f"{tag}_lon"], variables[f"{tag}_lat"]
    rings = decode(
        x[()],
        y[()],
        float(x.attrs["min"][0]),
        float(y.attrs["min"][0]),
        float(x.attrs["scale"][0]),
        float(y.attrs["scale"][0]),
    )
    polygons = []
    for ring in rings:
        if not touches_frame(ring):
            continue
        ring = simplify(clip(ring), TOLERANCE)
        if len(ring) < 4 or area_of(ring) < TOLERANCE**2 * 4:
            continue
        closed = np.round(np.vstack([ring, ring[:1]]) if not np.array_equal(ring[0], ring[-1]) else ring, 3)
        polygons.append([closed.tolist()])
    return {
        "type": "Feature",
        "properties": {"code": tag, "role": role, "dcw_name": name},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def derive(source: Path = DCW) -> dict:
    """The borders as a GeoJSON FeatureCollection, with where they come from as foreign members."""
    import h5py

    with h5py.File(source, "r") as variables:
        version = variables.attrs["version"].decode()
        dcw_names = names(source.parent)
        features = [feature(tag, role, dcw_names[tag], variables) for tag, role in AREAS]
    return {
        "type": "FeatureCollection",
        "source": f"DCW-GMT {version} (Digital Chart of the World for the Generic Mapping Tools), Debian package {PACKAGE}",
        "licence": LICENCE,
        "derived_by": "scripts/derive_borders.py",
        "frame": list(FRAME),
        "tolerance_degrees": TOLERANCE,
        "features": features,
    }


def main() -> int:
    """Write data/borders.geojson (or check that it is current with --check)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DCW)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed file differs from a fresh derivation"
    )
    arguments = parser.parse_args()
    text = json.dumps(derive(arguments.source), separators=(",", ":"), sort_keys=True) + "\n"
    if arguments.check:
        current = OUTPUT.read_text(encoding="utf-8") == text
        print(f"{OUTPUT.relative_to(ROOT)} is {'current' if current else 'NOT current'}")
        return 0 if current else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(text):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
