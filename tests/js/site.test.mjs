// The static site's filter (site.js) against dashboard.filters and geo.names (golden vectors).
import test from "node:test";
import assert from "node:assert/strict";
import {golden, plain} from "./harness.mjs";

import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import {MAP_DIR} from "./harness.mjs";

function loadSite() {
  const context = vm.createContext({console, Intl, btoa: s => Buffer.from(s, "latin1").toString("base64")});
  vm.runInContext(fs.readFileSync(path.join(MAP_DIR, "site.js"), "utf8"), context, {filename: "site.js"});
  return context.PartnerMapSite;
}
const site = loadSite();
const g = golden("site");

function known(config, data) {
  const k = {town: {}, de: {}, ru: {}, kind: {}, status: {}, level: {}};
  config.regions.de.forEach(r => { k.de[r[0]] = 1; });
  config.regions.ru.forEach(r => { k.ru[r[0]] = 1; });
  config.kinds.forEach(v => { k.kind[v] = 1; });
  config.statuses.forEach(v => { k.status[v] = 1; });
  config.levels.forEach(v => { k.level[v] = 1; });
  data.keys.forEach((key, i) => { k.town[key] = i; });
  return k;
}

test("every kind of filter lets through exactly the pairs dashboard.filters.apply does", () => {
  const k = known(g.config, g.data);
  assert.ok(g.cases.length >= 20);
  for (const c of g.cases) {
    const flags = site.flagsFor(site.readFilter(site.parseHash(c.hash), k), g.data, g.index, g.config.years);
    const got = [];
    flags.forEach((f, i) => { if (f) { got.push(i); } });
    assert.deepEqual(got, c.expected, c.hash);
  }
});

test("the search key folds as geo.names.fold does, with and without umlauts as ae/oe/ue", () => {
  for (const c of g.fold) {
    assert.equal(site.fold(c.text), c.german, c.text);
    assert.equal(site.fold(c.text, true), c.plain, c.text);
  }
});

test("the site's bit mask is dashboard.mapdata.bit_mask", () => {
  for (const c of golden("mask")) {
    const flags = new Array(c.n).fill(0);
    c.shown.forEach(i => { flags[i] = 1; });
    assert.equal(site.maskOf(flags), c.bits, `${c.n} pairs`);
  }
});

test("a filter survives the round trip through the address", () => {
  const k = known(g.config, g.data), land = g.config.regions.de[0][0];
  const f = site.readFilter(site.parseHash(`#de=${land}&from=1980&q=Suhl%20a&tiles=off&map=5/52.000/30.000`), k);
  assert.equal(site.toHash(f), `#de=${land}&from=1980&q=Suhl%20a&tiles=off&map=5/52.000/30.000`);
  const bad = plain(site.readFilter(site.parseHash("#de=XX&from=19x0&map=../evil"), k));
  assert.deepEqual([bad.de, bad.from, bad.map], [[], null, ""]);
});
