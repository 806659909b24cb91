"""The country outlines under the map: each country has its own shape."""
import pytest
from shapely.geometry import shape

from geo import basemap


@pytest.fixture(scope="module")
def countries():
    return {f["properties"]["iso"]: (f["properties"]["name"], shape(f["geometry"]).bounds)
            for f in basemap.outlines()["features"]}


def test_germany_has_germanys_outline(countries):
    name, (lon_min, lat_min, lon_max, lat_max) = countries["DE"]
    assert name == "Germany"
    assert lon_min == pytest.approx(5.87, abs=0.15) and lon_max == pytest.approx(15.04, abs=0.15)
    assert lat_min == pytest.approx(47.27, abs=0.15) and lat_max == pytest.approx(55.06, abs=0.15)


def test_russia_reaches_from_kaliningrad_to_the_edge_of_the_window(countries):
    name, (lon_min, lat_min, lon_max, lat_max) = countries["RU"]
    assert name == "Russia"
    assert lon_min == pytest.approx(19.6, abs=0.2)  # Kaliningrad Oblast's western tip
    assert lon_max == pytest.approx(basemap.BBOX[2], abs=0.01)  # Chukotka runs past the clip window's 180°
    assert lat_min == pytest.approx(41.2, abs=0.2)  # Dagestan
    assert lat_max == pytest.approx(81.86, abs=0.2)  # Franz Josef Land


@pytest.mark.parametrize("iso,lon,lat", [("PT", -9.14, 38.72), ("AD", 1.52, 42.51), ("FR", 2.35, 48.86),
                                         ("PL", 21.01, 52.23), ("DE", 13.40, 52.52), ("RU", 37.62, 55.75)])
def test_each_capital_lies_inside_its_own_country(countries, iso, lon, lat):
    lon_min, lat_min, lon_max, lat_max = countries[iso][1]
    assert lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def test_every_outline_is_clipped_to_the_window(countries):
    lon_min, lat_min, lon_max, lat_max = basemap.BBOX
    for _name, bounds in countries.values():
        assert lon_min <= bounds[0] and bounds[2] <= lon_max and lat_min <= bounds[1] and bounds[3] <= lat_max
