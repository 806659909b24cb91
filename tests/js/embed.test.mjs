// The map on another website (embed.js): the <iframe> snippet a town copies, the hash it reads,
// the mask of one place's pairs; and the static site's search suggestions (site.js closest).
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import {MAP_DIR} from "./harness.mjs";

function load(files) {
  const context = vm.createContext({console, Intl, btoa: s => Buffer.from(s, "latin1").toString("base64")});
  for (const f of files) { vm.runInContext(fs.readFileSync(path.join(MAP_DIR, f), "utf8"), context, {filename: f}); }
  return context;
}
const PM = load(["dom.js", "embed.js"]).PartnerMap;

test("the snippet: a 600x400 lazy <iframe> of embed.html for the place and language", () => {
  assert.equal(PM.embedSnippet("https://example.org/karte/embed.html", "de:Suhl", "ru", "Партнёрства: Зуль – карта"),
    '<iframe src="https://example.org/karte/embed.html#town=de:Suhl&amp;lang=ru" width="600" height="400" ' +
    'style="border:0" loading="lazy" title="Партнёрства: Зуль – карта"></iframe>');
});

test("the snippet drops the page's own hash and keeps an unknown language out", () => {
  const s = PM.embedSnippet("http://127.0.0.1:8000/embed.html#town=ru:Tula&lang=en", "ru:Kaluga", "fr", "x");
  assert.match(s, /src="http:\/\/127\.0\.0\.1:8000\/embed\.html#town=ru:Kaluga&amp;lang=de"/);
});

test("every attribute of the snippet is escaped: a name cannot end the attribute or open a tag", () => {
  const s = PM.embedSnippet('https://x.example/e.html?a="b"&c=<d>', 'de:Bad "Ort" <b>&', "de", 'Ort "X" <script>alert(1)</script> & \'Y\'');
  const attrs = s.slice("<iframe ".length, -"></iframe>".length);
  assert.ok(!/[<>]/.test(attrs), attrs);
  assert.equal((s.match(/"/g) || []).length, 12);  // six attributes, each between two quotes
  assert.match(s, /title="Ort &quot;X&quot; &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &#39;Y&#39;"/);
  // the key is percent-encoded in the address, not just escaped
  assert.match(s, /#town=de:Bad%20%22Ort%22%20%3Cb%3E%26&amp;lang=de/);
});

test("the hash: town and language, broken escapes and unknown languages ignored", () => {
  assert.deepEqual({...PM.embed.readHash("#town=de:Suhl&lang=ru")}, {town: "de:Suhl", lang: "ru"});
  assert.deepEqual({...PM.embed.readHash("#town=ru:%D0%A2%D1%83%D0%BB%D0%B0&lang=xx")}, {town: "ru:Тула", lang: ""});
  assert.deepEqual({...PM.embed.readHash("#town=%E0%A4%A&lang=en")}, {town: "", lang: "en"});
  assert.deepEqual({...PM.embed.readHash("")}, {town: "", lang: ""});
});

test("one place's pairs as the map's bit mask (bit i&7 of byte i>>3)", () => {
  const pairs = [[0, 1], [2, 3], [0, 3], [4, 5], [4, 1], [0, 5], [6, 7], [8, 9], [0, 9]];
  const model = {nPairs: pairs.length, de: i => pairs[i][0], ru: i => pairs[i][1]};
  const bytes = Buffer.from(PM.embed.placeMask(model, 0), "base64");
  assert.deepEqual([...bytes], [0b00100101, 0b00000001]);
  assert.equal(PM.embed.placeMask(model, 42), null);  // no pair: the whole map, not an empty one
});

function loadSite() { return load(["site.js", "site-panel.js"]).PartnerMapSitePanel; }

test("the site's search offers the closest names, word order and a typo forgiven (as filters.suggest)", () => {
  const site = loadSite();
  const names = ["Oblast Kaluga", "Kaluga", "Калуга", "Tula", "Suhl", "Зуль", "Thüringen", "Kaliningrad"];
  assert.deepEqual([...site.closest("Kaluga Oblst", names)].slice(0, 1), ["Oblast Kaluga"]);
  assert.equal(site.closest("Suhll", names)[0], "Suhl");
  assert.equal(site.closest("Thueringen", names)[0], "Thüringen");  // umlauts folded as the search does
  assert.equal(site.closest("Калгуа", names)[0], "Калуга");
  assert.deepEqual([...site.closest("Wladiwostok", names)], []);  // nothing close: nothing offered
  // a name that finds nothing is no help; two that find the same pairs are one suggestion
  const finds = name => ({"Kaluga": "a", "Калуга": "a", "Oblast Kaluga": "a", "Kaliningrad": ""}[name] || "");
  assert.deepEqual([...site.closest("Kaluga", names, finds)], ["Kaluga"]);
});
