// Great circles (against geo.arcs on golden vectors), the antimeridian, and the projection cache.
import test from "node:test";
import assert from "node:assert/strict";
import {golden, loadPure, plain, tinyData} from "./harness.mjs";

const PM = loadPure(["model.js", "geometry.js"]);
const {greatCircle, distanceKm} = PM.geometry;

test("great circles equal geo.arcs.great_circle point by point", () => {
  const cases = golden("arcs");
  assert.ok(cases.length >= 20);
  for (const c of cases) {
    const line = greatCircle(c.a, c.b, c.points - 1);
    assert.equal(line.length, c.line.length, JSON.stringify(c.a) + JSON.stringify(c.b));
    line.forEach((p, k) => {
      assert.ok(Math.abs(p[0] - c.line[k][0]) < 1e-6 && Math.abs(p[1] - c.line[k][1]) < 1e-6,
                `${JSON.stringify(c.a)}→${JSON.stringify(c.b)} point ${k}: ${p} vs ${c.line[k]}`);
    });
  }
});

test("distances equal geo.arcs.distance_km", () => {
  for (const c of golden("arcs")) { assert.ok(Math.abs(distanceKm(c.a, c.b) - c.km) < 1e-6, `${c.km}`); }
});

test("Hamburg to a town at 177.5° W runs east over the antimeridian, with no step over 180°", () => {
  const line = greatCircle([53.55, 9.99], [64.73, -177.5]);
  for (let k = 1; k < line.length; k++) { assert.ok(Math.abs(line[k][1] - line[k - 1][1]) < 180, `step at ${k}`); }
  assert.deepEqual(plain(line[0]), [53.55, 9.99]);
  assert.equal(line.at(-1)[0], 64.73);
  assert.ok(Math.abs(line.at(-1)[1] - 182.5) < 1e-9, "the far end on the same turn of the globe: 182.5°");
  assert.ok(line.some(p => p[0] > 70), "over the Arctic, as the shortest path goes");
});

test("a short pair across 180° stays short, in both directions", () => {
  for (const [a, b] of [[[60, 179], [60, -179]], [[60, -179], [60, 179]]]) {
    const line = greatCircle(a, b);
    const span = Math.abs(line.at(-1)[1] - line[0][1]);
    assert.ok(span < 3, `spans ${span}° instead of 2°`);
    assert.deepEqual(plain(line[0]), a);
  }
});

test("short arcs get few points, long ones at most 33, one place two", () => {
  assert.equal(greatCircle([51, 10], [51.1, 10.1]).length, 3);
  assert.equal(greatCircle([52.5, 13.4], [43.1, 131.9]).length, 33);
  assert.deepEqual(plain(greatCircle([51, 10], [51, 10])), [[51, 10], [51, 10]]);
});

test("each arc is computed and projected once, then served from the cache", () => {
  const model = new PM.Model(tinyData());
  let projected = 0;
  const g = new PM.Geometry(model, ll => { projected++; return {x: ll[1], y: -ll[0]}; });
  const first = g.projectedArc(0), calls = projected;
  assert.equal(g.projectedArc(0), first);
  assert.equal(projected, calls);
  assert.equal(g.arc(2), g.arc(2));
  const box = g.arcBox(2);
  assert.ok(box[2] > 180, "the box of an arc across 180° reaches past it, unwrapped");
});

test("segment distance and rectangle overlap", () => {
  assert.equal(PM.geometry.segDistance(0, 5, -10, 0, 10, 0), 5);
  assert.equal(PM.geometry.segDistance(20, 0, -10, 0, 10, 0), 10);
  assert.ok(PM.geometry.rectsOverlap({x: 0, y: 0, w: 10, h: 10}, {x: 9, y: 9, w: 5, h: 5}));
  assert.ok(!PM.geometry.rectsOverlap({x: 0, y: 0, w: 10, h: 10}, {x: 10, y: 0, w: 5, h: 5}));
});
