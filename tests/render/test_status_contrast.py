"""Issue #15, item 1: every status reads against the basemap, measured with CIEDE2000 on
renders of a zone of each status over northern Pokrovsk's built-up area and over open ground
(see render/contrast.py for the measure)."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from desktop.model.legend import DEFAULT_STATUSES, default_legend, unknown_status
from desktop.render import styles
from desktop.render.colour_difference import ciede2000, hex_rgb

from render.contrast import BUILT_UP, FILL_MIN, LINE_MIN, OPEN, SITES, masks, measure, render_site

# Sharma, Wu and Dalal (2005), table 1: (Lab 1, Lab 2, CIEDE2000).
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (50.0, 3.2592, 0.335), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
]


def test_ciede2000_matches_the_published_pairs():
    lab1 = np.array([a for a, _, _ in SHARMA])
    lab2 = np.array([b for _, b, _ in SHARMA])
    want = np.array([d for _, _, d in SHARMA])
    np.testing.assert_allclose(ciede2000(lab1, lab2), want, atol=1e-4)
    np.testing.assert_allclose(ciede2000(lab2, lab1), want, atol=1e-4)  # symmetric


def test_the_sites_are_built_up_and_open_ground(qapp):
    """The measure is only as good as its places: the ring round the built-up site is town
    (fill and streets), the one round the open site is bare land."""
    town, land = np.array(hex_rgb(styles.TOWN_FILL)), np.array(hex_rgb(styles.LAND))
    for site, colour, share in ((BUILT_UP, town, 0.5), (OPEN, land, 0.95)):
        img = render_site(None, site).astype(int)
        inside, band, ring = masks(site)
        near = np.all(np.abs(img - colour) <= 3, axis=2)
        assert near[ring].mean() >= share, site.name
        assert near[inside].mean() >= share, site.name


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
@pytest.mark.parametrize("status", DEFAULT_STATUSES, ids=lambda s: s.key)
def test_every_status_reads_against_the_basemap(qapp, status, site):
    c = measure(status, site)
    assert c.reads(), f"{status.key} over {site.name}: fill {c.fill:.1f}, outline {c.outline:.1f}"


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_contested_ground_reads_by_fill_and_by_outline(qapp, site):
    """The grey zone is the subject of the seed article: its stipple and its strong outline
    each read on their own (it once measured 4.7 and 10 over northern Pokrovsk)."""
    c = measure(default_legend()["contested"], site)
    assert c.fill >= FILL_MIN and c.outline >= LINE_MIN, (c.fill, c.outline)


@pytest.mark.parametrize("hatch", ["", "stipple"])
def test_the_grey_zone_is_stippled_whether_or_not_its_entry_says_so(qapp, hatch):
    """Project files keep their own legend (the sample's grey zone has no pattern): a pale
    status is drawn with the stipple and the strong outline all the same, and an entry that
    asks for the stipple gets the very same look."""
    grey = dataclasses.replace(default_legend()["contested"], hatch=hatch)
    style = styles.ZoneStyle(grey)
    assert style.pattern == "stipple"
    assert style.outline.widthF() > styles.ZoneStyle(default_legend()["ru_control"]).outline.widthF()
    c = measure(grey, BUILT_UP)
    assert c.fill >= FILL_MIN and c.outline >= LINE_MIN, (c.fill, c.outline)


def test_a_claim_stays_an_outline():
    """A claim's outline reads in its own colour: no pattern is added to it."""
    legend = default_legend()
    for key in ("ru_claim", "ua_claim"):
        style = styles.ZoneStyle(legend[key])
        assert style.pattern == "" and style.outline.color().name() == legend[key].colour


def test_statuses_that_share_a_colour_differ_in_pattern():
    """The default legend and the entries an import adds for statuses it does not know (they
    all share one colour) never share both colour and pattern."""
    statuses = list(DEFAULT_STATUSES) + [unknown_status(f"imported_{i}", order=100 + i) for i in range(4)]
    looks = [(st.colour, styles.ZoneStyle(st).pattern) for st in statuses]
    assert len(set(looks)) == len(looks), looks
