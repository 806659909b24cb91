// Label and badge placement: a pure function of points, sizes and obstacles.
import test from "node:test";
import assert from "node:assert/strict";
import {loadPure, plain} from "./harness.mjs";

const {labels} = loadPure(["labels.js"]);
const size = {x: 800, y: 600};

function overlaps(boxes) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) { if (labels.overlap(boxes[i], boxes[j])) { return [boxes[i], boxes[j]]; } }
  }
  return null;
}

/* a dense grid of towns, with ranks from their counts */
function crowd(n, seed = 7) {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return Array.from({length: n}, (_, k) => {
    const count = 1 + Math.floor(rand() * 30);
    return {key: "p" + k, x: 50 + rand() * 700, y: 50 + rand() * 500, r: 5, w: 40 + rand() * 60, h: 14, count,
            rank: labels.rank({count, level: 0})};
  });
}

test("no two names overlap, and none covers an obstacle", () => {
  const obstacles = [{x: 0, y: 0, w: 200, h: 120}, {x: 600, y: 500, w: 200, h: 100}];
  const placed = labels.place(crowd(400), obstacles, size);
  assert.ok(placed.length > 30, `only ${placed.length} names`);
  assert.equal(overlaps(placed), null);
  for (const b of placed) { for (const o of obstacles) { assert.ok(!labels.overlap(b, o)); } }
  for (const b of placed) { assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= size.x && b.y + b.h <= size.y); }
});

test("the selected place and its partners are named first, even where a big city competes", () => {
  const big = {key: "big", x: 400, y: 300, r: 10, w: 80, h: 14, rank: labels.rank({count: 50, level: 0})};
  const sel = {key: "sel", x: 405, y: 300, r: 5, w: 80, h: 14, rank: labels.rank({selected: true, count: 1, level: 0})};
  const partner = {key: "partner", x: 398, y: 296, r: 5, w: 80, h: 14, rank: labels.rank({partner: true, count: 1, level: 0})};
  const placed = labels.place([big, partner, sel], [], size).map(b => b.candidate.key);
  assert.deepEqual(plain(placed.slice(0, 2)), ["sel", "partner"]);
});

test("big cities before small ones, a town before a region of the same count", () => {
  assert.ok(labels.rank({count: 20, level: 0}) > labels.rank({count: 3, level: 0}));
  assert.ok(labels.rank({count: 3, level: 0}) > labels.rank({count: 3, level: 2}));
  const small = {key: "small", x: 400, y: 300, r: 5, w: 80, h: 14, rank: labels.rank({count: 2, level: 0})};
  const big = {key: "big", x: 402, y: 300, r: 5, w: 80, h: 14, rank: labels.rank({count: 40, level: 0})};
  const order = labels.place([small, big], [], size).map(b => b.candidate.key);
  assert.equal(order[0], "big");
});

test("a name tries right, left, above and below its symbol, and leaves the symbol free", () => {
  const blockRight = [{x: 410, y: 280, w: 100, h: 40}];
  const [b] = labels.place([{x: 400, y: 300, r: 6, w: 50, h: 14, rank: 1}], blockRight, size);
  assert.equal(b.x, 400 - 6 - 50, "left of the symbol");
  const ring = [{x: 406, y: 250, w: 100, h: 100}, {x: 300, y: 250, w: 94, h: 100}];
  const [c] = labels.place([{x: 400, y: 300, r: 6, w: 10, h: 14, rank: 1}], ring, size);
  assert.ok(c.y + c.h <= 300 - 6 || c.y >= 300 + 6, "above or below");
});

test("the limit caps how many names a view carries; names off the view are skipped", () => {
  const placed = labels.place(crowd(400), [], size, 10);
  assert.equal(placed.length, 10);
  assert.equal(labels.place([{x: -5, y: 10, r: 5, w: 10, h: 10, rank: 1}], [], size).length, 0);
  assert.equal(labels.limitFor({x: 100, y: 100}, false), 25);
  assert.ok(labels.limitFor({x: 1920, y: 1080}, true) < labels.limitFor({x: 1920, y: 1080}, false));
});

test("a centred name (a country) goes on its point or not at all", () => {
  const country = {x: 400, y: 300, r: 0, w: 120, h: 22, rank: Infinity, centred: true};
  assert.deepEqual(plain(labels.place([country], [], size).map(b => [b.x, b.y])), [[340, 289]]);
  assert.equal(labels.place([country], [{x: 390, y: 290, w: 5, h: 5}], size).length, 0);
});

test("badges of nearby hosts are lifted apart, the northern one first", () => {
  const badges = [{x: 400, y: 300, w: 40, h: 20}, {x: 405, y: 302, w: 40, h: 20}, {x: 410, y: 298, w: 40, h: 20}];
  const out = labels.liftBadges(badges);
  assert.equal(overlaps(out.map(o => o.box)), null);
  assert.equal(out[2].up, 12, "the northernmost host keeps the shortest leader");
  out.forEach((o, k) => {
    assert.equal(o.box.y + o.box.h, badges[k].y - o.up, "the badge sits on its leader line");
    assert.equal(o.side > 0 ? o.box.x : o.box.x + o.box.w, badges[k].x + 8 * o.side);
  });
});
