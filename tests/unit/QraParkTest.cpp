// A chemical park's summed individual risk and its F-N (qra/ParkRisk.hpp)
// against a hand solution: two identical gasoline pool fires of one park,
// their lethality written out by hand from the thermal probit, independently
// of layers/hazard_sources/qra.
#include "BuiltinKinds.hpp"
#include "qra/PlantRisk.hpp"
#include "qra/PlantSocietalRisk.hpp"
#include "riskmap/assess/Rules.hpp"
#include "QraTankRules.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <numbers>

using namespace riskmap;
using namespace riskmap::qra;
using nlohmann::json;

namespace {

// One gasoline tank in a 250 m2 bund, its total loss 5e-4 per year; tau =
// 1 (no humidity); 2 m cells; an existing installation.
Rules parkRules() { return test::qraTankRules(5e-4); }

constexpr double kFrequency = 5e-4 * 0.065;  // the LOC x the pool-fire ignition probability

// By hand: the pool fills the bund, D = sqrt(4 x 250 / pi); m'' = 0.055 (1 -
// e^(-2.1 D)); Q = m'' x 250 x 43.7 MJ/kg; Thomas's flame height H; the
// point source at H/2 radiating 0.35 Q; the thermal probit -36.38 + 2.56
// ln(q^(4/3) x 20 s), certain death from 37.5 kW/m2, nothing below 1 %.
double handLethality(double r) {
  const double d = std::sqrt(1000 / std::numbers::pi);
  const double m = 0.055 * (1 - std::exp(-2.1 * d));
  const double h = 42 * d * std::pow(m / (1.2 * std::sqrt(9.81 * d)), 0.61);
  const double flux = 0.35 * m * 250 * 43.7e6 / (4 * std::numbers::pi * (r * r + h * h / 4));
  if (flux >= 37500) return 1;
  const double pr = -36.38 + 2.56 * std::log(std::pow(flux, 4.0 / 3) * 20);
  const double p = 0.5 * std::erfc(-(pr - 5) / std::sqrt(2.0));
  return p < 0.01 ? 0 : p;
}

double handRisk(double r) { return kFrequency * handLethality(r); }

// The distance at which one plant's risk falls to `level` (it falls with r).
double handRadius(double level) {
  double lo = 0, hi = 2000;
  for (int i = 0; i < 100; ++i) {
    const double mid = (lo + hi) / 2;
    (handRisk(mid) > level ? lo : hi) = mid;
  }
  return lo;
}

struct Person {
  OGRPoint at;
  double people;
};

class ParkExposure : public ExposureQueries {
 public:
  std::vector<std::pair<std::string, OGRPoint>> targets;
  std::vector<Person> people;
  PeopleCount countPeople(const OGRGeometry&) override { return {0, 1.0}; }
  std::vector<PeoplePoint> peoplePoints(const OGRGeometry& zone) override {
    std::vector<PeoplePoint> out;
    for (const Person& p : people)
      if (zone.Intersects(&p.at)) out.push_back({p.at.getX(), p.at.getY(), p.people});
    return out;
  }
  std::map<std::string, long long> targetsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> targetListIn(const OGRGeometry& zone) override {
    std::vector<NearbyFeature> out;
    for (const auto& [name, at] : targets)
      if (zone.Intersects(&at)) out.push_back({&at, "school", name});
    return out;
  }
  std::vector<NearbyFeature> buildingsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> roadsIn(const OGRGeometry&) override { return {}; }
};

// F(N) off rows of societal_risk: the frequency of the step with the
// smallest N at or above `deaths`.
double fAt(const std::vector<const SourcePart*>& rows, double deaths) {
  double f = 0, best = INFINITY;
  for (const SourcePart* r : rows) {
    const double n = r->attributes["deaths"].get<double>();
    if (n >= deaths * (1 - 1e-9) && n < best) best = n, f = r->attributes["frequency_per_year"].get<double>();
  }
  return f;
}

}  // namespace

