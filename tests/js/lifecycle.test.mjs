// The whole map in jsdom with the real Leaflet: what create() adds, destroy() takes away;
// the keys attach and detach; every word reaches the page as text.
import test from "node:test";
import assert from "node:assert/strict";
import {loadBrowser, tinyData, tinyState} from "./harness.mjs";

const PAYLOAD = '<img src=x onerror="window.pwned=1">';

async function drawn(opts = {}) {
  const b = await loadBrowser(opts);
  b.errors = [];
  b.win.addEventListener("error", e => b.errors.push(e.error || e.message));
  b.baseline = {doc: b.listenersOn(b.doc).length, win: b.listenersOn(b.win).length};
  b.api = b.PM.create(b.box, {data: tinyData(), basemap: {type: "FeatureCollection", features: []}, tilesUrl: "http://127.0.0.1/{z}/{x}/{y}.png"});
  b.api.setState(tinyState());
  await b.frame();
  await b.frame();
  return b;
}

function key(b, name) { b.doc.dispatchEvent(new b.win.KeyboardEvent("keydown", {key: name, bubbles: true})); }

test("the map draws its arcs, places, badge, names and the Germany inset", async () => {
  const b = await drawn();
  const c = b.api.counts();
  assert.deepEqual([c.arcs, c.places, c.badges, c.shown], [3, 5, 1, 4]);
  assert.ok(c.labels > 0);
  assert.equal(b.doc.querySelectorAll(".leaflet-container").length, 2, "the map and its inset");
  assert.equal(b.doc.querySelectorAll(".pm-inset").length, 1);
  b.api.destroy();
  b.close();
});

test("destroy() removes every listener, timer, frame, layer, panel and the inset", async () => {
  const b = await drawn();
  assert.ok(b.listenersOn(b.doc).some(l => l.startsWith("keydown|")), "the keys listen on the document");
  b.api.tourGo(0);
  b.api.togglePlay();
  assert.equal(b.active.intervals.size, 1, "the timeline plays");
  b.api.destroy();
  assert.equal(b.listenersOn(b.doc).length, b.baseline.doc, "document: " + b.listenersOn(b.doc));
  assert.equal(b.listenersOn(b.win).length, b.baseline.win, "window: " + b.listenersOn(b.win));
  assert.equal(b.active.intervals.size, 0);
  assert.equal(b.active.frames.size, 0);
  assert.equal(b.box.children.length, 0);
  assert.equal(b.box.className, "", "Leaflet's classes are gone too");
  await b.frame();
  assert.deepEqual(b.errors, []);
  b.close();
});

test("a new map on the same box after destroy(): one map, one inset, and the keys drive only it", async () => {
  const b = await drawn();
  const old = b.api;
  old.destroy();
  const api = b.PM.create(b.box, {data: tinyData(), basemap: {type: "FeatureCollection", features: []}});
  api.setState(tinyState());
  await b.frame();
  assert.equal(b.doc.querySelectorAll("#map > .leaflet-container, #map.leaflet-container").length, 1);
  assert.equal(b.doc.querySelectorAll(".pm-inset").length, 1);
  key(b, "ArrowRight");
  assert.equal(api.tourStep, 0);
  assert.equal(old.tourStep, -1, "the old map heard nothing");
  await b.frame();
  assert.deepEqual(b.errors, []);
  api.destroy();
  b.close();
});

