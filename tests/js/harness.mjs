// Loading the map's browser code into Node: pure modules into a bare `vm`
// context, the whole map into a jsdom window with the real Leaflet (from the
// installed Python package; tests/test_js.py says where). The scripts and their
// order come from the component's own page (dashboard/static/map/index.html).
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import {fileURLToPath} from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const MAP_DIR = path.resolve(here, "../../dashboard/static/map");

/* The map's scripts in load order, as index.html names them (bridge.js aside: it talks to Streamlit). */
export function scriptOrder() {
  const html = fs.readFileSync(path.join(MAP_DIR, "index.html"), "utf8");
  return [...html.matchAll(/<script src="map\/([^"]+)"><\/script>/g)].map(m => m[1]).filter(n => n !== "bridge.js");
}

/* The golden vectors Python wrote (tests/test_js.py), by name. */
export function golden(name) {
  const dir = process.env.PM_GOLDEN;
  if (!dir) { throw new Error("PM_GOLDEN is not set: run the JS tests through `python -m pytest tests/test_js.py`"); }
  return JSON.parse(fs.readFileSync(path.join(dir, name + ".json"), "utf8"));
}

/* Modules that need no DOM and no Leaflet, run in a fresh context; returns its PartnerMap. */
export function loadPure(files) {
  const context = vm.createContext({console, Intl, Buffer});
  for (const f of files) {
    vm.runInContext(fs.readFileSync(path.join(MAP_DIR, f), "utf8"), context, {filename: f});
  }
  return context.PartnerMap;
}

/* A 2D context that accepts every call and draws nothing (jsdom has no canvas). */
function fakeContext(canvas) {
  const calls = {count: 0};
  return new Proxy({canvas}, {
    get(target, key) {
      if (key in target) { return target[key]; }
      if (key === "calls") { return calls; }
      if (key === "measureText") { return () => ({width: 10}); }
      return () => { calls.count++; };
    },
    set(target, key, value) { target[key] = value; return true; }
  });
}

/* A browser window with Leaflet and every map script, and a record of every
   listener, timer and animation frame that is still active. */
export async function loadBrowser({width = 1200, height = 800} = {}) {
  const {JSDOM} = await import("jsdom");
  const dom = new JSDOM("<!doctype html><html><body><div id='map'></div></body></html>",
                        {runScripts: "outside-only", pretendToBeVisual: true, url: "http://127.0.0.1/"});
  const win = dom.window;
  const active = {listeners: new Map(), intervals: new Set(), frames: new Set()};
  const proto = win.EventTarget.prototype, add = proto.addEventListener, remove = proto.removeEventListener;
  proto.addEventListener = function (type, fn, opts) {
    // jsdom's own listeners (its selector engine) are not the map's
    const caller = (new Error().stack.split("\n")[2] || "");
    if (caller.includes("node_modules")) { return add.call(this, type, fn, opts); }
    if (!active.listeners.has(this)) { active.listeners.set(this, new Set()); }
    active.listeners.get(this).add(type + "|" + (fn && (fn.__pmId || (fn.__pmId = Math.random()))) + "|" + !!(opts && (opts === true || opts.capture)));
    return add.call(this, type, fn, opts);
  };
  proto.removeEventListener = function (type, fn, opts) {
    const set = active.listeners.get(this);
    if (set && fn) { set.delete(type + "|" + fn.__pmId + "|" + !!(opts && (opts === true || opts.capture))); }
    return remove.call(this, type, fn, opts);
  };
  const setI = win.setInterval.bind(win), clearI = win.clearInterval.bind(win);
  win.setInterval = (fn, ms) => { const id = setI(fn, ms); active.intervals.add(id); return id; };
  win.clearInterval = id => { active.intervals.delete(id); clearI(id); };
  const raf = win.requestAnimationFrame.bind(win), caf = win.cancelAnimationFrame.bind(win);
  win.requestAnimationFrame = fn => {
    const where = process.env.PM_DEBUG ? new Error().stack : "";
    const id = raf(t => {
      active.frames.delete(id);
      try { fn(t); } catch (e) { if (where) { console.log("frame requested at", where); } throw e; }
    });
    active.frames.add(id);
    if (where) { (active.frameStacks = active.frameStacks || new Map()).set(id, where); }
    return id;
  };
  win.cancelAnimationFrame = id => { active.frames.delete(id); caf(id); };
  win.HTMLCanvasElement.prototype.getContext = function () { return this.__ctx || (this.__ctx = fakeContext(this)); };
  // no layout in jsdom: the map's box has the size of a window, everything else none
  const box = win.document.getElementById("map");
  Object.defineProperty(box, "clientWidth", {get: () => width});
  Object.defineProperty(box, "clientHeight", {get: () => height});
  const leaflet = process.env.PM_LEAFLET;
  if (!leaflet) { throw new Error("PM_LEAFLET is not set: run the JS tests through `python -m pytest tests/test_js.py`"); }
  win.eval(fs.readFileSync(leaflet, "utf8"));
  for (const f of scriptOrder()) { win.eval(fs.readFileSync(path.join(MAP_DIR, f), "utf8") + "\n//# sourceURL=" + f); }
  return {win, doc: win.document, box, active, PM: win.PartnerMap, L: win.L,
          /* listeners still on `target` */
          listenersOn(target) { return [...(active.listeners.get(target) || [])]; },
          frame() { return new Promise(resolve => win.requestAnimationFrame(() => resolve())); },
          close() { win.close(); }};
}