TEST(QraPark, TwoPlantsRiskAddsAtTheMidpointAndTheParkFnIsTheUnionOfTheirOutcomes) {
  const auto kind = makeHazardSourcesKind();
  const Rules rules = parkRules();
  // The plants 2 r apart, r where one plant's risk is 2.5e-6/y: at the
  // midpoint each alone stays below a school's 3e-6 (existing installation,
  // GB 36894-2018 Table 1), the two together (5e-6) do not.
  const double half = handRadius(2.5e-6);
  ASSERT_GT(half, 30);  // beyond the bund: the pool fire's flux falls there
  const double x0 = 500000, y0 = 3300000, xm = x0 + half;
  const OGRPoint siteA(x0, y0), siteB(x0 + 2 * half, y0), siteC(x0 + 20000, y0);
  ParkExposure exposure;
  exposure.targets = {{"midpoint school", OGRPoint(xm, y0)}};
  // People: one on every 5 m point around the park, two east of the midpoint.
  for (double x = x0 - 200; x <= x0 + 2 * half + 200; x += 5)
    for (double y = y0 - 200; y <= y0 + 200; y += 5) exposure.people.push_back({OGRPoint(x, y), x > xm ? 2.0 : 1.0});

  AssessedSources plants;
  for (const auto& [id, site, park] : {std::tuple{"A", &siteA, "P1"}, std::tuple{"B", &siteB, "P1"},
                                       std::tuple{"C", &siteC, "P2"}}) {
    AttributeRecord rec;
    rec.set("inventory", R"([{"substance":"汽油","q_t":592,"Q_t":200}])");
    rec.set("equipment", R"([{"equipment_id":"T-1","type":"atmospheric_tank","substance":"汽油","phase":"liquid",
                              "volume_m3":"1000","pressure_mpa":"0","bund_area_m2":"250"}])");
    rec.set("park_id", park);
    ASSERT_FALSE(kind->checkRecord(rec));
    SourceFeature f;
    f.layer = "hazard_sources";
    f.id = id;
    f.geometry = site;
    f.attributes = rec;
    SourceAssessment a = kind->assess(f, exposure, rules);
    plants.emplace_back(std::move(f), std::move(a));
  }
  const std::vector<SourcePart> park = kind->assessAcrossSources(plants, exposure, rules);

  // Each plant alone: the school's risk is one plant's at r, within its criterion.
  for (int i = 0; i < 2; ++i)
    for (const SourcePart& p : plants[i].second.parts)
      if (p.table == kTargetChecksTable) {
        EXPECT_EQ(p.attributes["scope"], "plant");
        EXPECT_NEAR(p.attributes["individual_risk"].get<double>(), 2.5e-6, 0.01 * 2.5e-6);
        EXPECT_EQ(p.attributes["exceeds"], 0);
      }
  // The park's check: twice one plant's risk at r, above the criterion only on the sum.
  const SourcePart* school = nullptr;
  std::map<std::string, const SourcePart*> contours;
  std::vector<const SourcePart*> parkFn, fnA, fnB;
  for (const SourcePart& p : park) {
    EXPECT_EQ(p.sourceId, "P1") << "a park of one plant has no rows of its own";
    EXPECT_EQ(p.attributes["scope"], "park");
    if (p.table == kTargetChecksTable) school = &p;
    if (p.table == kContoursTable) contours[p.attributes["level_text"]] = &p;
    if (p.table == kSocietalRiskTable) parkFn.push_back(&p);
  }
  ASSERT_NE(school, nullptr);
  EXPECT_NEAR(school->attributes["individual_risk"].get<double>(), 2 * handRisk(half), 0.01 * 5e-6);
  EXPECT_NEAR(school->attributes["largest_plant_risk"].get<double>(), handRisk(half), 0.01 * 2.5e-6);
  EXPECT_EQ(school->attributes["exceeds"], 1);
  EXPECT_EQ(school->attributes["verdict"], "exceeds its criterion on the park's summed risk only");
  const std::string rule = plants[0].second.grade.rule;
  EXPECT_NE(rule.find("1 only on the sum: midpoint school"), std::string::npos) << rule;
  EXPECT_EQ(plants[1].second.grade.figures["qra"]["park"]["targets_exceeding_only_on_the_sum"], 1);
  EXPECT_EQ(plants[2].second.grade.rule.find("chemical park"), std::string::npos) << "C's park has one plant";

  // The summed 3e-6 contour joins the plants: across the midpoint it spans
  // 2 y, where 2 x risk(sqrt(r^2 + y^2)) = 3e-6 (alone neither reaches it).
  ASSERT_TRUE(contours.count("3e-6"));
  const double rho = handRadius(1.5e-6), y = std::sqrt(rho * rho - half * half);
  OGRLineString across;
  across.addPoint(xm, y0 - 500);
  across.addPoint(xm, y0 + 500);
  const std::unique_ptr<OGRGeometry> cut(contours["3e-6"]->geometry->Intersection(&across));
  ASSERT_TRUE(cut && !cut->IsEmpty());
  const double spanned = OGR_G_Length(OGRGeometry::ToHandle(cut.get()));
  EXPECT_NEAR(spanned, 2 * y, 0.01 * 2 * y + 2);
  EXPECT_GT(y, 10);  // the test means something
  // Along the axis, past B: B's own radius (A adds nothing that far).
  OGREnvelope e;
  contours["3e-6"]->geometry->getEnvelope(&e);
  EXPECT_NEAR(e.MaxX - siteB.getX(), handRadius(3e-6), 0.01 * handRadius(3e-6) + 2);
  EXPECT_NEAR(siteA.getX() - e.MinX, handRadius(3e-6), 0.01 * handRadius(3e-6) + 2);

  // F-N: each plant's one pool fire kills N = sum of people x lethality by
  // hand; the park's curve is both outcomes together, F at each N the sum.
  auto handDeaths = [&](const OGRPoint& site) {
    double n = 0;
    for (const Person& p : exposure.people) n += p.people * handLethality(p.at.Distance(&site));
    return n;
  };
  const double nA = handDeaths(siteA), nB = handDeaths(siteB);
  ASSERT_GT(nA, 1);
  ASSERT_GT(nB, nA * 1.2);  // more people east: two distinct steps
  for (const SourcePart& p : plants[0].second.parts)
    if (p.table == kSocietalRiskTable) fnA.push_back(&p);
  for (const SourcePart& p : plants[1].second.parts)
    if (p.table == kSocietalRiskTable) fnB.push_back(&p);
  ASSERT_EQ(fnA.size(), 1u);
  ASSERT_EQ(fnB.size(), 1u);
  EXPECT_NEAR(fnA[0]->attributes["deaths"].get<double>(), nA, 0.01 * nA);
  EXPECT_NEAR(fnB[0]->attributes["deaths"].get<double>(), nB, 0.01 * nB);
  ASSERT_EQ(parkFn.size(), 2u);
  const double stepA = fnA[0]->attributes["deaths"].get<double>(), stepB = fnB[0]->attributes["deaths"].get<double>();
  for (double n : {1.0, stepA, (stepA + stepB) / 2, stepB, stepB * 1.01})
    EXPECT_NEAR(fAt(parkFn, n), fAt(fnA, n) + fAt(fnB, n), 1e-12) << "N = " << n;
  EXPECT_NEAR(fAt(parkFn, stepA), 2 * kFrequency, 1e-12);
  EXPECT_NEAR(fAt(parkFn, stepB), kFrequency, 1e-12);
  EXPECT_EQ(fAt(parkFn, stepB * 1.01), 0);
}