test("keys: attach once, detach, and no command while typing in a field", async () => {
  const b = await loadBrowser();
  const calls = [];
  const actions = Object.fromEntries(["next", "prev", "escape", "play", "help", "fitAll"].map(a => [a, () => calls.push(a)]));
  const keys = new b.PM.Keyboard(b.doc, actions).attach().attach();
  assert.equal(b.listenersOn(b.doc).filter(l => l.startsWith("keydown|")).length, 1);
  for (const k of ["ArrowRight", "PageUp", "Escape", "p", "?", "Home"]) { key(b, k); }
  assert.deepEqual(calls, ["next", "prev", "escape", "play", "help", "fitAll"]);
  const input = b.doc.createElement("input");
  b.doc.body.appendChild(input);
  input.dispatchEvent(new b.win.KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
  assert.equal(calls.length, 6, "typing is not a command");
  keys.detach();
  key(b, "ArrowRight");
  assert.equal(calls.length, 6);
  assert.equal(b.listenersOn(b.doc).filter(l => l.startsWith("keydown|")).length, 0);
  b.close();
});

test("words and names with markup reach the page as text: attribution, scale, title, labels, tooltips", async () => {
  const b = await drawn();
  const data = tinyData();
  b.api.setState(tinyState({tiles: true, mode: "present", title: PAYLOAD,
    strings: {"tiles.attribution": PAYLOAD, "unit.km": PAYLOAD, "unit.m": PAYLOAD, "legend.title": PAYLOAD,
              "country.de": PAYLOAD, "tour": PAYLOAD, "n.partnerships": {other: PAYLOAD}}}));
  b.api.tourGo(0);
  await b.frame();
  await b.frame();
  assert.equal(b.doc.querySelectorAll("img:not(.leaflet-tile)").length, 0, "no element made from the words");
  assert.ok(b.doc.querySelector(".leaflet-control-attribution").textContent.includes(PAYLOAD));
  assert.ok(b.doc.querySelector(".leaflet-control-scale-line").textContent.includes(PAYLOAD));
  assert.ok(b.doc.querySelector(".pm-title").textContent.includes(PAYLOAD));
  assert.equal(b.win.pwned, undefined);
  b.api.destroy();
  b.close();
  assert.equal(data.places.length, 5);
});

test("a pair's detail shows its facts as text and links only http(s) sources", async () => {
  const b = await drawn();
  const details = {"suhl-kaluga": {source: ["https://example.org/a", "javascript:alert(1)"], status_note: {de: PAYLOAD}, text_lang: "de"}};
  const content = new b.PM.DetailContent(b.api.model, b.api.store, new b.PM.Details(details));
  const node = content.pairNode(0);
  await node.pmLoaded;
  assert.match(node.textContent, /Suhl – Kaluga/);
  assert.ok(node.textContent.includes(PAYLOAD));
  assert.deepEqual([...node.querySelectorAll("a")].map(a => a.href), ["https://example.org/a"]);
  assert.equal(node.querySelectorAll("img").length, 0);
  b.api.destroy();
  b.close();
});

test("the inset is a second view of the same state: a selection shows in both", async () => {
  const b = await drawn();
  b.api.store.set({selected: "de:Suhl"});
  await b.frame();
  const inset = b.doc.querySelector(".pm-inset-map");
  assert.ok(inset && inset.classList.contains("leaflet-container"));
  assert.equal(b.api.store.get("selectedPlace"), 0);
  b.api.setYear(1980);
  assert.deepEqual([b.api.counts().arcs, b.api.year], [1, 1980]);
  b.api.setYear(2100);
  assert.equal(b.api.year, null, "past the axis end is today");
  b.api.destroy();
  b.close();
});

test("a link naming a place none of whose pairs are shown: the map still gets a view (everything shown and the place)", async () => {
  const b = await loadBrowser();
  const errors = [];
  b.win.addEventListener("error", e => errors.push(e.error || e.message));
  const api = b.PM.create(b.box, {data: tinyData(), basemap: {type: "FeatureCollection", features: []}});
  // only hamburg-anadyr shown; Suhl's one pair (suhl-kaluga) is not
  assert.doesNotThrow(() => api.setState(tinyState({selected: "de:Suhl", mask: "i:2"})));
  const v = api.view();
  assert.ok(Number.isFinite(v.zoom) && Number.isFinite(v.lat), "a view: " + JSON.stringify(v));
  const bounds = api.map.getBounds();
  for (const [lat, lon] of [[50.61, 10.69], [53.55, 9.99]]) { assert.ok(bounds.contains([lat, lon]), `${lat},${lon} in view`); }
  api.home();
  api.fitSelection();
  await b.frame();
  assert.deepEqual(errors, []);
  api.destroy();
  b.close();
});

test("the panels are drawn once, whatever the filter leaves (none, some) and after a change of language", async () => {
  const b = await loadBrowser();
  const api = b.PM.create(b.box, {data: tinyData(), basemap: {type: "FeatureCollection", features: []}});
  const panels = () => [".pm-fit", ".pm-legend", ".pm-tour", ".pm-timeline"].map(s => b.doc.querySelectorAll(s).length);
  for (const extra of [{mask: "i:"}, {mask: "i:1"}, {mask: "i:"}, {mask: "i:", lang: "en"}, {mask: null}]) {
    api.setState(tinyState(extra));
    await b.frame();
    assert.deepEqual(panels(), [1, 1, 1, 1], JSON.stringify(extra));
  }
  api.destroy();
  assert.deepEqual(panels(), [0, 0, 0, 0]);
  b.close();
});

test("keys on the page around the map are not ours while the map's frame is hidden there (another view open)", async () => {
  const b = await loadBrowser();
  // stubs: the map's document in a frame whose page hides it with `visibility: hidden` on an ancestor
  const listeners = new Map();
  const stubDoc = name => ({nodeType: 9, addEventListener: (type, fn) => listeners.set(name, fn), removeEventListener: () => listeners.delete(name)});
  const page = stubDoc("page"), frame = {visible: true, checkVisibility(o) { assert.equal(o.visibilityProperty, true); return this.visible; }};
  const own = stubDoc("own");
  own.defaultView = {frameElement: frame, parent: {document: page}, addEventListener() {}, removeEventListener() {}};
  const calls = [];
  new b.PM.Keyboard(own, {next: () => calls.push("next"), fitAll: () => calls.push("fitAll")}).attach();
  assert.deepEqual([...listeners.keys()].sort(), ["own", "page"]);
  const press = (where, key) => listeners.get(where)({key, target: null, preventDefault() {}});
  press("page", "ArrowRight");
  frame.visible = false;
  press("page", "ArrowRight");
  press("page", "0");
  assert.deepEqual(calls, ["next"], "the hidden map heard nothing from the page");
  press("own", "ArrowRight");
  assert.deepEqual(calls, ["next", "next"], "its own document's keys still work");
  frame.visible = true;
  press("page", "0");
  assert.deepEqual(calls, ["next", "next", "fitAll"]);
  b.close();
});
