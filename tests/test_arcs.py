from geo.arcs import distance_km, great_circle


def test_arc_starts_and_ends_at_the_towns():
    arc = great_circle(50.61, 10.69, 54.53, 36.27)
    assert arc[0] == (50.61, 10.69)
    assert abs(arc[-1][0] - 54.53) < 1e-9 and abs(arc[-1][1] - 36.27) < 1e-9
    assert len(arc) > 10


def test_arc_bends_towards_the_pole():
    arc = great_circle(50.0, 10.0, 50.0, 90.0)
    middle = arc[len(arc) // 2]
    assert middle[0] > 55  # a great circle between two points on 50°N runs north of the parallel


def test_arc_across_the_antimeridian_stays_continuous():
    arc = great_circle(53.0, 10.0, 64.7, -177.5)  # Hamburg to Anadyr, the short way
    steps = [abs(b[1] - a[1]) for a, b in zip(arc, arc[1:])]
    assert max(steps) < 90  # no jump from +180 to -180 half way
    assert arc[-1] == (64.7, 182.5)  # the same place, on the same turn of the globe


def test_distance_suhl_kaluga():
    assert 1750 < distance_km(50.61, 10.69, 54.53, 36.27) < 1800