/* A small dataset in the browser's format (model.js), for tests that need no Python. */
export function tinyData() {
  return {
    v: 1, statuses: ["active", "suspended", "ended", "proposed", "unknown"], kinds: ["partnership", "friendship"],
    levels: ["municipality", "district", "region"],
    style: {active: {color: "#0072B2", dash: null}, suspended: {color: "#E69F00", dash: "8 6"}, ended: {color: "#CC79A7", dash: "2 6"},
            proposed: {color: "#009E73", dash: "14 6 2 6"}, unknown: {color: "#6F6F6F", dash: "1 4"}},
    regions: {"DE-TH": ["Thüringen", "Тюрингия", "Thuringia"], "RU-KLU": ["Oblast Kaluga", "Калужская область", "Kaluga Oblast"]},
    years: [1960, 2022],
    places: [[50.61, 10.69, 0, 0, "Suhl", "Зуль", "Suhl", "DE-TH"], [54.51, 36.26, 1, 0, "Kaluga", "Калуга", "Kaluga", "RU-KLU"],
             [50.98, 11.03, 0, 0, "Erfurt", "Эрфурт", "Erfurt", "DE-TH"], [53.55, 9.99, 0, 0, "Hamburg", "Гамбург", "Hamburg", "DE-HH"],
             [64.73, -177.5, 1, 0, "Anadyr", "Анадырь", "Anadyr", "RU-CHU"]],
    keys: ["de:Suhl", "ru:Kaluga", "de:Erfurt", "de:Hamburg", "ru:Anadyr"],
    ids: ["suhl-kaluga", "erfurt-kaluga", "hamburg-anadyr", "erfurt-nowhere"],
    pairs: [[0, 1, 1970, 1, 0, 0, [[2022, 1]]], [2, 1, 1990, 0, 1, 0], [3, 4, 0, 4, 0, 0], [2, -1, 2001, 3, 0, 0]],
    off_map: [],
    conferences: [{number: 11, roman: "XI", year: 2011, lat: 50.98, lon: 11.03, host: {de: "Erfurt", ru: "Эрфурт", en: "Erfurt"},
                   start: "", end: "", motto: {}, motto_lang: "", co_hosts: {}, participants: [null, null], source: []}]
  };
}

export function tinyState(extra = {}) {
  return Object.assign({lang: "de", mask: null, selected: "", mode: "normal", tiles: false, title: "",
                        strings: {"n.partnerships": {one: "{n} Partnerschaft", other: "{n} Partnerschaften"}, "unit.km": "km", "unit.m": "m"}},
                       extra);
}

/* A value from another context (vm, jsdom) as plain data of this one, for deepEqual. */
export function plain(value) { return JSON.parse(JSON.stringify(value)); }
