// The detail panel, the correction message, the framing rules and the keys (issue 17, 18, 19):
// pure parts in a bare context, the panel in jsdom with the real Leaflet.
import test from "node:test";
import assert from "node:assert/strict";
import {loadBrowser, loadPure, plain, tinyData, tinyState} from "./harness.mjs";

const PAYLOAD = '<img src=x onerror="window.pwned=1">';
const WORDS = {
  "kind.partnership": "Partnerschaft", "kind.friendship": "Freundschaft", "level.municipality.one": "Stadt",
  "since": "seit {year}", "since.unknown": "Jahr unbekannt", "status": "Stand", "status.active": "aktiv",
  "status.suspended": "ausgesetzt", "sources": "Quellen", "disputed": "umstritten", "disputed.help": "Quellen uneins",
  "disputed.since": "auch {value} genannt", "disputed.other": "auch „{value}“ genannt", "correction": "Fehler melden",
  "correction.subject": "Korrektur: {pair} ({id})", "correction.intro": "Was ist falsch?", "correction.view": "Ansicht",
  "place.none": "keine", "show_on_map": "Auf der Karte zeigen", "detail": "Details", "detail.close": "Schließen",
  "n.partnerships": {one: "{n} Partnerschaft", other: "{n} Partnerschaften"}, "unit.km": "km", "unit.m": "m"
};

/* --- the correction message ------------------------------------------------------------- */

