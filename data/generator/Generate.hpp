#pragma once
// The generation steps, in the order main runs them; each adds to County.
#include "County.hpp"
#include "Random.hpp"

namespace sample {

// outline (given: a province's county cell; none: the sample county's own), townships, settlements, hills, water
void makeGeography(County& c, Random& rnd, const Ring* outline = nullptr);
void makePopulation(County& c, Random& rnd);  // the 100 m population raster
void makeRoads(County& c, Random& rnd);
void makeHazards(County& c, Random& rnd);     // parks, plants, pipelines
void makeTargets(County& c, Random& rnd);     // protected targets and buildings
void makeAccidents(County& c, Random& rnd);
void makeNeighbours(County& c);  // the city round the county; no randomness, so nothing else moves
// The terrain (a DEM with valleys in the south-west hills) and three tailings
// ponds in them, from a random stream of its own: nothing drawn before moves.
void makeTerrain(County& c, std::uint64_t seed);

// Geometry helpers shared by the steps.
bool inside(const Ring& ring, XY p);
double distanceToLine(const Line& line, XY p);
bool isWaterOrHill(const County& c, XY p);
double populationAt(const County& c, XY p);   // people in the cell at p; 0 outside
Line wiggle(XY from, XY to, double amplitude, double waves, Random& rnd);
XY pointAlong(const Line& line, double fraction);
double length(const Line& line);

}  // namespace sample
