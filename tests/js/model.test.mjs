// The data model and the store against Python's answers (golden vectors from tests/test_js.py):
// the shown set (dashboard.mapdata.shown_mask), the status in a year (geo.counts.status_in_year),
// the timeline's "founded by" (dashboard.filters.apply), the counts (geo.counts).
import test from "node:test";
import assert from "node:assert/strict";
import {golden, loadPure, tinyData} from "./harness.mjs";

const PM = loadPure(["model.js", "geometry.js", "store.js"]);
const shownOf = flags => flags.reduce((out, f, i) => (f ? out.concat(i) : out), []);

test("the mask decodes to exactly the pairs Python chose, in both forms", () => {
  const cases = golden("mask");
  assert.ok(cases.some(c => c.mask.startsWith("i:")) && cases.some(c => !c.mask.startsWith("i:")));
  for (const c of cases) {
    assert.deepEqual(shownOf(PM.decodeMask(c.mask, c.n)), c.shown, c.mask.slice(0, 20));
    assert.deepEqual(shownOf(PM.decodeMask(c.bits, c.n)), c.shown, "the plain bit mask too");
  }
});

test("no mask is everything; positions out of range are ignored", () => {
  assert.deepEqual(shownOf(PM.decodeMask(null, 3)), [0, 1, 2]);
  assert.deepEqual(shownOf(PM.decodeMask("i:1,zz,", 3)), [1]);
});

for (const name of ["real", "synthetic"]) {
  test(`status in every year equals geo.counts.status_in_year (${name} data)`, () => {
    const model = new PM.Model(golden(name + "-data")), expected = golden(name + "-status");
    let changed = 0;
    for (const [year, statuses] of Object.entries(expected)) {
      statuses.forEach((st, i) => {
        assert.equal(model.statusInYear(i, +year), st, `${model.id(i)} in ${year}`);
        if (st && st !== model.status(model.statusCode(i))) { changed++; }
      });
    }
    assert.ok(changed > 0, "some pair had another status in some year than today");
  });

  test(`the timeline shows what the filter "founded by" shows (${name} data)`, () => {
    const model = new PM.Model(golden(name + "-data")), expected = golden(name + "-timeline");
    assert.ok(Object.keys(expected).length >= 3);
    for (const [year, ids] of Object.entries(expected)) {
      const shown = [];
      for (let i = 0; i < model.nPairs; i++) { if (model.inYear(i, +year)) { shown.push(i); } }
      assert.deepEqual(shown, ids, `in ${year}`);
    }
  });

  test(`shown, on the map and arcs per shown set equal geo.counts (${name} data)`, () => {
    const store = new PM.Store(new PM.Model(golden(name + "-data")));
    for (const c of golden(name + "-counts")) {
      store.set({mask: c.mask});
      assert.deepEqual({...store.get("counts")}, {shown: c.shown, onMap: c.on_map, arcs: c.arcs});
    }
  });
}

test("the year axis ends where Python says (dashboard.filters.year_bounds), not at the browser's clock", () => {
  const data = golden("real-data"), store = new PM.Store(new PM.Model(data));
  assert.equal(store.get("axis").last, data.years[1]);
  assert.ok(store.get("axis").first >= data.years[0]);
});

test("conference numerals come from Python", () => {
  for (const c of golden("real-data").conferences) { assert.match(c.roman, /^[IVXLCDM]+$/); }
});

test("named accessors read the documented format", () => {
  const m = new PM.Model(tinyData());
  assert.deepEqual([m.de(0), m.ru(0), m.since(0), m.kind(1), m.pairLevel(0)], [0, 1, 1970, "friendship", "municipality"]);
  assert.deepEqual([m.placeName(1, "ru"), m.placeName(1, "en"), m.placeName(0, "de"), m.side(1), m.level(0)],
                   ["Калуга", "Kaluga", "Suhl", 1, "municipality"]);
  assert.equal(m.regionName("RU-KLU", "en"), "Kaluga Oblast");
  assert.equal(m.placeOf("de:Erfurt"), 2);
  assert.equal(m.isArc(3), false);
});

test("derived values are computed once per change, and again after one", () => {
  const store = new PM.Store(new PM.Model(tinyData()));
  const a = store.get("placeCount");
  assert.equal(store.get("placeCount"), a, "the same object while nothing changed");
  store.set({selected: "de:Suhl"});
  assert.equal(store.get("placeCount"), a, "a selection does not recount the places");
  store.set({year: 1980});
  assert.notEqual(store.get("placeCount"), a);
  assert.deepEqual([...store.get("placeCount")], [1, 1, 0, 0, 0]);
});

test("subscribers hear once per set, with the keys that changed", () => {
  const store = new PM.Store(new PM.Model(tinyData())), heard = [];
  const off = store.subscribe(changed => heard.push(Object.keys(changed).sort().join(",")));
  store.set({lang: "ru", year: 1990, bogus: 1});
  store.set({lang: "ru"});
  off();
  store.set({lang: "en"});
  assert.deepEqual(heard, ["lang,year"]);
});

test("a selection highlights its pairs and names its partners; a tour highlights its host's pairs", () => {
  const store = new PM.Store(new PM.Model(tinyData()));
  store.set({selected: "ru:Kaluga"});
  assert.deepEqual([...store.get("focus")], [1, 1, 0, 0]);
  assert.deepEqual([...store.get("partners")], [1, 1, 1, 0, 0]);
  store.set({tour: 0});
  assert.deepEqual([...store.get("focus")], [0, 1, 0, 1], "the pairs of the conference's host city, Erfurt");
  assert.equal(store.get("tourFocus").count, 2);
});
