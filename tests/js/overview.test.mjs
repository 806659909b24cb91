// The overview's pure parts: which names come first (population and partnerships),
// which places share a symbol at a zoom (clusters.js), names and badges that keep
// clear of the symbols, and the store's facts they read (what must be named, which
// conferences are shown). Run on made-up points and on the real data (golden vectors).
import test from "node:test";
import assert from "node:assert/strict";
import {golden, loadPure, plain, tinyData} from "./harness.mjs";

const PM = loadPure(["dom.js", "model.js", "geometry.js", "labels.js", "clusters.js", "store.js"]);
const {labels, clusters} = PM;
const size = {x: 800, y: 600};

function random(seed) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/* n places in a w × h box, some of them at the same spot as another (a town and its district) */
function crowd(n, w, h, seed = 11) {
  const rand = random(seed), out = [];
  for (let id = 0; id < n; id++) {
    const twin = id > 0 && rand() < 0.1 ? out[Math.floor(rand() * out.length)] : null;
    const count = 1 + Math.floor(rand() * 8);
    out.push({id, x: twin ? twin.x : rand() * w, y: twin ? twin.y : rand() * h, r: Math.min(4 + 1.8 * Math.sqrt(count), 13),
              side: twin ? twin.side : (rand() < 0.5 ? 0 : 1),
              weight: labels.importance({population: Math.floor(rand() * 2e6), count, level: 0}),
              spot: twin ? twin.spot : "s" + id});
  }
  return out;
}

function worstShare(symbols) {
  let worst = 0, pair = null;
  for (let i = 0; i < symbols.length; i++) {
    for (let j = i + 1; j < symbols.length; j++) {
      const share = clusters.overlapShare(symbols[i], symbols[j]);
      if (share > worst) { worst = share; pair = [symbols[i].members, symbols[j].members]; }
    }
  }
  return {worst, pair};
}

/* ---------- rank ---------- */

test("a big city is named before a small one, and more partnerships count", () => {
  const moscow = labels.rank({population: 10381222, count: 6, level: 0});
  const kaluga = labels.rank({population: 324698, count: 3, level: 0});
  const village = labels.rank({population: 2000, count: 1, level: 0});
  assert.ok(moscow > kaluga && kaluga > village);
  // the same town with more partnerships ranks higher; a region below a town of the same size and count
  assert.ok(labels.rank({population: 50000, count: 4, level: 0}) > labels.rank({population: 50000, count: 1, level: 0}));
  assert.ok(labels.rank({population: 50000, count: 2, level: 0}) > labels.rank({population: 50000, count: 2, level: 2}));
  // a capital with one partnership before a small town with many
  assert.ok(labels.rank({population: 3426354, count: 1, level: 0}) > labels.rank({population: 30000, count: 7, level: 0}));
});

test("the selected place and its partners come before the largest city", () => {
  const capital = labels.rank({population: 10381222, count: 40, level: 0});
  assert.ok(labels.rank({selected: true, population: 0, count: 1, level: 0}) > labels.rank({partner: true, population: 0, count: 1, level: 0}));
  assert.ok(labels.rank({partner: true, population: 0, count: 1, level: 0}) > capital);
});

/* ---------- clusters ---------- */

test("at every zoom no two symbols overlap by more than a third of the smaller one, and every place is in one", () => {
  for (const zoom of [0, 1, 2, 3]) {
    const k = Math.pow(2, zoom), items = crowd(400, 150 * k, 110 * k, 5 + zoom);
    const symbols = clusters.build(items);
    const {worst, pair} = worstShare(symbols);
    assert.ok(worst <= 1 / 3, `zoom ${zoom}: ${worst.toFixed(2)} between ${JSON.stringify(pair)}`);
    assert.ok(worst <= clusters.MAX_SHARE + 1e-9);
    const seen = symbols.flatMap(s => s.members).sort((a, b) => a - b);
    assert.deepEqual(plain(seen), items.map(i => i.id));
  }
});