test("a correction is a mailto: link or the tracker's page, everything encoded, carrying the row's id", () => {
  const PM = loadPure(["dom.js", "detail.js"]);
  const c = PM.corrections;
  assert.equal(c.kind("daten@example.org"), "mailto");
  assert.equal(c.kind("https://github.com/o/r/issues/new"), "tracker");
  for (const bad of ["", "javascript:alert(1)", "http://insecure.example/issues", "a@b", "x@y.org?cc=z@w.org", "mailto:a@b.org"]) {
    assert.equal(c.kind(bad), "", bad);
    assert.equal(c.href(bad, "s", "b"), "", bad);
  }
  const body = c.body("suhl-kaluga", ["Suhl – Kaluga", "seit 1969", "Stand: ausgesetzt (2024-11)"],
                      "http://127.0.0.1:8501/?town=de%3ASuhl&map=6/52.000/30.000", {intro: "Was ist falsch?", view: "Ansicht"});
  assert.match(body, /^Was ist falsch\?\n\nID: suhl-kaluga\nSuhl – Kaluga\nseit 1969\n/);
  assert.ok(body.includes("Ansicht: http://127.0.0.1:8501/?town=de%3ASuhl&map=6/52.000/30.000"));
  const mail = c.href("daten@example.org", "Korrektur: Suhl – Kaluga (suhl-kaluga)", body);
  assert.ok(mail.startsWith("mailto:daten@example.org?subject=Korrektur%3A%20Suhl%20%E2%80%93%20Kaluga%20(suhl-kaluga)&body="));
  const query = new URLSearchParams(mail.split("?")[1]);
  assert.equal(query.get("body"), body, "the body comes back whole: & = ? # and line breaks are encoded");
  assert.ok(!/[\s&#]/.test(mail.split("&body=")[1]), "nothing unencoded in the body");
  const tracker = c.href("https://tracker.example/issues/new?labels=data", "T & more", "B # 1");
  assert.equal(tracker, "https://tracker.example/issues/new?labels=data&title=T%20%26%20more&body=B%20%23%201");
  const long = c.href("a@b.org", "s", "x".repeat(5000));
  assert.ok(long.length < 2100, "a long body is cut, not the link broken");
});

/* --- framing (pure) --------------------------------------------------------------------- */

test("the padding keeps a fit clear of every panel, each cut from its cheapest side", () => {
  const PM = loadPure(["framing.js"]);
  const f = PM.framing, size = {w: 1400, h: 1000};
  assert.deepEqual(plain(f.padding(size, [])), {top: 10, right: 10, bottom: 10, left: 10});
  // the detail docked right (360 px, full height): the right side
  let pad = f.padding(size, [{x: 1030, y: 10, w: 360, h: 980}]);
  assert.deepEqual(plain(pad), {top: 10, right: 380, bottom: 10, left: 10});
  // fit buttons top left (wide and low): the top; the inset bottom left (300 × 270): its cheaper side, the left
  pad = f.padding(size, [{x: 10, y: 10, w: 180, h: 34}, {x: 10, y: 700, w: 300, h: 270}]);
  assert.deepEqual(plain(pad), {top: 10, right: 10, bottom: 10, left: 320}, "the buttons are clear once the inset's side is");
  pad = f.padding(size, [{x: 10, y: 10, w: 180, h: 34}]);
  assert.deepEqual(plain(pad), {top: 54, right: 10, bottom: 10, left: 10});
  // a bottom sheet on a phone (60 % of 844): the bottom
  pad = f.padding({w: 390, h: 844}, [{x: 0, y: 338, w: 390, h: 506}]);
  assert.equal(pad.bottom, 844 - 338 + 10);
  // a panel that would leave less than 30 % of the frame is not cut away
  pad = f.padding({w: 400, h: 400}, [{x: 0, y: 0, w: 390, h: 390}]);
  assert.deepEqual(plain(pad), {top: 10, right: 10, bottom: 10, left: 10});
  // whatever the panels, every one of them ends up outside the free box or the free box keeps 30 %
  const panels = [{x: 10, y: 10, w: 200, h: 40}, {x: 10, y: 60, w: 280, h: 160}, {x: 1200, y: 10, w: 190, h: 260},
                  {x: 900, y: 930, w: 490, h: 50}, {x: 10, y: 700, w: 300, h: 270}, {x: 1030, y: 10, w: 360, h: 980}];
  pad = f.padding(size, panels);
  const free = {x0: pad.left, y0: pad.top, x1: size.w - pad.right, y1: size.h - pad.bottom};
  assert.ok(free.x1 - free.x0 >= 0.3 * size.w && free.y1 - free.y0 >= 0.3 * size.h);
  for (const r of panels) {
    const apart = r.x >= free.x1 || r.x + r.w <= free.x0 || r.y >= free.y1 || r.y + r.h <= free.y0;
    assert.ok(apart, JSON.stringify(r) + " inside " + JSON.stringify(free));
  }
});

test("the inset shows while Germany on the map is smaller than in the inset", () => {
  const PM = loadPure(["framing.js"]);
  const inset = {w: 300, h: 270};
  assert.equal(PM.framing.insetShows({w: 1400, h: 1000}, {w: 60, h: 80}, inset), true);
  assert.equal(PM.framing.insetShows({w: 1400, h: 1000}, {w: 210, h: 280}, inset), false, "as tall as the inset: Germany reads");
  assert.equal(PM.framing.insetShows({w: 1400, h: 1000}, {w: 300, h: 200}, inset), false);
  assert.equal(PM.framing.insetShows({w: 390, h: 844}, {w: 20, h: 25}, inset), false, "no inset on a phone");
});

test("the view in a link: written as the static site writes it, read back, anything else refused", () => {
  const PM = loadPure(["framing.js"]);
  const f = PM.framing;
  assert.equal(f.viewString(6, 52, 30), "6/52.000/30.000");
  assert.equal(f.viewString(5.756, 51.23456, -0.1), "5.76/51.235/-0.100");
  assert.deepEqual(plain(f.parseView("6/52.000/30.000")), {zoom: 6, lat: 52, lng: 30});
  assert.deepEqual(plain(f.parseView(f.viewString(4.25, 55.75, 37.62))), {zoom: 4.25, lat: 55.75, lng: 37.62});
  for (const bad of ["", "6/52", "6/52/30/1", "99/0/0", "6/91/0", "6/0/999", "a/b/c", "6/52.0/30.0;alert(1)", null]) {
    assert.equal(f.parseView(bad), null, String(bad));
  }
});

/* --- keys --------------------------------------------------------------------------------- */

test("keys: commands on the map and on the page around it; never while typing or choosing", async () => {
  const b = await loadBrowser();
  const {command, ownsKeys} = b.PM.Keyboard;
  const ev = (key, target, extra = {}) => Object.assign({key, target, ctrlKey: false, altKey: false, metaKey: false}, extra);
  const body = b.doc.body, input = b.doc.createElement("input"), range = b.doc.createElement("input"), button = b.doc.createElement("button");
  range.type = "range";
  const slider = b.doc.createElement("div");
  slider.setAttribute("role", "slider");
  const editable = b.doc.createElement("div");
  editable.contentEditable = "true";
  b.doc.body.appendChild(editable);
  assert.equal(command(ev("ArrowRight", body)), "next");
  assert.equal(command(ev("PageDown", body)), "next");
  assert.equal(command(ev("PageUp", body)), "prev");
  assert.equal(command(ev("Escape", body)), "escape");
  assert.equal(command(ev(" ", body)), "play");
  assert.equal(command(ev("?", body)), "help");
  assert.equal(command(ev("ArrowRight", input)), null);
  assert.equal(command(ev("ArrowRight", range)), "next", "the map's own range is the timeline");
  assert.equal(command(ev("ArrowRight", range), {parent: true, present: true}), null, "a slider on the page is the page's");
  assert.equal(command(ev("ArrowLeft", slider), {parent: true, present: true}), null);
  assert.equal(ownsKeys(editable, true) || editable.isContentEditable === undefined, true);
  assert.equal(command(ev(" ", button)), null, "space presses a button");
  assert.equal(command(ev("ArrowRight", body, {ctrlKey: true})), null);
  assert.equal(command(ev("ArrowRight", body, {defaultPrevented: true})), null);
  // the page around the map scrolls with PageDown and space outside presentation mode
  assert.equal(command(ev("PageDown", body), {parent: true, present: false}), null);
  assert.equal(command(ev(" ", body), {parent: true, present: false}), null);
  assert.equal(command(ev("ArrowRight", body), {parent: true, present: false}), "next");
  assert.equal(command(ev("PageDown", body), {parent: true, present: true}), "next");
  assert.equal(command(ev(" ", body), {parent: true, present: true}), "play");
  b.close();
});

test("keys reach the map from the page around its frame, and go with detach()", async () => {
  const b = await loadBrowser();
  const frame = b.doc.createElement("iframe");
  b.doc.body.appendChild(frame);
  const inner = frame.contentDocument;
  const calls = [];
  const actions = Object.fromEntries(["next", "prev", "escape", "play", "help", "fitAll"].map(a => [a, () => calls.push(a)]));
  const keys = new b.PM.Keyboard(inner, actions, {present: () => true}).attach();
  assert.equal(keys.listening, 2, "the map's document and the page's");
  b.doc.body.dispatchEvent(new b.win.KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
  inner.dispatchEvent(new frame.contentWindow.KeyboardEvent("keydown", {key: "ArrowLeft", bubbles: true}));
  const field = b.doc.createElement("textarea");
  b.doc.body.appendChild(field);
  field.dispatchEvent(new b.win.KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
  assert.deepEqual(calls, ["next", "prev"]);
  keys.detach();
  b.doc.body.dispatchEvent(new b.win.KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
  assert.deepEqual(calls, ["next", "prev"]);
  assert.equal(b.listenersOn(b.doc).filter(l => l.startsWith("keydown|")).length, 0, "nothing left on the page");
  b.close();
});

/* --- the detail panel in jsdom ----------------------------------------------------------------- */

const DETAILS = {
  "suhl-kaluga": {status_date: "2024-11", source: ["https://suhl.example/a", "javascript:alert(1)"], status_note: {de: PAYLOAD},
                  text_lang: "de", disputed: [{field: "since", value: "1991", source: ["https://press.example/b"]},
                                              {field: "kind", value: "friendship", source: ["https://press.example/c"]}]},
  "erfurt-kaluga": {source: ["https://erfurt.example/x"]}
};

async function drawn(extra = {}, data = tinyData(), opts = {}) {
  const b = await loadBrowser();
  b.api = b.PM.create(b.box, Object.assign({data, details: DETAILS, basemap: {type: "FeatureCollection", features: []}}, opts));
  b.api.setState(tinyState(Object.assign({strings: WORDS}, extra)));
  await b.frame();
  return b;
}
const key = (b, name) => b.doc.dispatchEvent(new b.win.KeyboardEvent("keydown", {key: name, bubbles: true}));

test("a pair's detail: title, facts, the disputed year and kind with their sources, safe links, the correction", async () => {
  const data = Object.assign(tinyData(), {corrections: "daten@example.org"});
  const b = await drawn({}, data);
  b.api.openPair("suhl-kaluga");
  await b.api.detailLoaded();
  const box = b.api.detailBox();
  assert.ok(box && b.box.contains(box), "the panel is inside the map's frame");
  const text = box.textContent;
  assert.match(text, /Suhl – Kaluga/);
  assert.match(text, /seit 1970 · umstritten: auch 1991 genannt \(press\.example\)/);
  assert.match(text, /Partnerschaft · Stadt · umstritten: auch „Freundschaft“ genannt/);
  assert.match(text, /Stand: ausgesetzt \(2024-11\)/);
  assert.ok(text.includes(PAYLOAD), "a note with markup stays text");
  assert.equal(box.querySelectorAll("img").length, 0);
  const links = [...box.querySelectorAll("a")].map(a => a.getAttribute("href"));
  assert.ok(!links.some(h => h.startsWith("javascript")));
  const mail = box.querySelector("a.pm-correction");
  assert.equal(mail.dataset.pair, "suhl-kaluga");
  const href = mail.getAttribute("href");
  assert.ok(href.startsWith("mailto:daten@example.org?subject="));
  const q = new URLSearchParams(href.split("?")[1]);
  assert.match(q.get("subject"), /suhl-kaluga/);
  assert.match(q.get("body"), /ID: suhl-kaluga\nSuhl – Kaluga\nPartnerschaft · Stadt · umstritten: auch „Freundschaft“ genannt \(press\.example\)\nseit 1970/);
  assert.match(q.get("body"), /Ansicht: http:\/\/127\.0\.0\.1\//, "the view's address");
  assert.equal(b.win.pwned, undefined);
  b.api.destroy();
  b.close();
});

test("no correction link where the data names no address; an upload's sources are text", async () => {
  const b = await drawn({}, tinyData(), {linkSources: false});
  b.api.openPair("suhl-kaluga");
  await b.api.detailLoaded();
  const box = b.api.detailBox();
  assert.equal(box.querySelector(".pm-correction"), null);
  assert.equal(box.querySelectorAll(".pm-sources a").length, 0);
  assert.ok(box.textContent.includes("https://suhl.example/a"));
  b.api.destroy();
  b.close();
});

test("closing: Esc, the close control and a click on the empty map; a filter that hides the pair and the tour close it", async () => {
  const b = await drawn();
  b.api.openPair("suhl-kaluga");
  assert.equal(b.api.detail.pair, "suhl-kaluga");
  key(b, "Escape");
  assert.equal(b.api.detailBox(), null);
  const before = b.api.view();
  b.api.openPair("suhl-kaluga");
  b.api.map.fire("click", {latlng: b.L.latLng(50, 20)});
  assert.equal(b.api.detailBox(), null, "a click on the empty map");
  b.api.openPair("suhl-kaluga");
  b.api.detailBox().querySelector(".pm-detail-close").click();
  assert.equal(b.api.detailBox(), null, "the close control");
  assert.deepEqual(b.api.view(), before, "opening and closing moved nothing");
  b.api.openPair("suhl-kaluga");
  b.api.setState(tinyState({strings: WORDS, mask: "i:1,2"}));  // suhl-kaluga no longer shown
  assert.equal(b.api.detailBox(), null, "the filter hides the pair");
  b.api.setState(tinyState({strings: WORDS, mask: null}));
  b.api.openPair("erfurt-kaluga");
  b.api.tourGo(0);
  assert.equal(b.api.detailBox(), null, "the tour");
  await b.api.detailLoaded();
  b.api.destroy();
  b.close();
});

test("a place's detail lists its partnerships; 'show on the map' opens the pair, with the way back; closing ends the selection", async () => {
  const selected = [];
  const b = await drawn({}, tinyData(), {onSelect: k => selected.push(k)});
  b.api.setState(tinyState({strings: WORDS, selected: "ru:Kaluga"}));
  await b.api.detailLoaded();
  let box = b.api.detailBox();
  assert.equal(b.api.detail.kind, "place");
  const partners = [...box.querySelectorAll(".pm-partner b")].map(n => n.textContent);
  assert.deepEqual(partners, ["Erfurt", "Suhl"]);
  assert.match(box.textContent, /2 Partnerschaften/);
  assert.match(box.querySelector(".pm-partner").textContent, /Freundschaft · seit 1990 · aktiv.*erfurt\.example/);
  box.querySelectorAll(".pm-show")[1].click();
  assert.equal(b.api.detail.pair, "suhl-kaluga");
  assert.equal(b.api.store.state.focus.id, "suhl-kaluga", "both ends of the shown pair are named");
  box = b.api.detailBox();
  assert.match(box.querySelector(".pm-detail-back").textContent, /Калуга|Kaluga/);
  key(b, "Escape");
  assert.equal(b.api.detail.kind, "place", "back to the place");
  assert.equal(b.api.store.state.focus, null);
  key(b, "Escape");
  assert.equal(b.api.detailBox(), null);
  assert.equal(b.api.store.state.selected, "");
  assert.deepEqual(selected, [""], "the app hears the end of the selection");
  await b.api.detailLoaded();
  b.api.destroy();
  b.close();
});

test("destroy() removes the panel, its listeners and the corners' offsets", async () => {
  const b = await drawn();
  b.api.openPair("suhl-kaluga");
  assert.equal(b.doc.querySelectorAll(".pm-detail").length, 1);
  await b.api.detailLoaded();
  b.api.destroy();
  assert.equal(b.doc.querySelectorAll(".pm-detail").length, 0);
  assert.equal(b.box.children.length, 0);
  key(b, "Escape");
  b.close();
});
