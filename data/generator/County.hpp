#pragma once
// The generated county, in local metres around its centre (x east, y north);
// the writers place it in CGCS2000 / Gauss-Kruger CM 120E and CGCS2000.
#include <map>
#include <string>
#include <vector>

namespace sample {

struct XY {
  double x, y;
};
using Line = std::vector<XY>;
using Ring = std::vector<XY>;

struct Settlement {
  std::string name;
  XY at;
  double sigma;    // m, spread of its population
  double peak;     // people per km^2 at its centre
  bool town = false;
};

struct Township {
  std::string name, code, level;
  XY seat;
  std::vector<Ring> polygon;  // exterior rings of its parts
};

struct Road {
  std::string id, name, roadClass;
  Line line;
};

struct Park {
  std::string id, name;
  double score;
  Ring ring;
};

struct Substance {
  std::string zh, en, cas;
  double Q;  // critical quantity, t (GB 18218-2018 Table 1)
};

struct Holding {
  const Substance* substance;
  double q;
};

struct Plant {
  std::string id, name, industry, parkId;
  XY at;
  Ring site;  // empty: a point
  std::vector<Holding> inventory;
  double safetyDistance = -1;  // < 0: not given
  bool inTown = false;
};

struct Pipeline {
  std::string id, name, medium, op;
  double od, mop;
  Line line;
};

struct Target {
  std::string name, kind;
  XY at;
  int people;
};

struct Building {
  std::string id;
  XY at;
  int storeys, households;
};

struct Accident {
  std::string id, date, roadId;
  XY at;
  int deaths, injuries;
};

struct Pond {
  std::string id, name, tailingsType, state, op;
  double capacity, height, stored;  // 10^4 m3, m, 10^4 m3
  int monitored;
  Ring ring;
};

struct County {
  std::string name = "江澄县", code = "330699";
  Ring outline;
  std::vector<Township> townships;
  std::vector<Township> neighbours;  // the other counties of its city (the poster's locator)
  std::vector<Settlement> settlements;
  std::vector<Ring> hills, lakes;
  Line river;
  // Population raster: 100 m cells, row 0 at the top (north).
  double originX = 0, originY = 0;  // top-left corner, local metres
  int cols = 0, rows = 0;
  std::vector<float> people;        // -1 outside the county
  std::vector<Road> roads;
  std::vector<Park> parks;
  std::vector<Plant> plants;
  std::vector<Pipeline> pipelines;
  std::vector<Target> targets;
  std::vector<Building> buildings;
  std::vector<Accident> accidents;
  double populationTotal = 0;
  // Terrain (makeTerrain): heights in m on demCell cells, row 0 at the top.
  double demOriginX = 0, demOriginY = 0, demCell = 0;
  int demCols = 0, demRows = 0;
  std::vector<float> dem;
  std::vector<Pond> ponds;
};

}  // namespace sample