test("zooming in parts the clusters: more symbols, fewer places in each", () => {
  const base = crowd(300, 100, 80, 3);
  const counts = [1, 2, 4, 8, 64].map(k => clusters.build(base.map(i => Object.assign({}, i, {x: i.x * k, y: i.y * k}))).length);
  for (let i = 1; i < counts.length; i++) { assert.ok(counts[i] >= counts[i - 1], JSON.stringify(counts)); }
  assert.ok(counts[0] < 60, `the overview gathers: ${counts[0]} symbols`);
  const spots = new Set(base.map(i => i.spot)).size;
  assert.equal(counts[counts.length - 1], spots, "far in, one symbol per spot");
});

test("places at the same spot are one symbol that no zoom separates", () => {
  const items = [
    {id: 0, x: 100, y: 100, r: 6, side: 0, weight: 60, spot: "berlin"},     // a city
    {id: 1, x: 100, y: 100, r: 5, side: 0, weight: 40, spot: "berlin"},     // its district
    {id: 2, x: 100, y: 100, r: 5, side: 0, weight: 30, spot: "berlin"},     // another one
    {id: 3, x: 400, y: 300, r: 6, side: 0, weight: 50, spot: "hamburg"}];
  for (const k of [1, 100, 10000]) {
    const symbols = clusters.build(items.map(i => Object.assign({}, i, {x: i.x * k, y: i.y * k})));
    const berlin = symbols.find(s => s.members.includes(0));
    assert.deepEqual(plain(berlin.members), [0, 1, 2], "the most important first");
    assert.equal(berlin.spot, true);
    assert.equal(berlin.lead, 0);
    assert.equal(symbols.length, 2);
  }
});

test("a cluster sits on its most important place, grows with its count, and keeps the countries apart", () => {
  const items = [
    {id: 0, x: 100, y: 100, r: 5, side: 0, weight: 40, spot: "a"},
    {id: 1, x: 103, y: 101, r: 5, side: 0, weight: 70, spot: "b"},
    {id: 2, x: 98, y: 104, r: 5, side: 0, weight: 50, spot: "c"},
    {id: 3, x: 300, y: 100, r: 5, side: 1, weight: 50, spot: "d"},
    {id: 4, x: 302, y: 100, r: 5, side: 0, weight: 50, spot: "e"}];
  const symbols = clusters.build(items);
  const three = symbols.find(s => s.n === 3);
  assert.equal(three.lead, 1);
  assert.deepEqual([three.x, three.y], [103, 101]);
  assert.equal(three.spot, false);
  assert.ok(three.r > 5 && three.r === clusters.clusterRadius(3));
  assert.ok(clusters.clusterRadius(30) > clusters.clusterRadius(3));
  // a Russian and a German place this close: one symbol only where nothing else parts them (side -1)
  const mixed = symbols.find(s => s.members.includes(3));
  assert.ok(mixed.members.includes(4) ? mixed.side === -1 : mixed.n === 1);
});

test("the places that must be named stay symbols of their own", () => {
  const items = [
    {id: 0, x: 100, y: 100, r: 5, side: 0, weight: 70, spot: "a"},
    {id: 1, x: 102, y: 100, r: 5, side: 0, weight: 10, spot: "b", fixed: true},
    {id: 2, x: 101, y: 102, r: 5, side: 0, weight: 20, spot: "c"}];
  const symbols = clusters.build(items);
  const fixed = symbols.find(s => s.members.includes(1));
  assert.deepEqual(plain(fixed.members), [1]);
  assert.equal(fixed.fixed, true);
  assert.deepEqual(plain(symbols.find(s => s.members.includes(0)).members), [0, 2]);
});

