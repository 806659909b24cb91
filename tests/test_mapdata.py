"""What the browser gets: the shown set in its shortest form."""
from dashboard import mapdata


def test_the_shown_set_travels_in_its_shorter_form():
    ids = tuple(f"p{i}" for i in range(20000))
    small = mapdata.shown_mask(ids, ["p5", "p37", "p19999"])
    assert small == "i:5,11,ffj"  # positions in base 36
    large = mapdata.shown_mask(ids, ids[::3])
    assert large == mapdata.bit_mask(ids, ids[::3]) and len(large) < 3400