test("the real data's places at the overview's zooms: no two symbols overlap by more than a third", () => {
  const data = golden("real-data"), model = new PM.Model(data);
  const project = ([lat, lon]) => ({x: (lon + 180) / 360 * 256,
    y: (1 - Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) / Math.PI) / 2 * 256});
  const store = new PM.Store(model), radius = store.get("radius"), importance = store.get("importance"), count = store.get("placeCount");
  for (const zoom of [2, 2.5, 3, 3.5, 4, 5.5]) {
    const k = Math.pow(2, zoom), items = [];
    for (let p = 0; p < model.nPlaces; p++) {
      if (!count[p]) { continue; }
      const pt = project(model.latLng(p));
      items.push({id: p, x: pt.x * k, y: pt.y * k, r: clusters.areaRadius(radius[p], model.levelCode(p)), side: model.side(p),
                  weight: importance[p], spot: model.lat(p).toFixed(3) + "," + model.lon(p).toFixed(3)});
    }
    const symbols = clusters.build(items), {worst, pair} = worstShare(symbols);
    assert.ok(worst <= 1 / 3, `zoom ${zoom}: ${worst.toFixed(2)} ${JSON.stringify(pair)}`);
    // Moscow leads its cluster, whatever else is gathered there
    const moscow = symbols.find(s => s.members.includes(model.placeOf("ru:Moskau")));
    assert.equal(model.key(moscow.lead), moscow.n > 1 ? "ru:Moskau" : model.key(moscow.lead));
    if (moscow.members.length > 1) { assert.equal(model.key(moscow.lead), "ru:Moskau"); }
  }
});

/* ---------- names and badges around symbols ---------- */

test("names keep clear of every place symbol but their own", () => {
  const rand = random(3), circles = [], candidates = [];
  for (let n = 0; n < 150; n++) {
    const c = {cx: 40 + rand() * 720, cy: 40 + rand() * 520, r: 5 + rand() * 10, owner: n};
    circles.push(c);
    candidates.push({x: c.cx, y: c.cy, r: c.r, w: 40 + rand() * 50, h: 14, rank: rand() * 100, owner: n});
  }
  const placed = labels.place(candidates, [], size, Infinity, circles);
  assert.ok(placed.length > 20, `${placed.length} names`);
  for (const b of placed) {
    for (const c of circles) {
      if (c.owner === b.candidate.owner) { continue; }
      assert.ok(!labels.boxMeetsCircle(b, c), `a name covers symbol ${c.owner}`);
    }
    // and its own symbol is left free too
    const own = circles[b.candidate.owner];
    assert.ok(!labels.boxMeetsCircle(b, own), "a name on its own symbol");
  }
});

test("a name that must stand is placed even where symbols crowd it, never over a panel", () => {
  const ring = [];
  for (let a = 0; a < 16; a++) { ring.push({cx: 400 + Math.cos(a / 16 * 2 * Math.PI) * 30, cy: 300 + Math.sin(a / 16 * 2 * Math.PI) * 30, r: 28}); }
  const must = {x: 400, y: 300, r: 6, w: 60, h: 14, rank: 1, must: true, key: "must"};
  const other = {x: 400, y: 300, r: 6, w: 60, h: 14, rank: 1e6, key: "other"};
  const placed = labels.place([other, must], [], size, Infinity, ring);
  assert.deepEqual(plain(placed.map(b => b.candidate.key)), ["must"]);
  const panel = [{x: 0, y: 0, w: 800, h: 600}];
  assert.equal(labels.place([must], panel, size, Infinity, ring).length, 0);
});

test("the ends of a pair are both named, dropping lower-ranked names that block them", () => {
  const big = {x: 400, y: 300, r: 8, w: 120, h: 14, rank: labels.rank({population: 5e6, count: 9, level: 0}), key: "big"};
  const a = {x: 470, y: 300, r: 5, w: 60, h: 14, rank: 1, must: true, key: "a"};
  const b = {x: 330, y: 300, r: 5, w: 60, h: 14, rank: 1, must: true, key: "b"};
  const keys = labels.place([big, a, b], [], size).map(x => x.candidate.key);
  assert.deepEqual(plain(keys.slice(0, 2)), ["a", "b"]);
});

test("badges and their leaders keep clear of the place symbols, other badges and the panels", () => {
  const rand = random(9), symbols = [];
  for (let n = 0; n < 60; n++) { symbols.push({cx: 100 + rand() * 600, cy: 150 + rand() * 400, r: 5 + rand() * 6, owner: n}); }
  const badges = [0, 1, 2, 3, 4, 5].map(n => ({x: symbols[n * 7].cx, y: symbols[n * 7].cy, r: symbols[n * 7].r, owner: n * 7, w: 44, h: 20}));
  const panel = {x: 0, y: 0, w: 120, h: 120};
  const out = labels.liftBadges(badges, symbols, [panel], size);
  out.forEach((o, k) => {
    assert.ok(o.clear, `badge ${k} found no clear spot`);
    for (const s of symbols) { assert.ok(!labels.boxMeetsCircle(o.box, s), `badge ${k} over symbol ${s.owner}`); }
    assert.ok(!labels.overlap(o.box, panel));
    // the leader runs from the rim of its own symbol to the badge
    const [x0, y0, x1, y1] = o.leader;
    assert.ok(Math.abs(Math.hypot(x0 - badges[k].x, y0 - badges[k].y) - badges[k].r) < 1e-6);
    assert.ok(x1 >= o.box.x && x1 <= o.box.x + o.box.w && (Math.abs(y1 - o.box.y) < 1e-6 || Math.abs(y1 - o.box.y - o.box.h) < 1e-6));
  });
  const boxes = out.map(o => o.box);
  for (let i = 0; i < boxes.length; i++) { for (let j = i + 1; j < boxes.length; j++) { assert.ok(!labels.overlap(boxes[i], boxes[j])); } }
});

/* ---------- the store's facts ---------- */

test("badges only for the conferences of the shown years: the filter's and the timeline's", () => {
  const data = tinyData();
  data.conferences = [1990, 2005, 2011].map((year, n) => Object.assign({}, data.conferences[0], {number: n + 1, year}));
  const store = new PM.Store(new PM.Model(data));
  assert.deepEqual(plain(store.get("conferencesShown")), [0, 1, 2]);
  store.set({years: [2000, null]});
  assert.deepEqual(plain(store.get("conferencesShown")), [1, 2]);
  store.set({years: [null, 2006]});
  assert.deepEqual(plain(store.get("conferencesShown")), [0, 1]);
  store.set({years: null, year: 2008});
  assert.deepEqual(plain(store.get("conferencesShown")), [0, 1]);
  store.set({years: [1995, 2000], year: 2010});
  assert.deepEqual(plain(store.get("conferencesShown")), []);
});

test("the ends of a single shown pair, a tour step's places and the selection must be named", () => {
  const data = tinyData(), store = new PM.Store(new PM.Model(data));
  assert.deepEqual(plain([...store.get("named")]), [0, 0, 0, 0, 0], "four pairs shown: nothing forced");
  store.set({mask: "i:0"});  // Suhl–Kaluga alone
  assert.deepEqual(plain([...store.get("named")]), [1, 1, 0, 0, 0]);
  store.set({mask: null, selected: "de:Hamburg"});
  assert.deepEqual(plain([...store.get("named")]), [0, 0, 0, 1, 1]);
  store.set({selected: "", tour: 0});  // the Erfurt conference: Erfurt's pairs
  assert.deepEqual(plain([...store.get("named")]), [0, 1, 1, 0, 0]);
  store.set({tour: -1, focus: {id: "hamburg-anadyr", at: 1}});
  assert.deepEqual(plain([...store.get("named")]), [0, 0, 0, 1, 1]);
});

test("places carry their population through a named accessor", () => {
  const data = tinyData();
  data.places[1].push(324698);
  const model = new PM.Model(data);
  assert.equal(model.population(1), 324698);
  assert.equal(model.population(0), 0, "no population sent: unknown");
  const real = new PM.Model(golden("real-data"));
  assert.ok(real.population(real.placeOf("ru:Moskau")) > 10e6);
  assert.ok(real.population(real.placeOf("de:Berlin")) > 3e6);
});
